/**
 * m^e mod n for RSA encryption, on byte arrays: Montgomery multiplication over 16-bit limbs (every
 * product and sum stays below 2^53, so plain JS numbers are exact; WeChat's older engines have no
 * BigInt). This replaces jsbn (19.7 KB minified, all of it shipped to the phone) with the one
 * operation a public-key encryption needs. `n` must be odd (every RSA modulus is) and `m < n`
 * (PKCS#1 v1.5 padding starts with 0x00, which guarantees it). Nothing here is secret-dependent
 * in a way an observer could use: the exponent is public, and the message is encrypted on the
 * user's own phone.
 */

const BITS = 16;
const BASE = 1 << BITS;
const MASK = BASE - 1;

type Limbs = number[];

function zeros(count: number): Limbs {
  const limbs: Limbs = [];
  for (let i = 0; i < count; i++) limbs.push(0);
  return limbs;
}

/** Big-endian bytes → little-endian 16-bit limbs, `k` of them. */
function toLimbs(bytes: ArrayLike<number>, k: number): Limbs {
  const limbs = zeros(k);
  for (let i = 0; i < bytes.length; i++) {
    const bit = (bytes.length - 1 - i) * 8;
    limbs[bit >> 4] |= bytes[i] << (bit & 15);
  }
  return limbs;
}

function toBytes(limbs: Limbs, size: number): number[] {
  const bytes = zeros(size);
  for (let i = 0; i < size; i++) {
    const bit = (size - 1 - i) * 8;
    bytes[i] = (limbs[bit >> 4] >> (bit & 15)) & 0xff;
  }
  return bytes;
}

/** a >= b, for equal-length limb arrays. */
function notLess(a: Limbs, b: Limbs): boolean {
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** a -= b in place (a >= b). */
function subtract(a: Limbs, b: Limbs): void {
  let borrow = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i] - borrow;
    a[i] = d & MASK;
    borrow = d < 0 ? 1 : 0;
  }
}

/** a * b * R^-1 mod n (R = 2^(16k)), CIOS: multiply and reduce one limb at a time. */
function montMul(a: Limbs, b: Limbs, n: Limbs, nPrime: number): Limbs {
  const k = n.length;
  const t = zeros(k + 2);
  for (let i = 0; i < k; i++) {
    let carry = 0;
    for (let j = 0; j < k; j++) {
      const s = t[j] + a[i] * b[j] + carry;
      t[j] = s & MASK;
      carry = Math.floor(s / BASE);
    }
    let s = t[k] + carry;
    t[k] = s & MASK;
    t[k + 1] += Math.floor(s / BASE);
    // m makes t divisible by the base; adding m*n and dropping the low limb divides by it.
    const m = (t[0] * nPrime) & MASK;
    carry = Math.floor((t[0] + m * n[0]) / BASE);
    for (let j = 1; j < k; j++) {
      s = t[j] + m * n[j] + carry;
      t[j - 1] = s & MASK;
      carry = Math.floor(s / BASE);
    }
    s = t[k] + carry;
    t[k - 1] = s & MASK;
    t[k] = t[k + 1] + Math.floor(s / BASE);
    t[k + 1] = 0;
  }
  const result = t.slice(0, k);
  if (t[k] !== 0 || notLess(result, n)) subtract(result, n); // t < 2n: one subtraction at most (t[k] is its top bit)
  return result;
}

/** -n^-1 mod 2^16, by Newton's iteration (each step doubles the correct low bits: 1 → 2 → 4 → 8 → 16). */
function negativeInverse(n0: number): number {
  let x = 1;
  for (let i = 0; i < 4; i++) x = (x * (2 - ((n0 * x) & MASK))) & MASK;
  return (BASE - x) & MASK;
}

/** 2^(16k * power) mod n for power 1 (R) or 2 (R^2), by doubling: no division needed. */
function powerOfR(n: Limbs, power: number): Limbs {
  const k = n.length;
  const x = zeros(k);
  x[0] = 1;
  for (let i = 0; i < BITS * k * power; i++) {
    let carry = 0;
    for (let j = 0; j < k; j++) {
      const d = x[j] * 2 + carry;
      x[j] = d & MASK;
      carry = d >> BITS;
    }
    if (carry || notLess(x, n)) subtract(x, n);
  }
  return x;
}

/** m^e mod n; all big-endian byte arrays; the result has `size` bytes (the modulus length). */
export function modPow(m: ArrayLike<number>, e: ArrayLike<number>, n: ArrayLike<number>, size: number): number[] {
  const k = Math.ceil((n.length * 8) / BITS) + 1; // a spare limb keeps 2n below 2^(16k)
  const modulus = toLimbs(n, k);
  const nPrime = negativeInverse(modulus[0]);
  const base = montMul(toLimbs(m, k), powerOfR(modulus, 2), modulus, nPrime); // m·R mod n
  let x = powerOfR(modulus, 1); // 1·R mod n
  for (let i = 0; i < e.length; i++) {
    for (let bit = 7; bit >= 0; bit--) {
      x = montMul(x, x, modulus, nPrime);
      if ((e[i] >> bit) & 1) x = montMul(x, base, modulus, nPrime);
    }
  }
  const one = zeros(k);
  one[0] = 1;
  return toBytes(montMul(x, one, modulus, nPrime), size);
}
