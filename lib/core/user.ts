/**
 * The Authing user as the API returns it (authing-js-sdk's `User`). Only the fields the SDK itself
 * reads are spelled out; the rest pass through untouched.
 */
export interface User {
  id: string;
  userPoolId?: string;
  username?: string | null;
  email?: string | null;
  emailVerified?: boolean | null;
  phone?: string | null;
  phoneVerified?: boolean | null;
  unionid?: string | null;
  openid?: string | null;
  nickname?: string | null;
  photo?: string | null;
  /** Present right after a login; null or absent on other responses. */
  token?: string | null;
  tokenExpiredAt?: string | null;
  [field: string]: unknown;
}

/** What getPhone (v2: plus openid, unionid) and getPhoneByCode (v3 `phone_info`: plus watermark) return. */
export interface PhoneInfo {
  countryCode: string;
  phoneNumber: string;
  purePhoneNumber: string;
  openid?: string;
  unionid?: string | null;
  /** WeChat's proof of origin of the number: the mini program's appid and when it was issued. */
  watermark?: { appid: string; timestamp: number };
}
