/**
 * Every face of the emulator answers failures in its own envelope, as the real service does:
 * Authing `{code, message, data}`, GraphQL `{data, errors: [{message: {code, message, data}}]}`,
 * WeChat `{errcode, errmsg}`, control `{code, message}`.
 */

/** An Authing business error. Authing answers most of these with HTTP 200 and a non-200 `code`. */
export class AuthingError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 200,
    readonly data: unknown = null,
  ) {
    super(message);
  }
}

/** Authing's published error codes that the emulator uses (docs: reference/error-code). */
export const AuthingCodes = {
  busy: 1000,
  forbidden: 1001,
  verifyCodeInvalid: 2001,
  emailFormat: 2003,
  userNotFound: 2004,
  userLocked: 2005,
  wrongPassword: 2006,
  passwordDecrypt: 2016,
  notLoggedIn: 2020,
  userExists: 2026,
  accountOrPasswordWrong: 2333,
  badRequest: 400,
  notFound: 404,
  payloadTooLarge: 413,
  conflict: 409,
} as const;

/** A failure of Authing's /oidc endpoints, answered in OAuth's shape `{error, error_description}` (RFC 6749 §5.2). */
export class OAuthError extends AuthingError {
  constructor(
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type',
    description: string,
    httpStatus = 400,
  ) {
    super(400, description, httpStatus);
  }
}

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg);
  }
}

/** WeChat server error codes the emulator returns (api.weixin.qq.com's documented values). */
export const WechatCodes = {
  busy: -1,
  invalidCredential: 40001,
  invalidAppId: 40013,
  invalidCode: 40029,
  invalidAppSecret: 40125,
  codeUsed: 40163,
  missingCode: 41008,
  accessTokenExpired: 42001,
  rateLimited: 45011,
  dataFormatError: 47001,
} as const;

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
