/**
 * wx.getUserProfile (2.10.4+). Since 2022-10-25 (base library 2.27.1) WeChat
 * answers it with an anonymous profile: nickname "微信用户" and the grey default
 * avatar. The SDK must not rely on it for real profile data; the simulator
 * makes that visible by always answering the anonymous profile.
 */
import { Callbacks, deliver, ok, WxFail } from './async-api';

export const ANONYMOUS_NICKNAME = '微信用户';
export const DEFAULT_AVATAR_URL =
  'https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132';

export interface GetUserProfileSuccess {
  userInfo: WechatMiniprogram.UserInfo;
  rawData: string;
  signature: string;
  encryptedData: string;
  iv: string;
  errMsg: string;
}

export type GetUserProfileOptions = { desc: string; lang?: 'en' | 'zh_CN' | 'zh_TW' } & Callbacks<GetUserProfileSuccess, WxFail>;

export function anonymousUserInfo(): WechatMiniprogram.UserInfo {
  return {
    nickName: ANONYMOUS_NICKNAME,
    avatarUrl: DEFAULT_AVATAR_URL,
    gender: 0,
    country: '',
    province: '',
    city: '',
    language: 'zh_CN',
  };
}

export function getUserProfile(SDKVersion: string, options: GetUserProfileOptions) {
  return deliver(SDKVersion, options, async () => {
    const userInfo = anonymousUserInfo();
    return ok({
      userInfo,
      rawData: JSON.stringify(userInfo),
      // The anonymous profile carries no server-verifiable payload.
      signature: '',
      encryptedData: '',
      iv: '',
      errMsg: 'getUserProfile:ok',
    });
  });
}
