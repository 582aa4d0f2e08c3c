import { decodeJwt } from 'jose';
import type { EmulatorContext } from '../../context';
import type { GraphqlRequestContext } from './request-context';
import { assertSelf, authenticateCaller } from './caller';

export function tokenStatusResolvers(ctx: EmulatorContext) {
  return {
    /** Authing reports the token's state as data, never as a GraphQL error. */
    async checkLoginStatus(args: { token?: string | null }, req: GraphqlRequestContext) {
      const token = args.token ?? /^Bearer\s+(\S+)$/i.exec(req.authorization ?? '')?.[1];
      if (!token) return { code: 2020, message: '尚未登录', status: false, exp: null, iat: null, data: null };
      const result = await ctx.sessions.check(token);
      if (!result.ok) {
        const message = result.reason === 'expired' ? 'token 已过期' : result.reason === 'revoked' ? 'token 已注销' : 'token 不合法';
        return { code: result.reason === 'expired' ? 2206 : 2207, message, status: false, exp: null, iat: null, data: null };
      }
      const { user } = result;
      return {
        code: 200,
        message: '已登录',
        status: true,
        exp: result.exp,
        iat: result.iat,
        data: { id: user.id, userPoolId: user.userPoolId, arn: `arn:cn:authing:${user.userPoolId}:user:${user.id}` },
      };
    },

    /** A new token for the same user; the one used to ask stays valid until it expires or is logged out. */
    async refreshToken({ id }: { id?: string | null }, req: GraphqlRequestContext) {
      const caller = await authenticateCaller(ctx, req);
      assertSelf(caller, id);
      const issued = await ctx.sessions.issue(caller.user);
      const { iat, exp } = decodeJwt(issued.token);
      return { token: issued.token, iat, exp };
    },
  };
}
