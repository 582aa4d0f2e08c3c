/** PKCS#1 v1.5 needs at least 8 padding bytes: 3 bytes of framing plus those 8. */
export const PKCS1_OVERHEAD = 11;

/** Refuses a message the key cannot carry, before any randomness is spent on it. */
export function assertFits(messageBytes: number, modulusBytes: number): void {
  if (messageBytes > modulusBytes - PKCS1_OVERHEAD) {
    throw new Error(`message is ${messageBytes} bytes; this key takes at most ${modulusBytes - PKCS1_OVERHEAD}`);
  }
}

/**
 * EME-PKCS1-v1_5 encoding (RFC 8017 §7.2.1): 00 02 PS 00 M, where PS are `k - mLen - 3`
 * non-zero random bytes. The caller supplies them so the randomness source stays explicit.
 */
export function pkcs1v15Pad(message: ArrayLike<number>, modulusBytes: number, nonZeroRandom: ArrayLike<number>): number[] {
  assertFits(message.length, modulusBytes);
  const paddingLength = modulusBytes - message.length - 3;
  if (nonZeroRandom.length < paddingLength) throw new Error('not enough random bytes for the padding');
  const encoded: number[] = [0x00, 0x02];
  for (let i = 0; i < paddingLength; i++) {
    const byte = nonZeroRandom[i];
    if (byte === 0 || byte > 0xff) throw new Error('padding bytes must be non-zero');
    encoded.push(byte);
  }
  encoded.push(0x00);
  for (let i = 0; i < message.length; i++) encoded.push(message[i]);
  return encoded;
}
