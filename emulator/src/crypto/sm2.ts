import { sm2 } from 'sm-crypto';

/**
 * The SM2 half of `GET /api/v3/system` (`sm2.publicKey`, authing-node-sdk SystemInfoResp): a
 * key pair in sm-crypto's hex form, the library Authing's own authing-js-sdk encrypts SM2
 * passwords with (`doEncrypt(plain, publicKey)`, C1C3C2, hex, sent as `sm2:<hex>`).
 */
export interface Sm2KeyPair {
  publicKey: string;
  privateKey: string;
}

export const generateSm2KeyPair = (): Sm2KeyPair => sm2.generateKeyPairHex();

/** The plaintext, or null when the field is not hex ciphertext made with our public key. */
export function sm2Decrypt(privateKey: string, field: string): string | null {
  const hex = field.startsWith('sm2:') ? field.slice(4) : field;
  if (!/^[0-9a-f]{194,}$/i.test(hex) || hex.length % 2) return null;
  try {
    return sm2.doDecrypt(hex, privateKey, 1) || null;
  } catch {
    return null;
  }
}
