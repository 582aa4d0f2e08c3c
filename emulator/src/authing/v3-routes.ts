import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context';
import { registerV3SigninRoutes } from './v3-signin-routes';
import { registerOidcRoutes } from './oidc-routes';
import { registerV3AccountRoutes } from './v3-account-routes';
import { registerV3WechatRoutes } from './v3-wechat-routes';

/** Everything of Authing's current mini-program SDK beyond the WeChat logins (miniprogram-routes.ts). */
export function registerV3Routes(app: FastifyInstance, ctx: EmulatorContext): void {
  registerV3SigninRoutes(app, ctx);
  registerOidcRoutes(app, ctx);
  registerV3AccountRoutes(app, ctx);
  registerV3WechatRoutes(app, ctx);
}
