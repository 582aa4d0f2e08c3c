/**
 * The RSA public-key operation the phone runs (lib/rsa/modpow.ts), against Node's BigInt: random
 * moduli of every shape a key can have (odd, byte lengths that do and do not fill a 16-bit limb,
 * top limb small or full), random messages below them, exponents small and large.
 */
import { randomBytes } from 'node:crypto';
import { modPow } from '../../lib/rsa/modpow';

const toBig = (bytes: ArrayLike<number>): bigint => BigInt('0x' + (Buffer.from(Array.from(bytes)).toString('hex') || '0'));

function expected(m: number[], e: number[], n: number[], size: number): number[] {
  let result = BigInt(1);
  let base = toBig(m) % toBig(n);
  let exp = toBig(e);
  const mod = toBig(n);
  while (exp > BigInt(0)) {
    if (exp & BigInt(1)) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= BigInt(1);
  }
  return Array.from(Buffer.from(result.toString(16).padStart(size * 2, '0'), 'hex'));
}

/** A random odd n of `size` bytes with its top byte set to `top`, and an m < n. */
function randomCase(size: number, top: number): { n: number[]; m: number[] } {
  const n = Array.from(randomBytes(size));
  n[0] = top;
  n[size - 1] |= 1;
  const m = Array.from(randomBytes(size));
  m[0] = Math.floor(Math.random() * top); // below n's top byte: m < n
  return { n, m };
}

describe('modPow (Montgomery, 16-bit limbs)', () => {
  test.each([
    [64, 0xff],
    [65, 0x01],
    [127, 0x80],
    [128, 0xc3],
    [256, 0xff],
    [257, 0x02],
  ])('matches BigInt for %i-byte moduli (top byte %i)', (size, top) => {
    for (const e of [[0x01, 0x00, 0x01], [0x03], [0x01], Array.from(randomBytes(8))]) {
      const { n, m } = randomCase(size, top);
      expect(modPow(m, e, n, size)).toEqual(expected(m, e, n, size));
    }
  });

  test('m = 0 and m = 1, and a result with leading zero bytes keeps the modulus length', () => {
    const { n } = randomCase(128, 0xff);
    expect(modPow([0], [0x01, 0x00, 0x01], n, 128)).toEqual(new Array(128).fill(0));
    expect(modPow([1], [0x01, 0x00, 0x01], n, 128)).toEqual([...new Array(127).fill(0), 1]);
    for (let i = 0; i < 200; i++) {
      const { m } = randomCase(128, 0xff);
      const out = modPow(m, [0x01, 0x00, 0x01], n, 128);
      expect(out).toHaveLength(128);
      expect(out).toEqual(expected(m, [0x01, 0x00, 0x01], n, 128));
    }
  });
});
