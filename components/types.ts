/**
 * The components' public types, shipped in the package's declarations so a TypeScript mini program
 * can type its handlers:
 *
 *   onLogin(e: WechatMiniprogram.CustomEvent<LoginSuccessDetail>) { e.detail.nickname }
 *   onFail(e: WechatMiniprogram.CustomEvent<AuthingFailDetail>) { if (e.detail.code === 'PHONE_QUOTA_EXHAUSTED') … }
 *
 * Types only: nothing here exists at run time.
 */
import type { ErrorCode, PhoneInfo, User } from '../lib/core';
import type { AvatarShape, LangProperty, LoginMode, PhoneMode } from './common/choices';

export type { AvatarShape, LangProperty, LoginMode, PhoneMode };

/** The properties all three components take (templates spell them in kebab-case: `app-id`, `aria-label`, `error-toast`). */
export interface AuthingComponentProperties {
  /** Authing app id: use (or create) the shared client of this app. Empty: the app's default client. */
  appId?: string;
  /** Authing host of a private deployment; only read together with `app-id`. */
  host?: string;
  /** Empty: the client's `lang` option, else zh-CN. Any other value is replaced by '' with a console warning. */
  lang?: LangProperty;
  disabled?: boolean;
  /** Replaces the default label (the default slot's content replaces both). */
  text?: string;
  /** What screen readers announce; default: the label. */
  ariaLabel?: string;
  /** A short toast on `fail` (never on `cancel`). Default true. */
  errorToast?: boolean;
}

export interface LoginButtonProperties extends AuthingComponentProperties {
  /** Default 'silent'. An unknown value is replaced by 'silent' with a console warning. */
  mode?: LoginMode;
  /** wx.getUserProfile's `desc` (profile mode on base libraries 2.10.4 – 2.21.1). */
  profileDesc?: string;
}

export interface PhoneButtonProperties extends AuthingComponentProperties {
  /** Default 'login'. An unknown value is replaced by 'login' with a console warning. */
  mode?: PhoneMode;
  /** WeChat's own notice when the phone-number quota is used up. Default true. */
  phoneNumberNoQuotaToast?: boolean;
}

export interface AvatarPickerProperties extends AuthingComponentProperties {
  /** Width and height, any CSS length. Default '128rpx'. */
  size?: string;
  /** Default 'circle'. An unknown value is replaced by 'circle' with a console warning. */
  shape?: AvatarShape;
}

/** `bind:success` of login-button: the signed-in user (with `token`). */
export type LoginSuccessDetail = User;
/** `bind:success` of phone-button: the signed-in user (mode 'login') or the phone number (mode 'phone'). */
export type PhoneSuccessDetail = User | PhoneInfo;
/** `bind:success` of avatar-picker: the user with the new `photo`. */
export type AvatarSuccessDetail = User;
/** `bind:success` of any of the three. */
export type AuthingSuccessDetail = User | PhoneInfo;

/** Every code `bind:fail` carries: Authing's own (numbers), the SDK's and the components' (strings, all in `ErrorCodes`). */
export type AuthingFailCode = ErrorCode;

/** `bind:fail`: something went wrong (a toast was shown unless `error-toast` is false). */
export interface AuthingFailDetail {
  code: AuthingFailCode;
  message: string;
  /** What came with the failure: Authing's `data`, or WeChat's own failure object. */
  data: unknown;
}

/** `bind:cancel`: the user said no (closed the sheet, denied the phone number). Not an error. */
export interface AuthingCancelDetail {
  code: 'CANCELLED';
  message: string;
  data: unknown;
}
