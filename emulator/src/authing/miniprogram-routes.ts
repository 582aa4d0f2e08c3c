import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context';
import { AuthingCodes, AuthingError } from '../errors';
import { userView } from './user-view';
import { decrypt, exchangeCode, findOrCreateWechatUser, phoneByCode, profileFromUserInfo, type PhoneInfo } from './wechat-login';

type Body = Record<string, unknown>;

function body(req: FastifyRequest): Body {
  const value = req.body;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new AuthingError(AuthingCodes.badRequest, '请求体必须是 JSON 对象', 400);
  }
  return value as Body;
}

function object(value: unknown, name: string): Body {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new AuthingError(AuthingCodes.badRequest, `${name} 必须是对象`, 400);
  return value as Body;
}

/** The mini-program endpoints of Authing: v2 as authing-wxapp-sdk calls them, v3 as Authing's current API takes them. */
export function registerMiniprogramRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const v2 = '/connections/social/wechat-miniprogram';

  const login = async (
    session: Awaited<ReturnType<typeof exchangeCode>>,
    profile: ReturnType<typeof profileFromUserInfo>,
    req: FastifyRequest,
    phone?: PhoneInfo,
  ) => {
    const user = findOrCreateWechatUser(ctx, session, profile, phone);
    const loggedIn = ctx.users.recordLogin(user.id, req.ip);
    return { user: loggedIn, issued: await ctx.sessions.issue(loggedIn) };
  };

  app.post(`${v2}/auth`, async (req) => {
    const input = body(req);
    const session = await exchangeCode(ctx, input.code);
    const profile = profileFromUserInfo(ctx, session, input);
    const { user, issued } = await login(session, profile, req);
    return { code: 200, message: '登录成功', data: userView(user, issued) };
  });

  /** Phone login: the new phone `code` (base library 2.21.2+) or the legacy iv + encryptedData. */
  const phoneFrom = async (input: Body, session: Awaited<ReturnType<typeof exchangeCode>>): Promise<PhoneInfo> => {
    if (input.phoneCode !== undefined) return phoneByCode(ctx, input.phoneCode);
    return decrypt<PhoneInfo>(ctx, session, input.encryptedData, input.iv);
  };

  app.post(`${v2}/auth-by-phone`, async (req) => {
    const input = body(req);
    const session = await exchangeCode(ctx, input.code);
    const phone = await phoneFrom(input, session);
    const { user, issued } = await login(session, null, req, phone);
    return { code: 200, message: '登录成功', data: userView(user, issued) };
  });

  app.post(`${v2}/getphone`, async (req) => {
    const input = body(req);
    const session = await exchangeCode(ctx, input.code);
    const phone = await phoneFrom(input, session);
    return {
      code: 200,
      message: '获取手机号成功',
      data: {
        countryCode: phone.countryCode,
        phoneNumber: phone.phoneNumber,
        purePhoneNumber: phone.purePhoneNumber,
        openid: session.openid,
        unionid: session.unionid,
      },
    };
  });

  app.post('/api/v3/signin-by-mobile', async (req) => {
    const input = body(req);
    let phone: PhoneInfo | undefined;
    let session;
    let profile = null;
    if (input.connection === 'wechat_mini_program_code') {
      const payload = object(input.wechatMiniProgramCodePayload, 'wechatMiniProgramCodePayload');
      session = await exchangeCode(ctx, payload.code);
      profile = profileFromUserInfo(ctx, session, payload);
    } else if (input.connection === 'wechat_mini_program_code_and_phone') {
      const payload = object(input.wechatMiniProgramCodeAndPhonePayload, 'wechatMiniProgramCodeAndPhonePayload');
      const loginInfo = object(payload.wxLoginInfo, 'wxLoginInfo');
      const phoneInfo = object(payload.wxPhoneInfo, 'wxPhoneInfo');
      session = await exchangeCode(ctx, loginInfo.code);
      profile = profileFromUserInfo(ctx, session, loginInfo);
      phone = await phoneByCode(ctx, phoneInfo.code);
    } else {
      throw new AuthingError(AuthingCodes.badRequest, `不支持的 connection: ${String(input.connection)}`, 400);
    }
    const { issued } = await login(session, profile, req, phone);
    return {
      statusCode: 200,
      message: '',
      data: {
        access_token: issued.token,
        id_token: issued.token,
        token_type: 'Bearer',
        expires_in: issued.expiresIn,
        scope: typeof object(input.options, 'options').scope === 'string' ? object(input.options, 'options').scope : 'openid profile',
      },
    };
  });

  app.post('/api/v3/get-wechat-miniprogram-phone', async (req) => {
    const input = body(req);
    const phone = await phoneByCode(ctx, input.code);
    return { statusCode: 200, message: '', data: { ...phone } };
  });
}
