import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/**
 * The password-field key pair behind `GET /api/v2/.well-known`. authing-js-sdk encrypts with
 * RSAES-PKCS1-v1_5 (jsencrypt); Node 20 refuses that padding for private decryption
 * (CVE-2023-46809), so decryption goes through node-forge.
 */
export interface PasswordKeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

export function generatePasswordKeyPair(): PasswordKeyPair {
  // 1024 bits, as Authing's public cloud key; PKCS#1 v1.5 then carries up to 117 bytes of password.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
}

export class PasswordDecrypter {
  private readonly key: forge.pki.rsa.PrivateKey;

  constructor(privateKeyPem: string) {
    this.key = forge.pki.privateKeyFromPem(privateKeyPem);
  }

  /** Returns the plaintext, or null when the field is not a ciphertext made with our public key. */
  decrypt(base64Ciphertext: string): string | null {
    if (typeof base64Ciphertext !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64Ciphertext)) return null;
    try {
      let bytes = forge.util.decode64(base64Ciphertext);
      // jsencrypt prints the RSA result as an unpadded number, so 1 ciphertext in 256 loses a leading
      // zero byte. OpenSSL (Authing's server) accepts those; forge wants the full modulus length.
      const missing = Math.ceil(this.key.n.bitLength() / 8) - bytes.length;
      if (missing >= 1 && missing <= 3) bytes = '\0'.repeat(missing) + bytes;
      return forge.util.decodeUtf8(this.key.decrypt(bytes, 'RSAES-PKCS1-V1_5'));
    } catch {
      return null;
    }
  }
}
