import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context';
import { AuthingCodes, AuthingError } from '../errors';
import { userView } from './user-view';
import { profileDto, saveCustomData, type ProfileExtras } from './user-dto';
import { DEFAULT_SCOPE } from './sessions';
import {
  assertMiniprogramConnection,
  decrypt,
  exchangeCode,
  findOrCreateWechatUser,
  phoneByCode,
  profileFromUserInfo,
  type PhoneInfo,
  type WechatSession,
} from './wechat-login';

/** Bodies arrive checked against the contract (emulator/src/contract), so their shapes are known here. */
interface CodeBody {
  code: string;
  iv?: string;
  encryptedData?: string;
  rawData?: string;
}
interface PhoneBody {
  code: string;
  iv: string;
  encryptedData: string;
}
interface SigninByMobileBody {
  connection: 'wechat_mini_program_code' | 'wechat_mini_program_code_and_phone';
  extIdpConnidentifier: string;
  wechatMiniProgramCodePayload?: { code: string; iv?: string; encryptedData?: string };
  wechatMiniProgramCodeAndPhonePayload?: {
    wxPhoneInfo: { code: string };
    wxLoginInfo: { code: string; iv?: string; encryptedData?: string };
  };
  options?: { scope?: string; customData?: unknown };
}

/** The mini-program endpoints of Authing: v2 as the seed SDK calls them, v3 as Authing's current mini-program SDK does. */
export function registerMiniprogramRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const v2 = '/connections/social/wechat-miniprogram';

  const login = (session: WechatSession, profile: ReturnType<typeof profileFromUserInfo>, req: FastifyRequest, phone?: PhoneInfo) => {
    const user = findOrCreateWechatUser(ctx, session, profile, phone);
    return ctx.users.recordLogin(user.id, req.ip);
  };

  app.post<{ Body: CodeBody }>(`${v2}/auth`, async (req) => {
    const session = await exchangeCode(ctx, req.body.code);
    const user = login(session, profileFromUserInfo(ctx, session, req.body), req);
    return { code: 200, message: '登录成功', data: userView(user, await ctx.sessions.issue(user)) };
  });

  app.post<{ Body: PhoneBody }>(`${v2}/auth-by-phone`, async (req) => {
    const session = await exchangeCode(ctx, req.body.code);
    const phone = decrypt<PhoneInfo>(ctx, session, req.body.encryptedData, req.body.iv);
    const user = login(session, null, req, phone);
    return { code: 200, message: '登录成功', data: userView(user, await ctx.sessions.issue(user)) };
  });

  app.post<{ Body: PhoneBody }>(`${v2}/getphone`, async (req) => {
    const session = await exchangeCode(ctx, req.body.code);
    const phone = decrypt<PhoneInfo>(ctx, session, req.body.encryptedData, req.body.iv);
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

  const checkConnection = (identifier: string) => assertMiniprogramConnection(ctx, identifier);

  app.post<{ Body: SigninByMobileBody }>('/api/v3/signin-by-mobile', async (req) => {
    const input = req.body;
    checkConnection(input.extIdpConnidentifier);
    let phone: PhoneInfo | undefined;
    let loginInfo: { code: string; iv?: string; encryptedData?: string } | undefined;
    if (input.connection === 'wechat_mini_program_code') {
      loginInfo = input.wechatMiniProgramCodePayload;
    } else {
      loginInfo = input.wechatMiniProgramCodeAndPhonePayload?.wxLoginInfo;
    }
    if (!loginInfo) {
      const payload =
        input.connection === 'wechat_mini_program_code' ? 'wechatMiniProgramCodePayload' : 'wechatMiniProgramCodeAndPhonePayload';
      throw new AuthingError(AuthingCodes.badRequest, `connection ${input.connection} 需要 ${payload}`, 400);
    }
    const session = await exchangeCode(ctx, loginInfo.code);
    const profile = profileFromUserInfo(ctx, session, loginInfo);
    if (input.wechatMiniProgramCodeAndPhonePayload && input.connection === 'wechat_mini_program_code_and_phone') {
      phone = await phoneByCode(ctx, input.wechatMiniProgramCodeAndPhonePayload.wxPhoneInfo.code);
    }
    const user = login(session, profile, req, phone);
    saveCustomData(ctx, user.id, input.options?.customData);
    const scope = input.options?.scope?.trim() || DEFAULT_SCOPE;
    return { statusCode: 200, message: '', data: await ctx.sessions.issueTokenSet(user, scope) };
  });

  app.post<{ Body: { extIdpConnidentifier: string; code: string } }>('/api/v3/get-wechat-miniprogram-phone', async (req) => {
    checkConnection(req.body.extIdpConnidentifier);
    const phone = await phoneByCode(ctx, req.body.code);
    return { statusCode: 200, message: '', data: { phone_info: phone } };
  });

  /** wx.request puts GetProfileDto's booleans in the query as 'true' / 'false' (Authing.getUserInfo sends all three). */
  app.get<{ Querystring: Partial<Record<keyof ProfileExtras, 'true' | 'false'>> }>('/api/v3/get-profile', async (req) => {
    const { user } = await ctx.sessions.authenticateV3(req.headers.authorization);
    const asked = (name: keyof ProfileExtras) => req.query[name] === 'true';
    const extras = {
      withCustomData: asked('withCustomData'),
      withIdentities: asked('withIdentities'),
      withDepartmentIds: asked('withDepartmentIds'),
    };
    return { statusCode: 200, message: '', data: profileDto(ctx, user, extras) };
  });
}
