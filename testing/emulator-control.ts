/**
 * The emulator's WeChat control API: the simulator's stand-in for what the
 * WeChat client asks WeChat's servers (mint a login code, make a phone-number
 * or user-info payload under the user's current session_key, check a session).
 *
 * Errors come back as 4xx JSON `{code, message}`; they surface as
 * EmulatorError so each wx API can turn them into its own fail errMsg.
 */
import { ExchangeFailure, startExchange } from './http-exchange';

export class EmulatorError extends Error {
  constructor(
    /** HTTP status, or 0 when the emulator could not be reached */
    readonly status: number,
    readonly code: string | number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

export interface LoginResult {
  code: string;
  openid: string;
}

export interface PhoneResult {
  errMsg: string;
  code: string;
  iv: string;
  encryptedData: string;
}

export interface UserInfoResult {
  rawData: string;
  signature: string;
  iv: string;
  encryptedData: string;
  userInfo: WechatMiniprogram.UserInfo;
}

export interface EmulatorControl {
  login(body: { appid: string; openid?: string; sessionKey?: string }, timeoutMs?: number): Promise<LoginResult>;
  phone(body: { appid: string; openid: string; phoneNumber?: string; watermarkAppId?: string }): Promise<PhoneResult>;
  userinfo(body: { appid: string; openid: string }): Promise<UserInfoResult>;
  session(query: { appid: string; openid: string }): Promise<{ valid: boolean }>;
  /** Ends the user's session on WeChat's side, as time or another device would. */
  expireSession(body: { appid: string; openid: string }): Promise<{ valid: boolean }>;
}

const CONTROL_TIMEOUT_MS = 10000;

export interface EmulatorControlOptions {
  /** The emulator's control token (its --control-token), needed when it listens beyond loopback. */
  token?: string;
}

export function createEmulatorControl(baseUrl: string, options: EmulatorControlOptions = {}): EmulatorControl {
  const base = baseUrl.replace(/\/+$/, '');
  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};

  async function call<T>(method: 'GET' | 'POST', path: string, body?: object, timeoutMs = CONTROL_TIMEOUT_MS): Promise<T> {
    const exchange = startExchange({
      url: new URL(base + path),
      method,
      headers: body ? { ...auth, 'content-type': 'application/json' } : auth,
      body: body ? Buffer.from(JSON.stringify(body)) : undefined,
      timeoutMs,
    });
    let res;
    try {
      res = await exchange.response;
    } catch (e) {
      if (e instanceof ExchangeFailure && e.kind === 'timeout') throw new EmulatorError(0, 'timeout', 'timeout');
      const reason = e instanceof ExchangeFailure ? e.reason : String(e);
      throw new EmulatorError(0, undefined, `emulator unreachable at ${base} (${reason})`);
    }
    const text = res.body.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (res.statusCode >= 400 || json === undefined) {
      const err = (json ?? {}) as { code?: string | number; message?: string };
      throw new EmulatorError(
        res.statusCode,
        err.code,
        err.message ?? `emulator answered ${res.statusCode} to ${method} ${path}: ${text.slice(0, 200)}`,
      );
    }
    return json as T;
  }

  return {
    login: (body, timeoutMs) => call('POST', '/__emulator/wechat/login', body, timeoutMs),
    phone: (body) => call('POST', '/__emulator/wechat/phone', body),
    expireSession: (body) => call('POST', '/__emulator/wechat/expire-session', body),
    userinfo: (body) => call('POST', '/__emulator/wechat/userinfo', body),
    session: (q) => call('GET', `/__emulator/wechat/session?appid=${encodeURIComponent(q.appid)}&openid=${encodeURIComponent(q.openid)}`),
  };
}
