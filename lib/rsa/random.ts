/** Cryptographically secure random bytes, asynchronously (the only way WeChat gives them). */
export type RandomSource = (length: number) => Promise<Uint8Array>;

/**
 * `wx.getRandomValues` (base library 2.15.0+; not inside 小程序插件). There is deliberately no
 * fallback: padding drawn from Math.random makes the ciphertext guessable, so without a secure
 * source the password is not sent at all.
 */
export const wxRandomBytes: RandomSource = (length) =>
  new Promise((resolve, reject) => {
    if (typeof wx === 'undefined' || typeof wx.getRandomValues !== 'function') {
      reject(new Error('wx.getRandomValues is unavailable (base library < 2.15.0, or a plugin)'));
      return;
    }
    wx.getRandomValues({
      length,
      success: (res) => {
        const bytes = new Uint8Array(res.randomValues);
        if (bytes.length !== length) reject(new Error(`wx.getRandomValues returned ${bytes.length} of ${length} bytes`));
        else resolve(bytes);
      },
      fail: (err) => reject(new Error(`wx.getRandomValues failed: ${err && err.errMsg}`)),
    });
  });

/** Zero bytes are about 1 in 256; a source that keeps returning them is broken, not unlucky. */
const MAX_DRAWS = 8;

/** `count` random bytes none of which is zero, as PKCS#1 v1.5 padding needs. */
export async function nonZeroRandomBytes(count: number, source: RandomSource): Promise<number[]> {
  const out: number[] = [];
  for (let draw = 0; draw < MAX_DRAWS && out.length < count; draw++) {
    // Ask for a little more than missing so one draw nearly always suffices.
    const bytes = await source(count - out.length + 16);
    for (let i = 0; i < bytes.length && out.length < count; i++) if (bytes[i] !== 0) out.push(bytes[i]);
  }
  if (out.length < count) throw new Error('the random source keeps returning zero bytes');
  return out;
}
