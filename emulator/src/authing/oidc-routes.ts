import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context';
import { OAuthError } from '../errors';

interface TokenBody {
  grant_type: 'refresh_token';
  refresh_token: string;
  redirect_uri?: string;
  client_id?: string;
  client_secret?: string;
  code_verifier?: string;
}
interface RevocationBody {
  client_id: string;
  token: string;
  client_secret?: string;
}

/**
 * Authing's OIDC session endpoints: refresh (with rotation) and revocation. The app is named by
 * `client_id` in the form (authing-node-sdk, Android) or, as the mini-program SDK does on refresh,
 * by the `x-authing-app-id` header; the app's token auth method is `none`, so no secret is needed
 * (a secret that is sent is not checked: the emulated app has none).
 */
export function registerOidcRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const assertClient = (req: FastifyRequest, clientId: string | undefined) => {
    const header = req.headers['x-authing-app-id'];
    const named = clientId || (typeof header === 'string' ? header : undefined);
    if (!named) throw new OAuthError('invalid_client', 'client_id 或 x-authing-app-id 必须提供其一', 401);
    if (named !== ctx.options.appId) throw new OAuthError('invalid_client', `client authentication failed: unknown client ${named}`, 401);
  };

  app.post<{ Body: TokenBody }>('/oidc/token', async (req, reply) => {
    assertClient(req, req.body.client_id);
    const result = await ctx.sessions.refresh(req.body.refresh_token);
    if ('failed' in result) throw new OAuthError('invalid_grant', result.failed);
    // RFC 6749 §5.1: token responses are never cached.
    return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send(result);
  });

  app.post<{ Body: RevocationBody }>('/oidc/token/revocation', async (req, reply) => {
    assertClient(req, req.body.client_id);
    await ctx.sessions.revokeToken(req.body.token);
    // RFC 7009 §2.2: 200 whether or not the token was valid, so the endpoint tells nothing about tokens.
    return reply.code(200).send();
  });
}
