import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context';
import { AuthingCodes, AuthingError } from '../errors';
import { assertMiniprogramConnection, bindWechatIdentity, decrypt, exchangeCode, profileFromUserInfo } from './wechat-login';
import { profileDto } from './user-dto';

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** v3's WeChat helpers: open-data decryption, binding WeChat to a signed-in user, the mini program's access token. */
export function registerV3WechatRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const signedIn = (req: FastifyRequest) => ctx.sessions.authenticateV3(req.headers.authorization);

  /**
   * The wx.login code gives the session_key; WeChat's AES-128-CBC data is decrypted with it, watermark
   * checked. No token: the code proves the caller (the mini-program SDK sends none since 2023).
   */
  app.post<{ Body: { code: string; iv: string; encryptedData: string; extIdpConnidentifier: string } }>(
    '/api/v3/decrypt-wechat-miniprogram-data',
    async (req) => {
      assertMiniprogramConnection(ctx, req.body.extIdpConnidentifier);
      const session = await exchangeCode(ctx, req.body.code);
      return { statusCode: 200, message: '', data: decrypt<Record<string, unknown>>(ctx, session, req.body.encryptedData, req.body.iv) };
    },
  );

  /**
   * Authing.bindWxByCode: the openid (and unionid) of the code joins the signed-in account; user info
   * sent with it (iv + encryptedData, or rawData) is proven and taken as the profile, as on login.
   * Answers in v3's envelope although the path is not under /api/v3 (the SDK reads statusCode).
   */
  app.post<{ Body: { code: string; iv?: string; encryptedData?: string; rawData?: string; extIdpConnidentifier?: string } }>(
    '/connections/social/wechat-miniprogram/bind',
    async (req) => {
      const { user } = await signedIn(req);
      if (req.body.extIdpConnidentifier !== undefined) assertMiniprogramConnection(ctx, req.body.extIdpConnidentifier);
      const session = await exchangeCode(ctx, req.body.code);
      const bound = bindWechatIdentity(ctx, user, session, profileFromUserInfo(ctx, session, req.body));
      return { statusCode: 200, message: '绑定成功', data: profileDto(ctx, bound, { withIdentities: true }) };
    },
  );

  /**
   * Both paths answer GetWechatAccessTokenDataDto: -info is the current name, the other the deprecated one
   * (authing-node-sdk calls both; the mini-program SDK called them, with the user's token, until v5.1.21).
   */
  for (const path of ['/api/v3/get-wechat-access-token', '/api/v3/get-wechat-access-token-info']) {
    app.post<{ Body: { appId: string; appSecret: string } }>(path, async (req) => {
      await signedIn(req);
      if (req.body.appId !== ctx.options.wechatAppId || !sameSecret(req.body.appSecret, ctx.options.wechatSecret)) {
        throw new AuthingError(AuthingCodes.badRequest, 'appId 或 appSecret 不正确', 400);
      }
      const token = await ctx.wechatClient.cachedAccessToken();
      return { statusCode: 200, message: '', data: { accessToken: token.value, expiresAt: String(Math.floor(token.expiresAt / 1000)) } };
    });
  }
}
