/**
 * The v3 client's option and result types. Request shapes are Authing's own (its mini-program SDK
 * `packages/miniapp/src/types.ts` v5.1.21 and authing-node-sdk's DTOs), so code moving from that SDK
 * passes the same objects.
 */
import type { CoreOptions } from '../core';
import type { EncryptFunction } from '../rsa/encrypt';

export interface AuthingOptions extends CoreOptions {
  /**
   * Encrypts passwords for `passwordEncryptType: 'sm2'` (国密), or replaces the built-in RSA. Called
   * with the password and the public key from `/api/v3/system`, as Authing's SDK calls its own.
   */
  encryptFunction?: EncryptFunction;
}

/** How a password travels: RSA (the default here) or SM2 with the key from `/api/v3/system`, or as typed. */
export type PasswordEncryptType = 'none' | 'rsa' | 'sm2';

/**
 * A v3 session as Authing's mini-program SDK hands it out (its `LoginState`): the OIDC token set,
 * plus `expires_at` (epoch ms) computed on the phone.
 */
export interface LoginState {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: 'Bearer';
  scope: string;
  /** Seconds left, as of this call. */
  expires_in: number;
  expires_at: number;
}

/** SignInOptionsDto: what a sign-in may add. `scope` defaults to the OIDC claims plus `offline_access`. */
export interface SignInOptions {
  scope?: string;
  passwordEncryptType?: PasswordEncryptType;
  autoRegister?: boolean;
  clientIp?: string;
  context?: Record<string, unknown>;
  tenantId?: string;
  customData?: Record<string, unknown>;
  captchaCode?: string;
}

/** `wx.login` code login; `encryptedData` / `iv` from getUserProfile / getUserInfo when the app has them. */
export interface CodeLoginOptions {
  encryptedData?: string;
  iv?: string;
  options?: SignInOptions;
}

/** One of account (any of the others), email, username or phone, with the password. */
export interface PasswordPayload {
  password: string;
  account?: string;
  email?: string;
  username?: string;
  phone?: string;
}

/** A verification code sent by `sendSms` / `sendEmailCode`, with the phone or email it went to. */
export interface PassCodePayload {
  passCode: string;
  email?: string;
  phone?: string;
  /** Default `+86`. */
  phoneCountryCode?: string;
}

export type SmsChannel =
  | 'CHANNEL_LOGIN'
  | 'CHANNEL_REGISTER'
  | 'CHANNEL_RESET_PASSWORD'
  | 'CHANNEL_BIND_PHONE'
  | 'CHANNEL_UNBIND_PHONE'
  | 'CHANNEL_BIND_MFA'
  | 'CHANNEL_VERIFY_MFA'
  | 'CHANNEL_UNBIND_MFA'
  | 'CHANNEL_COMPLETE_PHONE'
  | 'CHANNEL_IDENTITY_VERIFICATION'
  | 'CHANNEL_DELETE_ACCOUNT';

export type EmailChannel =
  | 'CHANNEL_LOGIN'
  | 'CHANNEL_REGISTER'
  | 'CHANNEL_RESET_PASSWORD'
  | 'CHANNEL_VERIFY_EMAIL_LINK'
  | 'CHANNEL_UPDATE_EMAIL'
  | 'CHANNEL_BIND_EMAIL'
  | 'CHANNEL_UNBIND_EMAIL'
  | 'CHANNEL_VERIFY_MFA'
  | 'CHANNEL_UNLOCK_ACCOUNT'
  | 'CHANNEL_COMPLETE_EMAIL'
  | 'CHANNEL_DELETE_ACCOUNT';

export interface SendSmsOptions {
  phoneNumber: string;
  channel: SmsChannel;
  /** Default `+86`. */
  phoneCountryCode?: string;
}

export interface SendEmailCodeOptions {
  email: string;
  channel: EmailChannel;
}

export interface GetUserInfoOptions {
  withCustomData?: boolean;
  withIdentities?: boolean;
  withDepartmentIds?: boolean;
}

/** Authing's v3 user (UserDto); the fields below are the common ones, the rest arrive as Authing sends them. */
export interface UserInfo {
  userId: string;
  username?: string | null;
  nickname?: string | null;
  name?: string | null;
  photo?: string | null;
  email?: string | null;
  emailVerified?: boolean;
  phone?: string | null;
  phoneCountryCode?: string | null;
  phoneVerified?: boolean;
  gender?: 'M' | 'F' | 'U';
  [field: string]: unknown;
}

/** UpdateUserProfileDto: the profile fields a user may change themselves. */
export interface UpdateUserInfo {
  name?: string;
  nickname?: string;
  photo?: string;
  externalId?: string;
  birthdate?: string;
  country?: string;
  province?: string;
  city?: string;
  address?: string;
  streetAddress?: string;
  postalCode?: string;
  gender?: 'M' | 'F' | 'U';
  username?: string;
  company?: string;
}

export interface UpdatePasswordOptions {
  newPassword: string;
  /** Required by Authing once the account has a password. */
  oldPassword?: string;
  /** Default `rsa`. */
  passwordEncryptType?: PasswordEncryptType;
}

export interface BindEmailOptions {
  email: string;
  passCode: string;
}

export interface BindPhoneOptions {
  phoneNumber: string;
  passCode: string;
  phoneCountryCode?: string;
}

export interface UpdateEmailRequestOptions {
  verifyMethod: 'EMAIL_PASSCODE';
  emailPassCodePayload: { newEmail: string; newEmailPassCode: string; oldEmail?: string; oldEmailPassCode?: string };
}

export interface UpdatePhoneRequestOptions {
  verifyMethod: 'PHONE_PASSCODE';
  phonePassCodePayload: {
    newPhoneNumber: string;
    newPhonePassCode: string;
    newPhoneCountryCode?: string;
    oldPhoneNumber?: string;
    oldPhonePassCode?: string;
    oldPhoneCountryCode?: string;
  };
}

export interface DeleteAccountRequestOptions {
  verifyMethod: 'PHONE_PASSCODE' | 'EMAIL_PASSCODE' | 'PASSWORD';
  phonePassCodePayload?: BindPhoneOptions;
  emailPassCodePayload?: { email?: string; passCode: string };
  /** The password is encrypted as `passwordEncryptType` says (default `rsa`). */
  passwordPayload?: { password: string; passwordEncryptType?: PasswordEncryptType };
}

/** What a verify-…-request answers: the token the follow-up call takes, and its lifetime in seconds. */
export interface UpdateEmailToken {
  updateEmailToken: string;
  tokenExpiresIn: number;
}
export interface UpdatePhoneToken {
  updatePhoneToken: string;
  tokenExpiresIn: number;
}
export interface DeleteAccountToken {
  deleteAccountToken: string;
  tokenExpiresIn: number;
}

/** getUserInfo / getUserProfile data to bind along with the WeChat identity (all optional). */
export interface BindWechatOptions {
  iv?: string;
  encryptedData?: string;
  rawData?: string;
}

/**
 * Data WeChat encrypted with the session key (wx.getWeRunData, share info, …). `code`: the
 * wx.login code obtained *before* the data was made; by default the one this client holds.
 */
export interface DecryptDataOptions {
  encryptedData: string;
  iv: string;
  code?: string;
}
