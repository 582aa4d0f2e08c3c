/**
 * ArrayBuffers that behave under jest's jsdom environment.
 *
 * There the test's ArrayBuffer and Node's are different classes, so `instanceof`
 * lies across them: test the tag, and build results from this realm's
 * Uint8Array so the app's `instanceof ArrayBuffer` holds.
 */

export function isArrayBuffer(v: unknown): v is ArrayBuffer {
  return Object.prototype.toString.call(v) === '[object ArrayBuffer]';
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}
