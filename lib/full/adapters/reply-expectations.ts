import { AuthingError, ErrorCodes, type ReadOptions } from '../../core';

/**
 * What authing-js-sdk 4.23's callers of some endpoints read off a success without checking it
 * (src/lib/authentication/AuthenticationClient.ts, src/lib/common/PublicKeyManager.ts). A reply
 * that lacks it is BAD_RESPONSE here, instead of a TypeError inside authing-js-sdk.
 */

/** `data` must be there: the public key (`data.publicKey`), and the REST logins and registration that return the user. */
const DATA_REQUIRED = [
  /\/api\/v2\/\.well-known(\?|$)/,
  /\/api\/v2\/(login|register)\/email-code(\?|$)/,
  /\/api\/v2\/(ldap|ad)\/verify-user(\?|$)/,
];

/** CAS 1.0 `/validate` answers text (`yes\nuser`), which validateTicketV1 splits into lines. */
const TEXT_REPLIES = [/\/cas-idp\/[^/]+\/validate(\?|$)/];

export function readOptionsFor(url: string): ReadOptions {
  return { required: DATA_REQUIRED.some((pattern) => pattern.test(url)) };
}

/** Null when the body is what the caller reads; else the error to throw (not yet reported). */
export function unexpectedBody(url: string, body: unknown, statusCode: number): AuthingError | null {
  if (typeof body === 'string' || !TEXT_REPLIES.some((pattern) => pattern.test(url))) return null;
  return new AuthingError(ErrorCodes.BAD_RESPONSE, '服务器返回了无法识别的内容', body, statusCode);
}
