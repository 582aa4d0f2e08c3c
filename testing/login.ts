/**
 * wx.login and wx.checkSession, served by the emulator's WeChat side.
 *
 * The phone remembers which WeChat user it is: the openid given to createWx,
 * or the one the first wx.login created. Every wx.login may rotate the
 * user's session_key (the emulator decides), which is exactly what breaks
 * legacy encryptedData obtained before it.
 *
 * wx.login answers a promise when called without callbacks. WeChat's API page
 * marks login "Promise 风格 调用：不支持", yet phones on 2.10.2+ do return one
 * (developers.weixin.qq.com community thread 00080eb47cc430f0277e85dd651c00);
 * SDK code that must run everywhere should still wrap the callback form.
 */
import { Callbacks, deliver, failed, ok, WxFail } from './async-api';
import type { Counters } from './counters';
import { EmulatorControl, EmulatorError } from './emulator-control';
import type { NetworkConditions } from './network-conditions';

export type LoginSuccess = WechatMiniprogram.LoginSuccessCallbackResult;
export type LoginOptions = { timeout?: number } & Callbacks<LoginSuccess, WxFail>;
export type CheckSessionOptions = Callbacks<{ errMsg: string }, WxFail>;

export const SESSION_EXPIRED = 'checkSession:fail session time out, need relogin';

export interface Identity {
  appid: string;
  openid: string | undefined;
}

export interface LoginContext {
  identity: Identity;
  control: EmulatorControl;
  network: NetworkConditions;
  counters: Counters;
  SDKVersion: string;
}

function describe(e: unknown): string {
  if (!(e instanceof EmulatorError)) return String(e);
  if (e.status === 0) return e.message;
  const code = e.code !== undefined && e.code !== e.status ? ` ${String(e.code)}` : '';
  return `${e.message} (emulator ${e.status}${code})`;
}

export function login(ctx: LoginContext, options: LoginOptions = {}) {
  ctx.counters.login++;
  return deliver(ctx.SDKVersion, options, async () => {
    await ctx.network.delay();
    const offline = ctx.network.connectivityFailure();
    if (offline) return failed({ errMsg: `login:fail ${offline}` });
    try {
      const { appid, openid } = ctx.identity;
      const r = await ctx.control.login(openid ? { appid, openid } : { appid }, options.timeout);
      ctx.identity.openid = r.openid;
      return ok({ code: r.code, errMsg: 'login:ok' });
    } catch (e) {
      return failed({ errMsg: `login:fail ${describe(e)}` });
    }
  });
}

export function checkSession(ctx: LoginContext, options: CheckSessionOptions = {}) {
  ctx.counters.checkSession++;
  return deliver(ctx.SDKVersion, options, async () => {
    await ctx.network.delay();
    const { appid, openid } = ctx.identity;
    if (!openid) return failed({ errMsg: SESSION_EXPIRED });
    const offline = ctx.network.connectivityFailure();
    if (offline) return failed({ errMsg: `checkSession:fail ${offline}` });
    try {
      const { valid } = await ctx.control.session({ appid, openid });
      return valid ? ok({ errMsg: 'checkSession:ok' }) : failed({ errMsg: SESSION_EXPIRED });
    } catch (e) {
      if (e instanceof EmulatorError && e.status === 404) return failed({ errMsg: SESSION_EXPIRED });
      return failed({ errMsg: `checkSession:fail ${describe(e)}` });
    }
  });
}
