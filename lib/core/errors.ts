/**
 * One error type for every failure the SDK and its components report, so `catch (e) { e.code }`
 * always works. Authing's own failures keep Authing's numeric codes (named in `AuthingCodes`);
 * failures that never reached Authing's logic get the string codes below, which are part of the
 * public API and never change meaning.
 */
export const ErrorCodes = {
  /** wx.request / wx.login / wx.uploadFile found no network: offline, DNS, TLS, domain not in the legal list. */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** No answer within `timeout`. */
  TIMEOUT: 'TIMEOUT',
  /** The server answered an HTTP error without Authing's envelope (502 from a proxy, …). */
  HTTP_ERROR: 'HTTP_ERROR',
  /** The body was not what Authing sends (HTML, truncated JSON, no data where data is due, …). */
  BAD_RESPONSE: 'BAD_RESPONSE',
  /**
   * The user backed out (picker closed, permission denied), or signed out / signed in again while
   * this login was in flight. Not a failure to show as one; never reported to onError.
   */
  CANCELLED: 'CANCELLED',
  /** The call needs a signed-in user and there is none (or the token has expired). */
  NOT_LOGGED_IN: 'NOT_LOGGED_IN',
  /**
   * A v3 session could not be renewed: Authing refused its refresh token (expired, revoked, or
   * used already). The session has ended (SIGNED_OUT); the user must sign in again.
   */
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  /** The caller passed something the method cannot use. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** A wx API failed for a reason other than the user's choice or the network. */
  WX_API_ERROR: 'WX_API_ERROR',
  /** Password encryption could not run; nothing was sent. */
  ENCRYPTION_ERROR: 'ENCRYPTION_ERROR',
  /** The WeChat base library lacks what this call needs. */
  UNSUPPORTED: 'UNSUPPORTED',
  /** The file upload failed for a reason other than the network (the server refused the file, …). */
  UPLOAD_FAILED: 'UPLOAD_FAILED',
  /**
   * The Authing app has no WeChat mini-program identity source (needed by the v3 phone flows):
   * create one in the console and enable it for the app, or pass `extIdpConnidentifier`.
   */
  MINIPROGRAM_CONNECTION_MISSING: 'MINIPROGRAM_CONNECTION_MISSING',
  /**
   * The session could not be written to wx storage (storage full, or a value over WeChat's 1 MB per
   * key). The user stays signed in for this launch only; after a relaunch they are signed out.
   */
  STORAGE_FAILED: 'STORAGE_FAILED',
  /** Components: no `app-id` property and the app created no AuthenticationClient yet. */
  NO_CLIENT: 'NO_CLIENT',
  /** Components: the mini program's quota of phone-number verifications is used up (errno 1400001). */
  PHONE_QUOTA_EXHAUSTED: 'PHONE_QUOTA_EXHAUSTED',
  /** Components: the mini program may not ask for phone numbers (unverified account, or not an enterprise subject). */
  NO_PERMISSION: 'NO_PERMISSION',
  /** Components: the user has not agreed to the mini program's privacy guide (errno 104). */
  PRIVACY_NOT_AUTHORIZED: 'PRIVACY_NOT_AUTHORIZED',
  /**
   * Components: the legacy (iv + encryptedData) flows need a wx.login code obtained before the tap,
   * and none was ready (the page stayed hidden past its lifetime). A fresh one is being fetched:
   * tapping again works.
   */
  LOGIN_CODE_UNAVAILABLE: 'LOGIN_CODE_UNAVAILABLE',
  /** Something failed that is neither Authing's nor WeChat's answer: a bug, please report it. */
  UNKNOWN: 'UNKNOWN',
} as const;

/**
 * Authing's numeric codes the SDK itself acts on (docs.authing.cn/v2/reference/error-code.html:
 * "2020 尚未登录，无权限访问此请求"; authing-js-sdk 4.23 `checkLoginStatus` answers 2020 for a dead token).
 */
export const AuthingCodes = {
  /** Authing's success code in `{code, message, data}` (v2) and `{statusCode, …}` (v3). */
  OK: 200,
  /** Not logged in, or the token is invalid or expired. */
  NOT_LOGGED_IN: 2020,
} as const;

export type ClientErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
/** A number is Authing's code (or an HTTP status); a string is one of `ErrorCodes`. */
export type ErrorCode = number | ClientErrorCode;

/**
 * Marks AuthingErrors across realms and copies of the SDK (a component's copy of the core, a test's
 * jsdom): `instanceof` fails there, the registered symbol does not.
 */
const BRAND = Symbol.for('authing-wxapp-sdk.AuthingError');

export class AuthingError extends Error {
  readonly code: ErrorCode;
  readonly data: unknown;
  /** HTTP status, when the failure came with one. */
  readonly statusCode?: number;

  constructor(code: ErrorCode, message: string, data: unknown = null, statusCode?: number) {
    super(message);
    // WeChat's "ES6 → ES5" compile turns classes into functions, which breaks `instanceof` on Error subclasses.
    Object.setPrototypeOf(this, AuthingError.prototype);
    Object.defineProperty(this, BRAND, { value: true });
    this.name = 'AuthingError';
    this.code = code;
    this.data = data;
    if (statusCode !== undefined) this.statusCode = statusCode;
  }

  /** True when the user chose not to go on (deny, cancel): show nothing, or a gentle hint. */
  get cancelled(): boolean {
    return this.code === ErrorCodes.CANCELLED;
  }

  toJSON(): { code: ErrorCode; message: string; data: unknown } {
    return { code: this.code, message: this.message, data: this.data };
  }
}

/** True for an AuthingError from any copy of the SDK; false for look-alikes such as `{code, message}`. */
export function isAuthingError(value: unknown): value is AuthingError {
  return value instanceof AuthingError || (typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true);
}

/** wx failures carry `errMsg` ("chooseMedia:fail cancel"); read it without trusting the shape. */
export function wxErrMsg(value: unknown): string {
  if (value && typeof value === 'object' && typeof (value as { errMsg?: unknown }).errMsg === 'string') {
    return (value as { errMsg: string }).errMsg;
  }
  return value instanceof Error ? value.message : String(value);
}

/** WeChat reports a user's "no" as `…:fail cancel`, `…:fail auth deny`, `…:fail user deny`. */
export function isWxCancel(errMsg: string): boolean {
  return /:fail[ :]?(cancel|auth deny|user deny|auth cancel)/.test(errMsg);
}

/**
 * WeChat's network failures: Chromium's `net::ERR_…` reasons, errno 600xxx (the "网络" family of
 * developers.weixin.qq.com …/PublicErrno.html), or an errMsg that says the network failed.
 */
export function isWxNetworkFailure(failure: unknown): boolean {
  const errno = failure && typeof failure === 'object' ? (failure as { errno?: unknown }).errno : undefined;
  if (typeof errno === 'number' && errno >= 600000 && errno < 700000) return true;
  return /net::ERR_|network|网络/i.test(wxErrMsg(failure));
}

/** A wx API's failure as the app sees it: CANCELLED, TIMEOUT, NETWORK_ERROR, or WX_API_ERROR. */
export function fromWxFailure(api: string, failure: unknown): AuthingError {
  const errMsg = wxErrMsg(failure);
  if (isWxCancel(errMsg)) return new AuthingError(ErrorCodes.CANCELLED, `${api}: 用户取消`, failure);
  if (/:fail[ :]?timeout/i.test(errMsg)) return new AuthingError(ErrorCodes.TIMEOUT, `${api} 超时`, failure);
  if (isWxNetworkFailure(failure)) return new AuthingError(ErrorCodes.NETWORK_ERROR, `${api} 网络失败: ${errMsg}`, failure);
  return new AuthingError(ErrorCodes.WX_API_ERROR, `${api} 失败: ${errMsg}`, failure);
}
