/** node:crypto for the simulator in the browser: only randomBytes, from the Web Crypto API. */
import { Buffer } from 'buffer';

export function randomBytes(length: number): Buffer {
  const bytes = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call.
  for (let offset = 0; offset < length; offset += 65536) {
    globalThis.crypto.getRandomValues(bytes.subarray(offset, Math.min(length, offset + 65536)));
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
