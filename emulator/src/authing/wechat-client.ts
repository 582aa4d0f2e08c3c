import { WechatApiError, WechatCodes } from '../errors';
import { invalidCode, MAX_CODE_LENGTH } from '../wechat/wechat-store';

interface WechatErrorBody {
  errcode?: number;
  errmsg?: string;
}

/**
 * The Authing side talks to WeChat over real HTTP, as Authing's servers do, so a test that
 * points `wechatBaseUrl` elsewhere exercises the same path. Access tokens are cached for their life.
 */
export class WechatClient {
  private accessToken: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly baseUrl: () => string,
    private readonly appid: string,
    private readonly secret: string,
    private readonly now: () => number,
  ) {}

  private async call<T>(path: string, init?: { method: 'POST'; body: unknown }): Promise<T> {
    const response = await fetch(this.baseUrl() + path, {
      method: init?.method ?? 'GET',
      headers: init ? { 'content-type': 'application/json' } : undefined,
      body: init ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    let body: T & WechatErrorBody;
    try {
      body = (await response.json()) as T & WechatErrorBody;
    } catch {
      // Not WeChat's JSON (an HTTP-level refusal, a proxy's page): WeChat's "system busy", not a crash.
      throw new WechatApiError(WechatCodes.busy, `system error: WeChat answered HTTP ${response.status}`);
    }
    if (body.errcode) throw new WechatApiError(body.errcode, body.errmsg ?? 'WeChat error');
    return body;
  }

  code2Session(code: string) {
    if (code.length > MAX_CODE_LENGTH) return Promise.reject(invalidCode());
    const query = new URLSearchParams({ appid: this.appid, secret: this.secret, js_code: code, grant_type: 'authorization_code' });
    return this.call<{ openid: string; session_key: string; unionid?: string }>(`/sns/jscode2session?${query}`);
  }

  /** The mini program's access token as Authing's server caches it (also served by get-wechat-access-token). */
  async cachedAccessToken(): Promise<{ value: string; expiresAt: number }> {
    if (this.accessToken && this.accessToken.expiresAt > this.now() + 60_000) return this.accessToken;
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: this.appid, secret: this.secret });
    const { access_token, expires_in } = await this.call<{ access_token: string; expires_in: number }>(`/cgi-bin/token?${query}`);
    this.accessToken = { value: access_token, expiresAt: this.now() + expires_in * 1000 };
    return this.accessToken;
  }

  async phoneByCode(code: string) {
    if (code.length > MAX_CODE_LENGTH) throw invalidCode();
    const token = (await this.cachedAccessToken()).value;
    const { phone_info } = await this.call<{
      phone_info: { phoneNumber: string; purePhoneNumber: string; countryCode: string; watermark: { appid: string; timestamp: number } };
    }>(`/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`, { method: 'POST', body: { code } });
    return phone_info;
  }
}
