/**
 * Base-library (SDKVersion) arithmetic and the `wx.canIUse` table.
 *
 * A real phone only has the APIs its base library ships, so every gate in the
 * simulator goes through `isAtLeast` with the minimum versions listed here.
 * Sources: developers.weixin.qq.com API pages ("基础库 x.y.z 开始支持") and the
 * `button` component page (open-type minimum versions).
 */

/**
 * Compares two dotted versions numerically, the way WeChat's own
 * `compareVersion` sample does: missing parts count as 0, so '2.10' equals '2.10.0'.
 * Returns 1, 0 or -1.
 */
export function compareVersion(a: string, b: string): -1 | 0 | 1 {
  const pa = a.split('.');
  const pb = b.split('.');
  const len = Math.max(pa.length, pb.length);
  for (let i = 0; i < len; i++) {
    const na = parseInt(pa[i] ?? '0', 10) || 0;
    const nb = parseInt(pb[i] ?? '0', 10) || 0;
    if (na > nb) return 1;
    if (na < nb) return -1;
  }
  return 0;
}

export function isAtLeast(version: string, minimum: string): boolean {
  return compareVersion(version, minimum) >= 0;
}

/** Minimum base-library versions of what the simulator implements or reports. */
export const MIN_VERSION = {
  /** async APIs return a promise when called without success/fail/complete */
  promiseStyle: '2.10.2',
  canIUse: '1.1.1',
  getAccountInfoSync: '2.2.2',
  chooseMedia: '2.10.0',
  getUserProfile: '2.10.4',
  getRandomValues: '2.15.0',
  getAppBaseInfo: '2.25.3',
  /** getPhoneNumber's e.detail.code (the new phone-number flow) */
  phoneNumberCode: '2.21.2',
  chooseAvatar: '2.21.2',
  /** `timeout` on wx.request / wx.uploadFile */
  networkTimeoutOption: '2.10.0',
  /** getUserProfile/getUserInfo return anonymous data on and after this version */
  anonymousUserProfile: '2.27.1',
} as const;

/**
 * Schema strings `wx.canIUse` answers true for, with their minimum version.
 * Anything not listed answers false, as WeChat does for unknown schemas.
 */
export const CAN_I_USE: Readonly<Record<string, string>> = {
  // APIs (available since the first base library unless noted)
  login: '1.0.0',
  'login.object.timeout': '1.9.90',
  checkSession: '1.0.0',
  request: '1.0.0',
  'request.object.timeout': MIN_VERSION.networkTimeoutOption,
  'request.object.responseType': '1.7.0',
  uploadFile: '1.0.0',
  'uploadFile.object.timeout': MIN_VERSION.networkTimeoutOption,
  setStorage: '1.0.0',
  setStorageSync: '1.0.0',
  getStorage: '1.0.0',
  getStorageSync: '1.0.0',
  removeStorage: '1.0.0',
  removeStorageSync: '1.0.0',
  clearStorage: '1.0.0',
  clearStorageSync: '1.0.0',
  getStorageInfo: '1.0.0',
  getStorageInfoSync: '1.0.0',
  chooseImage: '1.0.0',
  chooseMedia: MIN_VERSION.chooseMedia,
  getSystemInfoSync: '1.0.0',
  getAppBaseInfo: MIN_VERSION.getAppBaseInfo,
  getAccountInfoSync: MIN_VERSION.getAccountInfoSync,
  getUserProfile: MIN_VERSION.getUserProfile,
  getRandomValues: MIN_VERSION.getRandomValues,
  canIUse: MIN_VERSION.canIUse,
  showModal: '1.0.0',
  showToast: '1.0.0',
  hideToast: '1.0.0',
  showLoading: '1.1.0',
  hideLoading: '1.1.0',
  // components
  button: '1.0.0',
  'button.open-type': '1.1.0',
  'button.open-type.getPhoneNumber': '1.2.0',
  'button.open-type.getUserInfo': '1.3.0',
  'button.open-type.chooseAvatar': MIN_VERSION.chooseAvatar,
  input: '1.0.0',
  'input.type.nickname': '2.21.2',
};

export function canIUse(schema: string, SDKVersion: string): boolean {
  const minimum = CAN_I_USE[schema];
  return minimum !== undefined && isAtLeast(SDKVersion, minimum);
}
