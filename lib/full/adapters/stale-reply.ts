import { AuthingError, ErrorCodes, type AuthCore } from '../../core';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A token a reply would sign in with: a REST user's `token`, or a GraphQL operation's (`{loginByEmail: {token}}`). */
function tokenIn(data: unknown): string | null {
  if (!isRecord(data)) return null;
  if (typeof data.token === 'string' && data.token) return data.token;
  for (const key of Object.keys(data)) {
    const value = data[key];
    if (isRecord(value) && typeof value.token === 'string' && value.token) return value.token;
  }
  return null;
}

/**
 * Sends one authing-js-sdk request with a login ticket taken first. authing-js-sdk installs any
 * token a reply carries (setCurrentUser / setToken); a reply bringing a new token after a logout,
 * or after a later login, is refused here with CANCELLED so it never gets that far: logout wins
 * for the full client's logins (loginByEmail, refreshToken, …) as for the core's.
 */
export async function guardedReply<T>(core: AuthCore, send: () => Promise<T>): Promise<T> {
  const ticket = core.session.begin();
  const data = await send();
  const token = tokenIn(data);
  if (token && token !== core.session.getToken() && !core.session.claim(ticket)) {
    throw new AuthingError(ErrorCodes.CANCELLED, '登录期间已退出或有新的登录，此次登录结果已丢弃', { reason: 'superseded' });
  }
  return data;
}
