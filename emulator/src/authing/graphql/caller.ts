import { decodeJwt } from 'jose';
import type { EmulatorContext } from '../../context';
import type { UserRecord } from '../../store/user-store';
import type { IssuedToken } from '../sessions';
import { AuthingCodes, AuthingError } from '../../errors';
import type { GraphqlRequestContext } from './request-context';

/** The signed-in user behind a request, with the token they called with. */
export interface Caller {
  user: UserRecord;
  sessionId: string;
  /**
   * Returned inside every User an authenticated operation answers with: authing-js-sdk stores
   * `user.token` from those answers (setCurrentUser), so a null there would sign it out.
   */
  token: IssuedToken;
}

export async function authenticateCaller(ctx: EmulatorContext, req: GraphqlRequestContext): Promise<Caller> {
  const { user, sessionId } = await ctx.sessions.authenticate(req.authorization);
  // authenticate() has verified the signature, so reading the claims back needs no second check.
  const token = /^Bearer\s+(\S+)$/i.exec(req.authorization ?? '')![1];
  const exp = decodeJwt(token).exp ?? 0;
  return {
    user,
    sessionId,
    token: { token, tokenExpiredAt: new Date(exp * 1000).toISOString(), expiresIn: Math.max(0, exp - Math.floor(ctx.now() / 1000)) },
  };
}

/** Callers act on themselves only: another user's id is refused, not silently replaced. */
export function assertSelf(caller: Caller, id: string | null | undefined): void {
  if (id !== null && id !== undefined && id !== caller.user.id) {
    throw new AuthingError(AuthingCodes.forbidden, '无权限执行此项操作：只能操作当前登录用户自己', 403);
  }
}
