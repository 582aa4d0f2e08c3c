/**
 * The full client's password encryption (lib/rsa): encrypted here, decrypted with node-forge,
 * as Authing's server (and the emulator) decrypt it; and every way it must refuse to send.
 */
import { randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { AuthingError, ErrorCodes } from '../../lib/core';
import { base64Decode, base64Encode, utf8Encode } from '../../lib/rsa/bytes';
import { createEncryptFunction, encryptPassword, rsaEncrypt } from '../../lib/rsa/encrypt';
import { parsePublicKey } from '../../lib/rsa/public-key';
import type { RandomSource } from '../../lib/rsa/random';

const nodeRandom: RandomSource = async (length) => new Uint8Array(randomBytes(length));

interface KeyFixture {
  bits: number;
  keys: forge.pki.rsa.KeyPair;
  spki: string;
  pkcs1: string;
}

function keyFixture(bits: number): KeyFixture {
  const keys = forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 });
  return { bits, keys, spki: forge.pki.publicKeyToPem(keys.publicKey), pkcs1: forge.pki.publicKeyToRSAPublicKeyPem(keys.publicKey) };
}

function decrypt(fixture: KeyFixture, ciphertext: string): string {
  const bytes = forge.util.decode64(ciphertext);
  expect(bytes.length).toBe(fixture.bits / 8);
  return forge.util.decodeUtf8(fixture.keys.privateKey.decrypt(bytes, 'RSAES-PKCS1-V1_5'));
}

async function failure(promise: Promise<unknown>): Promise<AuthingError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthingError);
    return error as AuthingError;
  }
  throw new Error('expected a rejection');
}

const fixtures = [keyFixture(1024), keyFixture(2048)];
const TEXTS = ['passw0rd', '密码Ünïcödé', '🔑🐼 emoji', '', ' spaces and "quotes" \\ / \n'];

describe.each(fixtures)('RSA PKCS#1 v1.5, $bits-bit key', (fixture) => {
  const encrypt = createEncryptFunction(nodeRandom);

  it.each(TEXTS)('round-trips %j with an SPKI and a PKCS#1 PEM', async (text) => {
    expect(decrypt(fixture, await encrypt(text, fixture.spki))).toBe(text);
    expect(decrypt(fixture, await encrypt(text, fixture.pkcs1))).toBe(text);
  });

  it('takes the bare base64 body of the key too, as jsencrypt does', async () => {
    const body = fixture.spki.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    expect(decrypt(fixture, await encrypt('bare', body))).toBe('bare');
  });

  it('carries the longest message the key allows (k - 11 bytes)', async () => {
    const longest = 'm'.repeat(fixture.bits / 8 - 11);
    expect(decrypt(fixture, await encrypt(longest, fixture.spki))).toBe(longest);
    // 3-byte characters: the limit is in bytes, not characters.
    const cjk = '密'.repeat(Math.floor((fixture.bits / 8 - 11) / 3));
    expect(decrypt(fixture, await encrypt(cjk, fixture.spki))).toBe(cjk);
  });

  it('refuses one byte more, before drawing any randomness', async () => {
    const draws: number[] = [];
    const counting: RandomSource = (length) => {
      draws.push(length);
      return nodeRandom(length);
    };
    const error = await failure(createEncryptFunction(counting)('m'.repeat(fixture.bits / 8 - 10), fixture.spki));
    expect(error.code).toBe(ErrorCodes.ENCRYPTION_ERROR);
    expect(error.message).toMatch(/at most/);
    expect(draws).toEqual([]);
  });

  it('pads with fresh non-zero random bytes: 00 02 PS 00 M, PS from the random source', async () => {
    const drawn: number[] = [];
    const recording: RandomSource = async (length) => {
      const bytes = await nodeRandom(length);
      drawn.push(...Array.from(bytes));
      return bytes;
    };
    const ciphertext = await rsaEncrypt('pw', fixture.spki, recording);
    const em = Array.from(fixture.keys.privateKey.decrypt(forge.util.decode64(ciphertext), 'RAW'), (c) => c.charCodeAt(0));
    const k = fixture.bits / 8;
    const psLength = k - 2 - 3;
    expect(em.slice(0, 2)).toEqual([0, 2]);
    const ps = em.slice(2, 2 + psLength);
    expect(ps.every((b) => b !== 0)).toBe(true);
    expect(ps).toEqual(drawn.filter((b) => b !== 0).slice(0, psLength));
    expect(em.slice(2 + psLength)).toEqual([0, ...utf8Encode('pw')]);
  });

  it('gives a different ciphertext each time', async () => {
    const a = await encrypt('same', fixture.spki);
    const b = await encrypt('same', fixture.spki);
    expect(a).not.toBe(b);
  });
});

describe('RSA output and inputs', () => {
  const fixture = fixtures[0];

  it('always prints the full modulus length, even when the number has leading zero bytes', async () => {
    // jsencrypt drops a leading zero byte once in 256; 600 tries would likely meet one.
    const encrypt = createEncryptFunction(nodeRandom);
    for (let i = 0; i < 600; i++) {
      const raw = forge.util.decode64(await encrypt(`pw${i}`, fixture.spki));
      expect(raw.length).toBe(128);
    }
  });

  it('skips zero bytes from the random source, and gives up on a source that only returns zeros', async () => {
    let calls = 0;
    const sparse: RandomSource = async (length) => {
      calls++;
      const bytes = await nodeRandom(length);
      for (let i = 0; i < bytes.length; i += 2) bytes[i] = 0;
      return bytes;
    };
    expect(decrypt(fixture, await createEncryptFunction(sparse)('pw', fixture.spki))).toBe('pw');
    expect(calls).toBeGreaterThan(1);

    const zeros: RandomSource = async (length) => new Uint8Array(length);
    const error = await failure(createEncryptFunction(zeros)('pw', fixture.spki));
    expect(error.code).toBe(ErrorCodes.ENCRYPTION_ERROR);
    expect(error.message).toMatch(/zero bytes/);
  });

  it('never touches Math.random', async () => {
    const spy = jest.spyOn(Math, 'random');
    try {
      await createEncryptFunction(nodeRandom)('pw', fixture.spki);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it.each([
    ['garbage', 'not a key at all'],
    ['truncated', fixture.spki.slice(0, 120) + '\n-----END PUBLIC KEY-----'],
    [
      'an EC key',
      '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEWcn8bRxxHYDg8Ux0iSAgmYTFXRJSqOxz5hGcVYs8OfKumcT/NLdYRSbVn4nmt0X/bw5ckVeXpTVgSzIYoUhL7w==\n-----END PUBLIC KEY-----',
    ],
    ['empty', ''],
  ])('rejects %s as a public key with ENCRYPTION_ERROR', async (_label, pem) => {
    const error = await failure(createEncryptFunction(nodeRandom)('pw', pem));
    expect(error.code).toBe(ErrorCodes.ENCRYPTION_ERROR);
    expect(error.message).toMatch(/未发送/);
  });

  it('refuses SM2 rather than sending an RSA ciphertext the server would not expect', async () => {
    const error = await failure(createEncryptFunction(nodeRandom)('pw', fixture.spki, { type: 'sm2', publicKey: '04ab' }));
    expect(error.code).toBe(ErrorCodes.ENCRYPTION_ERROR);
    expect(error.message).toMatch(/SM2/);
  });

  it('reads the modulus and exponent of both PEM kinds alike', () => {
    const a = parsePublicKey(fixture.spki);
    const b = parsePublicKey(fixture.pkcs1);
    expect(a.size).toBe(128);
    expect(a.n).toEqual(b.n);
    expect(a.n).toHaveLength(128);
    expect(a.e).toEqual([0x01, 0x00, 0x01]);
  });
});

describe('the default random source, wx.getRandomValues', () => {
  const fixture = fixtures[0];
  const global = globalThis as unknown as { wx?: unknown };

  afterEach(() => {
    delete global.wx;
  });

  it('encrypts with wx.getRandomValues when the base library has it', async () => {
    const lengths: number[] = [];
    global.wx = {
      getRandomValues(options: { length: number; success: (res: { randomValues: ArrayBuffer }) => void }) {
        lengths.push(options.length);
        const bytes = randomBytes(options.length);
        setTimeout(() => options.success({ randomValues: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) }), 0);
      },
    };
    expect(decrypt(fixture, await encryptPassword('pw', fixture.spki))).toBe('pw');
    expect(lengths.length).toBeGreaterThan(0);
  });

  it.each([
    ['no wx at all (a plugin, a test without the simulator)', undefined],
    ['a base library before 2.15.0', {}],
    [
      'wx.getRandomValues failing',
      {
        getRandomValues: (options: { fail: (res: { errMsg: string }) => void }) =>
          options.fail({ errMsg: 'getRandomValues:fail system error' }),
      },
    ],
    [
      'wx.getRandomValues answering short',
      {
        getRandomValues: (options: { success: (res: { randomValues: ArrayBuffer }) => void }) =>
          options.success({ randomValues: new ArrayBuffer(4) }),
      },
    ],
  ])('fails loudly with %s, never sending "false"', async (_label, wx) => {
    if (wx !== undefined) global.wx = wx;
    const error = await failure(encryptPassword('pw', fixture.spki));
    expect(error.code).toBe(ErrorCodes.ENCRYPTION_ERROR);
    expect(error.message).toMatch(/未发送/);
  });
});

describe('byte helpers', () => {
  it('encode UTF-8 as Node does, lone surrogates as U+FFFD', () => {
    for (const text of ['', 'abc', 'ü', '密码', '🔑', 'a\ud800b', '\udc00', 'x\ud83d']) {
      expect(Buffer.from(utf8Encode(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
    }
  });

  it('base64 round-trips any length, and refuses what is not base64', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = randomBytes(length);
      const encoded = base64Encode(bytes);
      expect(encoded).toBe(bytes.toString('base64'));
      expect(Buffer.from(base64Decode(encoded) as number[]).equals(bytes)).toBe(true);
    }
    expect(base64Decode('a$b=')).toBeNull();
    expect(base64Decode('abcde')).toBeNull();
  });
});
