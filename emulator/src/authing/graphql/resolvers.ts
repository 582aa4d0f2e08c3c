import type { EmulatorContext } from '../../context';

/** What each GraphQL request carries into its resolvers. */
export interface GraphqlRequestContext {
  authorization: string | undefined;
  ip: string;
}

/** Root resolvers (graphql-js "rootValue" style): one function per Query/Mutation field. */
export function createRootValue(ctx: EmulatorContext) {
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
  };
}
