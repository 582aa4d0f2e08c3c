/**
 * rpx, WeChat's responsive pixel (750rpx = the screen's width), as CSS the browser understands:
 * a multiple of `--rpx`, which the page sets from its phone frame's width.
 */
const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx\b/g;

/** `88rpx` → `calc(88 * var(--rpx, 0.5px))`, for WXSS declarations and inline styles alike. */
export function convertRpx(value: string): string {
  return value.replace(RPX, (_match, n: string) => `calc(${n} * var(--rpx, 0.5px))`);
}

/** Whether a value still has rpx lengths in it (the converted form mentions only `--rpx`). */
export function hasRpx(value: string): boolean {
  RPX.lastIndex = 0;
  return RPX.test(value);
}
