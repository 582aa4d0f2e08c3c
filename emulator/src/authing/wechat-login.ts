import type { EmulatorContext } from '../context';
import type { UserRecord } from '../store/user-store';
import { AuthingCodes, AuthingError, WechatApiError } from '../errors';
import { decryptWechatData, WechatDataError, type Watermark } from '../crypto/wechat-data';

export const MINIPROGRAM_PROVIDER = 'wechat:miniprogram';
const REGISTER_SOURCE = 'social:wechat-miniprogram';

export interface WechatSession {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}

export interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
  /** WeChat's watermark of the phone data; the mini-program SDK's GetUserPhoneResponseData carries it on. */
  watermark?: Watermark;
}

interface WechatProfile {
  nickName?: string;
  avatarUrl?: string;
  gender?: number;
  city?: string;
  province?: string;
  country?: string;
  language?: string;
}

/** Failures of WeChat's side become Authing errors that name the cause, as Authing reports them. */
function asAuthing(err: unknown): never {
  if (err instanceof WechatApiError) {
    throw new AuthingError(AuthingCodes.badRequest, `微信登录失败: ${err.errcode} ${err.errmsg}`, 200, {
      errcode: err.errcode,
      errmsg: err.errmsg,
    });
  }
  if (err instanceof WechatDataError) {
    const message =
      err.reason === 'watermark'
        ? '解密数据的 appid 与小程序不匹配'
        : err.reason === 'decrypt'
          ? '解密失败: session_key 已变更，请先调用 wx.login 再获取加密数据'
          : `加密数据格式错误: ${err.message}`;
    throw new AuthingError(AuthingCodes.badRequest, message, 200, { reason: err.reason });
  }
  throw err;
}

export async function exchangeCode(ctx: EmulatorContext, code: unknown): Promise<WechatSession> {
  if (typeof code !== 'string' || !code) throw new AuthingError(AuthingCodes.badRequest, 'code 不能为空', 400);
  try {
    const s = await ctx.wechatClient.code2Session(code);
    return { openid: s.openid, unionid: s.unionid ?? null, sessionKey: s.session_key };
  } catch (err) {
    return asAuthing(err);
  }
}

/** The id of the app's mini-program connection, as public-config lists it and identities name their source. */
export const miniprogramConnectionId = (ctx: EmulatorContext) => `conn-${ctx.options.wechatConnectionIdentifier}`;

/** extIdpConnidentifier names the app's WeChat mini-program connection; any other is Authing's "no such connection". */
export function assertMiniprogramConnection(ctx: EmulatorContext, identifier: string): void {
  if (identifier !== ctx.options.wechatConnectionIdentifier) {
    throw new AuthingError(AuthingCodes.notFound, `身份源连接不存在: ${identifier}`, 404);
  }
}

export function decrypt<T>(
  ctx: EmulatorContext,
  session: WechatSession,
  encryptedData: unknown,
  iv: unknown,
): T & { watermark: Watermark } {
  if (typeof encryptedData !== 'string' || typeof iv !== 'string' || !encryptedData || !iv) {
    throw new AuthingError(AuthingCodes.badRequest, 'encryptedData 和 iv 必须同时提供', 400);
  }
  try {
    return decryptWechatData<T & { watermark: Watermark }>(encryptedData, iv, session.sessionKey, ctx.options.wechatAppId);
  } catch (err) {
    return asAuthing(err);
  }
}

/** The getPhoneNumber button's `code` (base library 2.21.2+) exchanged at WeChat for the phone number. */
export async function phoneByCode(ctx: EmulatorContext, code: string): Promise<PhoneInfo> {
  try {
    const info = await ctx.wechatClient.phoneByCode(code);
    return {
      phoneNumber: info.phoneNumber,
      purePhoneNumber: info.purePhoneNumber,
      countryCode: info.countryCode,
      watermark: info.watermark,
    };
  } catch (err) {
    return asAuthing(err);
  }
}

/**
 * The profile carried by loginByCode's optional getUserInfo data. iv + encryptedData are decrypted
 * (which proves them); rawData is taken as the profile as is, as the seed SDK's README says Authing
 * does ("如果传了 rawData, Authing Server 会直接使用该数据作为用户的 profile"): no Authing client sends
 * the signature that could check it.
 */
export function profileFromUserInfo(
  ctx: EmulatorContext,
  session: WechatSession,
  input: { iv?: string; encryptedData?: string; rawData?: string },
): WechatProfile | null {
  if (input.encryptedData) {
    return decrypt<WechatProfile>(ctx, session, input.encryptedData, input.iv);
  }
  if (input.rawData) {
    try {
      return JSON.parse(input.rawData) as WechatProfile;
    } catch {
      throw new AuthingError(AuthingCodes.badRequest, 'rawData 不是合法的 JSON', 400);
    }
  }
  return null;
}

function profileFields(profile: WechatProfile | null): Partial<UserRecord> {
  if (!profile) return {};
  return {
    ...(profile.nickName ? { nickname: profile.nickName } : {}),
    ...(profile.avatarUrl ? { photo: profile.avatarUrl } : {}),
    ...(profile.gender ? { gender: profile.gender === 1 ? 'M' : 'F' } : {}),
    ...(profile.city ? { city: profile.city } : {}),
    ...(profile.province ? { province: profile.province } : {}),
    ...(profile.country ? { country: profile.country } : {}),
  };
}

/** Finds the user behind a WeChat identity, creating one on first login. */
export function findOrCreateWechatUser(
  ctx: EmulatorContext,
  session: WechatSession,
  profile: WechatProfile | null,
  phone?: PhoneInfo,
): UserRecord {
  const appid = ctx.options.wechatAppId;
  return ctx.db.transaction(() => {
    const byIdentity = ctx.users.byIdentity(MINIPROGRAM_PROVIDER, appid, session.openid);
    const byPhone = phone ? ctx.users.byPhone(phone.purePhoneNumber) : undefined;
    if (byIdentity && byPhone && byIdentity.id !== byPhone.id) {
      throw new AuthingError(AuthingCodes.userExists, '该手机号已绑定其他账号');
    }
    const phoneFields: Partial<UserRecord> = phone
      ? { phone: phone.purePhoneNumber, phoneVerified: true, phoneCountryCode: `+${phone.countryCode}` }
      : {};
    const existing = byIdentity ?? byPhone;
    if (existing) {
      if (!byIdentity) ctx.users.linkIdentity(MINIPROGRAM_PROVIDER, appid, session.openid, session.unionid, existing.id);
      const patch: Partial<UserRecord> = { openid: existing.openid ?? session.openid, unionid: existing.unionid ?? session.unionid };
      if (phone && !existing.phone) Object.assign(patch, phoneFields);
      return ctx.users.update(existing.id, { ...profileFields(profile), ...patch });
    }
    const created = ctx.users.create({
      registerSource: [REGISTER_SOURCE],
      openid: session.openid,
      unionid: session.unionid,
      ...profileFields(profile),
      ...phoneFields,
    });
    ctx.users.linkIdentity(MINIPROGRAM_PROVIDER, appid, session.openid, session.unionid, created.id);
    return created;
  })();
}

/**
 * Binds the WeChat identity of a wx.login code to a signed-in user (Authing.bindWxByCode). An openid
 * another user holds is refused; so is a second openid of this mini program for the same user (a
 * WeChat account is one person's). Binding the same again changes nothing but the profile, as a login would.
 */
export function bindWechatIdentity(
  ctx: EmulatorContext,
  user: UserRecord,
  session: WechatSession,
  profile: WechatProfile | null,
): UserRecord {
  const appid = ctx.options.wechatAppId;
  return ctx.db.transaction(() => {
    const holder = ctx.users.byIdentity(MINIPROGRAM_PROVIDER, appid, session.openid);
    if (holder && holder.id !== user.id) throw new AuthingError(AuthingCodes.userExists, '该微信账号已绑定其他用户', 409);
    if (!holder) {
      const own = ctx.users.identitiesOf(user.id).some((i) => i.provider === MINIPROGRAM_PROVIDER && i.appid === appid);
      if (own) throw new AuthingError(AuthingCodes.conflict, '当前用户已绑定另一个微信账号', 409);
      ctx.users.linkIdentity(MINIPROGRAM_PROVIDER, appid, session.openid, session.unionid, user.id);
    }
    return ctx.users.update(user.id, {
      ...profileFields(profile),
      openid: user.openid ?? session.openid,
      unionid: user.unionid ?? session.unionid,
    });
  })();
}
