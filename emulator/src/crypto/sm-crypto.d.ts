/** The part of sm-crypto (no published types) the emulator uses: SM2 keys and decryption. */
declare module 'sm-crypto' {
  export const sm2: {
    generateKeyPairHex(): { publicKey: string; privateKey: string };
    /** cipherMode 1 = C1C3C2 (the default of sm-crypto's doEncrypt); answers '' when the ciphertext is not ours. */
    doDecrypt(encryptData: string, privateKey: string, cipherMode?: 0 | 1): string;
    doEncrypt(msg: string, publicKey: string, cipherMode?: 0 | 1): string;
  };
}
