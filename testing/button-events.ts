/**
 * The `e.detail` WeChat delivers to open-type button handlers, produced for
 * each user outcome a test wants to drive.
 *
 * - getPhoneNumber: encryptedData made under the user's CURRENT session_key
 *   (so a wx.login between prefetch and tap breaks decryption, as on a phone);
 *   `code` only on base library 2.21.2+. Failure texts: "fail user deny",
 *   errno 1400001 when the app's quota is spent, "fail no permission" for an
 *   unverified account, errno 104 "fail privacy permission is not authorized"
 *   (developers.weixin.qq.com getPhoneNumber docs and community answers).
 * - getUserInfo: the legacy button, `{errMsg, rawData, signature, iv, encryptedData, userInfo}`.
 * - chooseAvatar (2.21.2+): `{avatarUrl}`, a temp path wx.uploadFile can read.
 *   A cancelled picker delivers nothing: WeChat does not fire bindchooseavatar
 *   then (community thread 0006081d7485507c3dce2cb0551400 asks for exactly
 *   that event). The helper models it by resolving undefined.
 */
import type { EmulatorControl, PhoneResult, UserInfoResult } from './emulator-control';
import type { MediaPicker } from './media';
import { isAtLeast, MIN_VERSION } from './versions';

export type PhoneOutcome = 'allow' | 'deny' | 'quota' | 'no-permission' | 'privacy';

export const PHONE_QUOTA_ERRNO = 1400001;
export const PRIVACY_ERRNO = 104;

export interface PhoneOptions {
  /** the number the user picks; the emulator makes one up when absent */
  phoneNumber?: string;
  /** stamp another appid into the watermark, to test that the server rejects it */
  watermarkAppId?: string;
}

export interface PhoneNumberDetail {
  errMsg: string;
  errno?: number;
  code?: string;
  iv?: string;
  encryptedData?: string;
}

export type UserInfoDetail = { errMsg: string } & Partial<UserInfoResult>;

export interface ChooseAvatarDetail {
  avatarUrl: string;
}

/** What the helpers need from the wx instance they act for. */
export interface ButtonContext {
  appid: string;
  SDKVersion: string;
  control: EmulatorControl;
  picker: MediaPicker;
  /** the openid the phone is logged in as, if any */
  openid(): string | undefined;
}

function requireOpenid(ctx: ButtonContext, api: string): string {
  const openid = ctx.openid();
  if (!openid) {
    throw new Error(`sim.${api}: no WeChat user on this phone yet; call wx.login first or pass openid to createWx`);
  }
  return openid;
}

export async function getPhoneNumberDetail(ctx: ButtonContext, outcome: PhoneOutcome, opts: PhoneOptions = {}): Promise<PhoneNumberDetail> {
  switch (outcome) {
    case 'deny':
      return { errMsg: 'getPhoneNumber:fail user deny' };
    case 'quota':
      return { errMsg: 'getPhoneNumber:fail no quota', errno: PHONE_QUOTA_ERRNO };
    case 'no-permission':
      return { errMsg: 'getPhoneNumber:fail no permission' };
    case 'privacy':
      return { errMsg: 'getPhoneNumber:fail privacy permission is not authorized', errno: PRIVACY_ERRNO };
    case 'allow': {
      const openid = requireOpenid(ctx, 'getPhoneNumber');
      const r: PhoneResult = await ctx.control.phone({ appid: ctx.appid, openid, ...opts });
      const detail: PhoneNumberDetail = { errMsg: r.errMsg, iv: r.iv, encryptedData: r.encryptedData };
      if (isAtLeast(ctx.SDKVersion, MIN_VERSION.phoneNumberCode)) detail.code = r.code;
      return detail;
    }
  }
}

export async function getUserInfoDetail(ctx: ButtonContext, outcome: 'allow' | 'deny'): Promise<UserInfoDetail> {
  if (outcome === 'deny') return { errMsg: 'getUserInfo:fail auth deny' };
  const openid = requireOpenid(ctx, 'getUserInfo');
  const r = await ctx.control.userinfo({ appid: ctx.appid, openid });
  return { errMsg: 'getUserInfo:ok', ...r };
}

export async function chooseAvatarDetail(ctx: ButtonContext, outcome: 'choose' | 'cancel'): Promise<ChooseAvatarDetail | undefined> {
  // Below 2.21.2 the open-type does not exist: the tap is a plain button tap.
  if (!isAtLeast(ctx.SDKVersion, MIN_VERSION.chooseAvatar)) return undefined;
  if (outcome === 'cancel') return undefined;
  const picked = ctx.picker.take(1);
  if (picked === 'cancel') return undefined;
  return { avatarUrl: picked[0].path };
}
