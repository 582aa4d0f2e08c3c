import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context';
import { WechatApiError, WechatCodes } from '../errors';

/** api.weixin.qq.com, as the Authing side (or any developer server) calls it. */
export function registerWechatRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const checkApp = (appid: unknown, secret: unknown) => {
    if (typeof appid !== 'string' || appid !== ctx.options.wechatAppId) {
      throw new WechatApiError(WechatCodes.invalidAppId, `invalid appid, rid: ${Date.now().toString(16)}`);
    }
    if (typeof secret !== 'string' || secret !== ctx.options.wechatSecret) {
      throw new WechatApiError(WechatCodes.invalidAppSecret, `invalid appsecret, rid: ${Date.now().toString(16)}`);
    }
  };

  app.get<{ Querystring: Record<string, string | undefined> }>('/sns/jscode2session', async (req) => {
    const { appid, secret, js_code: code, grant_type: grantType } = req.query;
    checkApp(appid, secret);
    if (grantType !== 'authorization_code') throw new WechatApiError(40002, 'invalid grant_type');
    if (!code) throw new WechatApiError(WechatCodes.missingCode, 'missing code');
    return ctx.wechat.code2Session(appid!, code);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/cgi-bin/token', async (req) => {
    const { appid, secret, grant_type: grantType } = req.query;
    if (grantType !== 'client_credential') throw new WechatApiError(40002, 'invalid grant_type');
    checkApp(appid, secret);
    return ctx.wechat.issueAccessToken(appid!);
  });

  app.post<{ Querystring: Record<string, string | undefined>; Body: unknown }>('/wxa/business/getuserphonenumber', async (req) => {
    const body = req.body as { code?: unknown } | null;
    if (!body || typeof body !== 'object' || typeof body.code !== 'string' || !body.code) {
      throw new WechatApiError(WechatCodes.dataFormatError, 'data format error: code must be a string');
    }
    const phoneInfo = ctx.wechat.phoneByCode(req.query.access_token ?? '', body.code);
    return { errcode: 0, errmsg: 'ok', phone_info: phoneInfo };
  });
}
