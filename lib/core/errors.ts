/**
 * One error type for every failure the SDK reports, so `catch (e) { e.code }` always works.
 * Authing's own failures keep Authing's numeric codes; failures that never reached Authing's
 * logic get the string codes below, which are part of the public API and never change meaning.
 */
export const ErrorCodes = {
  /** wx.request failed: no network, DNS, TLS, domain not in the mini program's legal list. */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** No answer within `timeout`. */
  TIMEOUT: 'TIMEOUT',
  /** The server answered an HTTP error without Authing's envelope (502 from a proxy, …). */
  HTTP_ERROR: 'HTTP_ERROR',
  /** The body was not what Authing sends (HTML, truncated JSON, …). */
  BAD_RESPONSE: 'BAD_RESPONSE',
  /** The user backed out: picker closed, permission denied. Not a failure to show as one. */
  CANCELLED: 'CANCELLED',
  /** The call needs a signed-in user and there is none (or the token has expired). */
  NOT_LOGGED_IN: 'NOT_LOGGED_IN',
  /** The caller passed something the method cannot use. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** A wx API failed for a reason other than the user's choice. */
  WX_API_ERROR: 'WX_API_ERROR',
  /** Password encryption could not run; nothing was sent. */
  ENCRYPTION_ERROR: 'ENCRYPTION_ERROR',
  /** The WeChat base library lacks what this call needs. */
  UNSUPPORTED: 'UNSUPPORTED',
  /** The file upload failed. */
  UPLOAD_FAILED: 'UPLOAD_FAILED',
  /**
   * The Authing app has no WeChat mini-program identity source (needed by the v3 phone flows):
   * create one in the console and enable it for the app, or pass `extIdpConnidentifier`.
   */
  MINIPROGRAM_CONNECTION_MISSING: 'MINIPROGRAM_CONNECTION_MISSING',
} as const;

export type ClientErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
export type ErrorCode = number | ClientErrorCode;

export class AuthingError extends Error {
  readonly code: ErrorCode;
  readonly data: unknown;
  /** HTTP status, when the failure came with one. */
  readonly statusCode?: number;

  constructor(code: ErrorCode, message: string, data: unknown = null, statusCode?: number) {
    super(message);
    // WeChat's "ES6 → ES5" compile turns classes into functions, which breaks `instanceof` on Error subclasses.
    Object.setPrototypeOf(this, AuthingError.prototype);
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

export function isAuthingError(value: unknown): value is AuthingError {
  return value instanceof AuthingError;
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

export function fromWxFailure(api: string, failure: unknown): AuthingError {
  const errMsg = wxErrMsg(failure);
  if (isWxCancel(errMsg)) return new AuthingError(ErrorCodes.CANCELLED, `${api}: 用户取消`, failure);
  return new AuthingError(ErrorCodes.WX_API_ERROR, `${api} 失败: ${errMsg}`, failure);
}
