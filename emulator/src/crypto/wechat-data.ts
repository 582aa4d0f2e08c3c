import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * WeChat's "open data" encryption, as its server-side decryption guide defines it:
 * AES-128-CBC with PKCS#7 padding, key = base64-decoded session_key (16 bytes),
 * iv = base64-decoded iv (16 bytes), ciphertext and iv carried in base64.
 */

export class WechatDataError extends Error {
  constructor(
    message: string,
    readonly reason: 'bad-key' | 'bad-iv' | 'decrypt' | 'json' | 'watermark',
  ) {
    super(message);
  }
}

function decode16(value: string, what: 'session_key' | 'iv'): Buffer {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== 16 || bytes.toString('base64') !== value) {
    throw new WechatDataError(`${what} must be 16 bytes in base64`, what === 'iv' ? 'bad-iv' : 'bad-key');
  }
  return bytes;
}

export function newSessionKey(): string {
  return randomBytes(16).toString('base64');
}

export function encryptWechatData(payload: object, sessionKey: string, iv = randomBytes(16).toString('base64')) {
  const cipher = createCipheriv('aes-128-cbc', decode16(sessionKey, 'session_key'), decode16(iv, 'iv'));
  const encryptedData = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]).toString('base64');
  return { encryptedData, iv };
}

export interface Watermark {
  appid: string;
  timestamp: number;
}

export function decryptWechatData<T extends { watermark?: Watermark }>(
  encryptedData: string,
  iv: string,
  sessionKey: string,
  expectedAppId: string,
): T {
  const decipher = createDecipheriv('aes-128-cbc', decode16(sessionKey, 'session_key'), decode16(iv, 'iv'));
  let plaintext: string;
  try {
    plaintext = Buffer.concat([decipher.update(Buffer.from(encryptedData, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    // A bad padding block is what a stale session_key looks like: the key changed after the data was made.
    throw new WechatDataError('encryptedData does not decrypt under the current session_key', 'decrypt');
  }
  let parsed: T;
  try {
    parsed = JSON.parse(plaintext) as T;
  } catch {
    throw new WechatDataError('decrypted data is not JSON', 'json');
  }
  if (!parsed || typeof parsed !== 'object' || parsed.watermark?.appid !== expectedAppId) {
    throw new WechatDataError('watermark appid does not match this mini program', 'watermark');
  }
  return parsed;
}

/** getUserInfo's `signature`: sha1(rawData + session_key), hex. */
export function signRawData(rawData: string, sessionKey: string): string {
  return createHash('sha1')
    .update(rawData + sessionKey, 'utf8')
    .digest('hex');
}
