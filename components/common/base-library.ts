/**
 * What the user's WeChat base library supports. WeChat answers unknown `canIUse` schemas with
 * false, and its table has lagged behind new features, so the version number is checked too.
 */

/** Base library that introduced `open-type="chooseAvatar"`, `<input type="nickname">` and getPhoneNumber's `code`. */
export const PROFILE_V2_VERSION = '2.21.2';

function compareVersion(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (parseInt(pa[i], 10) || 0) - (parseInt(pb[i], 10) || 0);
    if (diff !== 0) return diff > 0 ? 1 : -1;
  }
  return 0;
}

function baseLibraryVersion(): string {
  try {
    // getAppBaseInfo (2.25.3+) replaces the heavier, deprecated getSystemInfoSync.
    if (typeof wx.getAppBaseInfo === 'function') return wx.getAppBaseInfo().SDKVersion || '0';
    return wx.getSystemInfoSync().SDKVersion || '0';
  } catch {
    return '0';
  }
}

function canIUse(schema: string): boolean {
  try {
    return typeof wx.canIUse === 'function' && wx.canIUse(schema);
  } catch {
    return false;
  }
}

function supports(schema: string, since: string): boolean {
  return canIUse(schema) || compareVersion(baseLibraryVersion(), since) >= 0;
}

/** The avatar button and nickname input: the only way to a real profile since 2022-10-25. */
export function supportsChooseAvatar(): boolean {
  return supports('button.open-type.chooseAvatar', PROFILE_V2_VERSION);
}

export function supportsNicknameInput(): boolean {
  return supports('input.type.nickname', PROFILE_V2_VERSION);
}

/** wx.getUserProfile (2.10.4+; answered with the real profile below 2.27.1). */
export function supportsGetUserProfile(): boolean {
  return typeof wx.getUserProfile === 'function';
}

/** getPhoneNumber's `e.detail.code`; WeChat has no canIUse schema for it. */
export function supportsPhoneNumberCode(): boolean {
  return compareVersion(baseLibraryVersion(), PROFILE_V2_VERSION) >= 0;
}
