import type { Db } from '../store/database';
import type { SessionKeyRotation } from '../options';
import { WechatApiError, WechatCodes } from '../errors';
import { encryptWechatData, newSessionKey, signRawData } from '../crypto/wechat-data';
import { randomCode, wechatId } from '../crypto/ids';
import { createHash } from 'node:crypto';

/** How long a wx.login code or a phone code can be exchanged (WeChat: 5 minutes). */
export const CODE_TTL_MS = 5 * 60 * 1000;
/** jscode2session: 100 calls a minute for one user (WeChat's 45011). */
export const CODE2SESSION_PER_MINUTE = 100;
const RATE_WINDOW_MS = 60_000;
export const ACCESS_TOKEN_TTL_S = 7200;
/**
 * WeChat's login and phone codes are 32 characters. Anything much longer cannot be one: it is refused
 * as an invalid code (40029) without a lookup, and the Authing side never puts it in a URL.
 */
export const MAX_CODE_LENGTH = 128;

export function invalidCode(): WechatApiError {
  return new WechatApiError(WechatCodes.invalidCode, `invalid code, rid: ${randomCode(4)}`);
}

export interface WxUser {
  appid: string;
  openid: string;
  unionid: string | null;
  session_key: string;
  session_valid: number;
  login_count: number;
  phone: string;
  country_code: string;
  nickname: string;
  avatar_url: string;
}

interface CodeRow {
  code: string;
  kind: 'login' | 'phone';
  appid: string;
  openid: string;
  phone: string | null;
  created_at: number;
  used_at: number | null;
}

/** The avatar and nickname WeChat hands out since 2021-04-13 instead of the real ones. */
export const ANONYMOUS_NICKNAME = '微信用户';
export const ANONYMOUS_AVATAR =
  'https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132';

/** A stable, plausible mainland mobile number for a user who has not been given one. */
function defaultPhone(openid: string): string {
  const digits = BigInt('0x' + createHash('sha256').update(openid).digest('hex').slice(0, 12)) % BigInt(100000000);
  return '139' + digits.toString().padStart(8, '0');
}

/** The state of api.weixin.qq.com for the mini programs the emulator knows. */
export class WechatStore {
  /** jscode2session times in the last minute, per user. Kept in memory: a throttle, not data. */
  private readonly exchanges = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    private readonly db: Db,
    private readonly rotation: SessionKeyRotation,
    private readonly now: () => number,
  ) {}

  findUser(appid: string, openid: string): WxUser | undefined {
    return this.db.prepare('SELECT * FROM wx_users WHERE appid = ? AND openid = ?').get(appid, openid) as WxUser | undefined;
  }

  /** What wx.login does on the phone: make (or reuse) the user, maybe rotate the session_key, mint a code. */
  mintLoginCode(appid: string, openid?: string, pinnedSessionKey?: string): { code: string; openid: string } {
    return this.db.transaction(() => {
      let user = openid ? this.findUser(appid, openid) : undefined;
      if (!user) {
        const id = openid ?? wechatId('o');
        this.db
          .prepare(
            `INSERT INTO wx_users (appid, openid, unionid, session_key, phone, nickname, avatar_url, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            appid,
            id,
            wechatId('oU'),
            pinnedSessionKey ?? newSessionKey(),
            defaultPhone(id),
            ANONYMOUS_NICKNAME,
            ANONYMOUS_AVATAR,
            this.now(),
          );
        user = this.findUser(appid, id)!;
      } else {
        const rotate =
          pinnedSessionKey !== undefined || this.rotation === 'always' || (this.rotation === 'alternate' && user.login_count % 2 === 1);
        if (rotate) {
          this.db
            .prepare('UPDATE wx_users SET session_key = ?, session_valid = 1 WHERE appid = ? AND openid = ?')
            .run(pinnedSessionKey ?? newSessionKey(), appid, user.openid);
        }
      }
      this.db.prepare('UPDATE wx_users SET login_count = login_count + 1 WHERE appid = ? AND openid = ?').run(appid, user.openid);
      const code = randomCode(16);
      this.db
        .prepare("INSERT INTO wx_codes (code, kind, appid, openid, created_at) VALUES (?, 'login', ?, ?, ?)")
        .run(code, appid, user.openid, this.now());
      return { code, openid: user.openid };
    })();
  }

  private takeCode(code: string, kind: CodeRow['kind'], appid: string): CodeRow {
    if (code.length > MAX_CODE_LENGTH) throw invalidCode();
    const row = this.db.prepare('SELECT * FROM wx_codes WHERE code = ?').get(code) as CodeRow | undefined;
    if (!row || row.kind !== kind || row.appid !== appid || this.now() - row.created_at > CODE_TTL_MS) {
      throw invalidCode();
    }
    if (row.used_at !== null) {
      throw new WechatApiError(WechatCodes.codeUsed, `code been used, rid: ${randomCode(4)}`);
    }
    this.db.prepare('UPDATE wx_codes SET used_at = ? WHERE code = ?').run(this.now(), code);
    return row;
  }

  /** Users whose last exchange is older than the window, dropped at most once a window (amortised O(1)). */
  private sweep(cutoff: number): void {
    const now = this.now();
    // The control API's reset can move the clock back: sweep then too.
    if (now >= this.lastSweep && now - this.lastSweep < RATE_WINDOW_MS) return;
    this.lastSweep = now;
    for (const [key, times] of this.exchanges) {
      if (times[times.length - 1] <= cutoff || times[times.length - 1] > now) this.exchanges.delete(key);
    }
  }

  /** How many users the rate limiter is tracking (for tests and diagnostics). */
  rateTrackedUsers(): number {
    return this.exchanges.size;
  }

  private checkRate(appid: string, openid: string): void {
    const key = `${appid}/${openid}`;
    const cutoff = this.now() - RATE_WINDOW_MS;
    this.sweep(cutoff);
    const recent = (this.exchanges.get(key) ?? []).filter((t) => t > cutoff);
    if (recent.length >= CODE2SESSION_PER_MINUTE) {
      throw new WechatApiError(
        WechatCodes.rateLimited,
        `api minute-quota reach limit  mustslower  retry next minute, rid: ${randomCode(4)}`,
      );
    }
    recent.push(this.now());
    this.exchanges.set(key, recent);
  }

  /** GET /sns/jscode2session */
  code2Session(appid: string, code: string): { openid: string; session_key: string; unionid?: string } {
    if (code.length > MAX_CODE_LENGTH) throw invalidCode();
    const peek = this.db.prepare('SELECT openid FROM wx_codes WHERE code = ?').get(code) as { openid: string } | undefined;
    if (peek) this.checkRate(appid, peek.openid);
    return this.db.transaction(() => {
      const row = this.takeCode(code, 'login', appid);
      const user = this.findUser(appid, row.openid)!;
      return { openid: user.openid, session_key: user.session_key, ...(user.unionid ? { unionid: user.unionid } : {}) };
    })();
  }

  /** The getPhoneNumber button's `e.detail`, made under the user's current session_key. */
  phoneEventDetail(appid: string, openid: string, phoneNumber?: string, watermarkAppId = appid) {
    const user = this.requireUser(appid, openid);
    if (phoneNumber !== undefined) {
      this.db.prepare('UPDATE wx_users SET phone = ? WHERE appid = ? AND openid = ?').run(phoneNumber, appid, openid);
    }
    const phone = phoneNumber ?? user.phone;
    const payload = {
      phoneNumber: user.country_code === '86' ? phone : `+${user.country_code}${phone}`,
      purePhoneNumber: phone,
      countryCode: user.country_code,
      watermark: { timestamp: Math.floor(this.now() / 1000), appid: watermarkAppId },
    };
    const code = randomCode(16);
    this.db
      .prepare("INSERT INTO wx_codes (code, kind, appid, openid, phone, created_at) VALUES (?, 'phone', ?, ?, ?, ?)")
      .run(code, appid, openid, phone, this.now());
    return { errMsg: 'getPhoneNumber:ok', code, ...encryptWechatData(payload, user.session_key) };
  }

  /** The getUserInfo button's `e.detail` (what WeChat returns today: the anonymous profile). */
  userInfoEventDetail(appid: string, openid: string) {
    const user = this.requireUser(appid, openid);
    const userInfo = {
      nickName: user.nickname,
      gender: 0,
      language: 'zh_CN',
      city: '',
      province: '',
      country: '',
      avatarUrl: user.avatar_url,
    };
    const rawData = JSON.stringify(userInfo);
    const encrypted = encryptWechatData(
      {
        openId: user.openid,
        ...userInfo,
        ...(user.unionid ? { unionId: user.unionid } : {}),
        watermark: { timestamp: Math.floor(this.now() / 1000), appid },
      },
      user.session_key,
    );
    return { errMsg: 'getUserInfo:ok', rawData, signature: signRawData(rawData, user.session_key), userInfo, ...encrypted };
  }

  sessionValid(appid: string, openid: string): boolean {
    return this.findUser(appid, openid)?.session_valid === 1;
  }

  expireSession(appid: string, openid: string): void {
    this.requireUser(appid, openid);
    this.db.prepare('UPDATE wx_users SET session_valid = 0 WHERE appid = ? AND openid = ?').run(appid, openid);
  }

  /** GET /cgi-bin/token */
  issueAccessToken(appid: string): { access_token: string; expires_in: number } {
    const token = randomCode(32);
    this.db
      .prepare('INSERT INTO wx_access_tokens (token, appid, expires_at) VALUES (?, ?, ?)')
      .run(token, appid, this.now() + ACCESS_TOKEN_TTL_S * 1000);
    return { access_token: token, expires_in: ACCESS_TOKEN_TTL_S };
  }

  /** POST /wxa/business/getuserphonenumber */
  phoneByCode(accessToken: string, code: string) {
    const token = this.db.prepare('SELECT * FROM wx_access_tokens WHERE token = ?').get(accessToken) as
      { appid: string; expires_at: number } | undefined;
    if (!token) throw new WechatApiError(WechatCodes.invalidCredential, 'invalid credential, access_token is invalid or not latest');
    if (token.expires_at < this.now()) throw new WechatApiError(WechatCodes.accessTokenExpired, 'access_token expired');
    return this.db.transaction(() => {
      const row = this.takeCode(code, 'phone', token.appid);
      const user = this.findUser(token.appid, row.openid)!;
      const pure = row.phone ?? user.phone;
      return {
        phoneNumber: user.country_code === '86' ? pure : `+${user.country_code}${pure}`,
        purePhoneNumber: pure,
        countryCode: user.country_code,
        watermark: { timestamp: Math.floor(this.now() / 1000), appid: token.appid },
      };
    })();
  }

  private requireUser(appid: string, openid: string): WxUser {
    const user = this.findUser(appid, openid);
    if (!user) throw new WechatApiError(WechatCodes.invalidCode, `no WeChat user ${openid} in ${appid}: call wx.login first`);
    return user;
  }
}
