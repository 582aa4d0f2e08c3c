import { AuthingError, ErrorCodes } from '../core';
import { base64Encode, utf8Encode } from './bytes';
import { modPow } from './modpow';
import { assertFits, pkcs1v15Pad } from './pkcs1-v15';
import { parsePublicKey } from './public-key';
import { nonZeroRandomBytes, wxRandomBytes, type RandomSource } from './random';

/** authing-js-sdk's `options.encryption`: `{ type: 'sm2', publicKey }` selects 国密 SM2. */
export interface EncryptionOption {
  type: string;
  publicKey: string;
}

/** The shape of authing-js-sdk's `options.encryptFunction`. */
export type EncryptFunction = (plainText: string, publicKey: string, encryption?: EncryptionOption) => Promise<string>;

/**
 * RSAES-PKCS1-v1_5 (what Authing's server and jsencrypt speak) → base64. The ciphertext is always
 * the full modulus length (jsencrypt drops a leading zero byte once in 256 encryptions).
 */
export async function rsaEncrypt(plainText: string, publicKeyPem: string, random: RandomSource): Promise<string> {
  const key = parsePublicKey(publicKeyPem);
  const message = utf8Encode(plainText);
  assertFits(message.length, key.size);
  const padding = await nonZeroRandomBytes(key.size - message.length - 3, random);
  const encoded = pkcs1v15Pad(message, key.size, padding);
  return base64Encode(modPow(encoded, key.e, key.n, key.size));
}

function encryptionError(reason: string, cause: unknown): AuthingError {
  return new AuthingError(
    ErrorCodes.ENCRYPTION_ERROR,
    `密码加密失败，未发送: ${reason}`,
    cause instanceof Error ? { reason: cause.message } : null,
  );
}

/**
 * The full client's default `encryptFunction`. Any failure rejects with ENCRYPTION_ERROR, so a
 * password is either encrypted properly or not sent (the seed SDK sent the string "false").
 */
export function createEncryptFunction(random: RandomSource = wxRandomBytes): EncryptFunction {
  return async (plainText, publicKey, encryption) => {
    if (encryption && encryption.type === 'sm2') {
      throw encryptionError('SM2 (国密) 加密未包含在本 SDK 中，请通过 options.encryptFunction 提供', null);
    }
    if (typeof plainText !== 'string') throw encryptionError('明文必须是字符串', null);
    if (typeof publicKey !== 'string' || !publicKey) throw encryptionError('缺少 RSA 公钥', null);
    try {
      return await rsaEncrypt(plainText, publicKey, random);
    } catch (error) {
      throw encryptionError(error instanceof Error ? error.message : String(error), error);
    }
  };
}

export const encryptPassword: EncryptFunction = createEncryptFunction();
