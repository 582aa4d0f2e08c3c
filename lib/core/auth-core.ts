import { guardArguments } from './arguments';
import { AUTH_CORE_RULES } from './arguments.generated';
import { AuthingCodes, AuthingError, ErrorCodes } from './errors';
import { CHECK_LOGIN_STATUS, CURRENT_USER, UPDATE_USER } from './documents';
import { chooseImage, uploadImage } from './image-upload';
import { LoginCodeManager } from './login-code';
import { MiniprogramConnection } from './miniprogram-connection';
import {
  isTokenSet,
  oidcTokensOf,
  userFromIdToken,
  userFromProfile,
  V3_LOGIN_SCOPE,
  type OidcTokens,
  type OidcTokenSet,
} from './oidc-session';
import { resolveOptions, type CoreOptions, type ResolvedCoreOptions } from './options';
import { SessionStore, wxStorage, type AuthStateListener, type StorageAdapter } from './session-store';
import { SingleFlight } from './single-flight';
import { REFRESH_MARGIN_MS, TokenRefresher } from './token-refresh';
import { Transport } from './transport';
import type { PhoneInfo, User } from './user';

const MINIPROGRAM = '/connections/social/wechat-miniprogram';

/**
 * What getUserInfo gives (legacy profile flows) that Authing takes; all optional, as on today's
 * base libraries. Its `signature` is not among them: no Authing client sends it (the seed SDK sends
 * `{code, iv, encryptedData, rawData}`), so neither do we.
 */
export interface WechatUserInfo {
  iv?: string;
  encryptedData?: string;
  rawData?: string;
}

/** Result of checkLoginStatus, as Authing's `JWTTokenStatus`. */
export interface LoginStatus {
  code: number | null;
  message: string | null;
  status: boolean;
  exp: number | null;
  iat: number | null;
  data: { id: string | null; userPoolId: string | null; arn: string | null } | null;
}

/** Editable profile fields (Authing's UpdateUserInput, minus what needs verification codes). */
export interface ProfilePatch {
  nickname?: string;
  photo?: string;
  username?: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  gender?: 'M' | 'F' | 'U';
  birthdate?: string;
  company?: string;
  website?: string;
  address?: string;
  city?: string;
  province?: string;
  country?: string;
  locale?: string;
  [field: string]: unknown;
}

/** What a login installs: the user (whose `token` is the session token) and, after a v3 login, its OIDC tokens. */
interface LoginResult {
  user: User;
  oidc: OidcTokens | null;
}

const v2Login = (user: User): LoginResult => ({ user, oidc: null });

/** Authing's two v3 sign-in endpoints: WeChat (mini-program code, phone code) and credentials (password, pass code). */
export type V3SignInPath = '/api/v3/signin-by-mobile' | '/api/v3/signin';

export interface CoreDependencies {
  storage?: StorageAdapter;
  now?: () => number;
}

/**
 * The lean client the components use: WeChat logins, the session, profile and avatar. It never
 * loads authing-js-sdk; the full AuthenticationClient is wired onto the same instance.
 */
export class AuthCore {
  readonly options: ResolvedCoreOptions;
  readonly session: SessionStore;
  readonly transport: Transport;
  readonly codes: LoginCodeManager;
  /** The `extIdpConnidentifier` of the v3 phone flows, looked up once. */
  readonly connection: MiniprogramConnection;
  /** Renews a v3 session (refresh token) before it expires; one exchange at a time. */
  readonly refresher: TokenRefresher;
  private readonly flights = new SingleFlight();
  /** The client's clock (epoch ms): what token expiry is judged by; a test may give its own. */
  readonly now: () => number;

  constructor(options: CoreOptions, deps: CoreDependencies = {}) {
    this.options = resolveOptions(options);
    this.now = deps.now ?? Date.now;
    this.session = new SessionStore(deps.storage ?? wxStorage, this.now, (error) => this.transport.fail(error));
    this.transport = new Transport(this.options, this.session);
    this.codes = new LoginCodeManager(this.now);
    this.connection = new MiniprogramConnection(this.transport, this.options.appId, this.options.extIdpConnidentifier);
    this.refresher = new TokenRefresher(this.transport, this.session, this.now);
    if (this.options.accessToken) this.session.setToken(this.options.accessToken);
    // Every method's arguments are checked here, before its body runs: a missing phone code (an old
    // base library) fails without taking the held login code the legacy fallback still needs.
    guardArguments(this, AUTH_CORE_RULES);
  }

  /**
   * Takes the request settings of a later client for the same app (a component created the core
   * first, then the app built its AuthenticationClient with onError or timeout): the app's say wins.
   */
  configure(options: CoreOptions): void {
    const next = resolveOptions(options);
    if (options.timeout !== undefined) this.options.timeout = next.timeout;
    if (options.onError !== undefined) this.options.onError = next.onError;
    if (options.lang !== undefined) this.options.lang = next.lang;
    if (options.userPoolId !== undefined) this.options.userPoolId = next.userPoolId;
    if (next.extIdpConnidentifier) this.connection.configure(next.extIdpConnidentifier);
  }

  // ---- session -------------------------------------------------------------------------------

  isLoggedIn(): boolean {
    return this.session.getToken() !== null;
  }

  getUser(): User | null {
    return this.session.getUser();
  }

  getToken(): string | null {
    return this.session.getToken();
  }

  onAuthStateChange(listener: AuthStateListener): () => void {
    return this.session.onAuthStateChange(listener);
  }

  /** The signed-in user's id, or NOT_LOGGED_IN (reported to onError, the local twin of AuthingCodes.NOT_LOGGED_IN). */
  requireLogin(): string {
    const id = this.session.getUserId();
    if (!id) {
      throw this.transport.fail(
        new AuthingError(ErrorCodes.NOT_LOGGED_IN, this.session.isExpired() ? '登录已过期，请重新登录' : '请先登录'),
      );
    }
    return id;
  }

  /**
   * The same login asked for twice while in flight (a double tap, two components at once) is one
   * request. Different logins (silent launch login, then the phone button) each run.
   */
  private login(key: string, task: () => Promise<LoginResult>): Promise<User> {
    // Taken now, synchronously: a logout or a later login from here on makes this reply stale.
    const ticket = this.session.begin();
    return this.flights.run(`login:${key}`, async () => {
      // The next code is fetched only once this exchange is over: a wx.login during it could rotate
      // the session_key the tap's encryptedData was made under.
      const { user, oidc } = await this.reporting(task().finally(() => this.codes.refill()));
      if (!user || typeof user !== 'object' || !user.token) {
        throw this.transport.fail(new AuthingError(ErrorCodes.BAD_RESPONSE, '登录成功但没有返回 token', user));
      }
      if (!this.session.claim(ticket)) {
        // Logout wins: a reply that lands after the user signed out (or signed in again) installs nothing.
        throw new AuthingError(ErrorCodes.CANCELLED, '登录期间已退出或有新的登录，此次登录结果已丢弃', { reason: 'superseded' });
      }
      this.session.signIn(user, oidc);
      if (oidc) this.loadProfile();
      return user;
    });
  }

  /**
   * A v3 login (`/api/v3/signin-by-mobile` or `/api/v3/signin`, as Authing's mini-program SDK sends
   * them). Its reply is an OIDC token set: the id token becomes the session token (Authing's v2 user
   * token is an id token, so every v2 / authing-js-sdk call works on it), the access and refresh
   * tokens are kept for v3 calls, and the user is read from the id token's claims, so the login
   * costs one round trip.
   */
  private async signInV3(url: V3SignInPath, body: Record<string, unknown>): Promise<LoginResult> {
    const set = await this.transport.rest<OidcTokenSet | null>({ method: 'POST', url, data: body, anonymous: true });
    const user = isTokenSet(set) ? userFromIdToken(set.id_token) : null;
    if (!set || !user) throw this.transport.fail(new AuthingError(ErrorCodes.BAD_RESPONSE, '登录成功但没有返回可用的 id_token', set));
    return { user, oidc: oidcTokensOf(set, this.now()) };
  }

  /**
   * Any v3 login, as one login of this client (single-flight per `key`, logout wins, one session):
   * `body` is built when the login runs (it may take the held wx.login code). The v3 client's
   * password, pass-code and WeChat logins come through here.
   */
  loginV3(key: string, url: V3SignInPath, body: () => Promise<Record<string, unknown>>): Promise<User> {
    return this.login(`v3:${key}`, async () => this.signInV3(url, await body()));
  }

  /**
   * Before a call made with the session token: the renewal of a v3 session whose token is about to
   * expire (one exchange however many calls wait), or null, synchronously, when none is due (a v2
   * session, none, or a token far from expiry: its claims are in memory, no storage read), so the
   * caller goes on in the same tick.
   */
  private renewal(): Promise<unknown> | null {
    return this.session.expiresWithin(REFRESH_MARGIN_MS) && this.session.getRefreshable() ? this.refresher.accessToken() : null;
  }

  /**
   * After a v3 login, the full profile as Authing's own mini-program SDK reads it
   * (`GET /api/v3/get-profile`, `Authorization: <access_token>`); it arrives as USER_UPDATED.
   * A failure is reported to onError and leaves the session as it is.
   */
  private loadProfile(): void {
    const token = this.session.getToken();
    const accessToken = this.session.getAccessToken();
    if (!token || !accessToken) return;
    this.transport
      .rest<Record<string, unknown> | null>({
        method: 'GET',
        url: '/api/v3/get-profile',
        anonymous: true,
        headers: { Authorization: accessToken },
      })
      .then((profile) => {
        const user = profile && typeof profile === 'object' ? userFromProfile(profile, token) : null;
        if (!user) throw this.transport.fail(new AuthingError(ErrorCodes.BAD_RESPONSE, '服务器没有返回用户', profile));
        this.session.updateUser(Object.assign({}, this.session.getUser(), user), token);
      })
      .catch(() => undefined); // reported through onError by the transport; the session stays valid
  }

  /**
   * Looks up the WeChat mini-program identity source ahead of a phone tap (components do this on
   * attach), so the tap waits for nothing but the login. A failure is reported like any failed
   * request; the tap then tries the lookup again.
   */
  prefetchConnection(): Promise<void> {
    return this.connection.identifier().then(() => undefined);
  }

  /** Failures from wx APIs (wx.login, the pickers) reach onError too; request failures already did, once. */
  private reporting<T>(promise: Promise<T>): Promise<T> {
    return promise.catch((error: unknown) => {
      throw error instanceof AuthingError ? this.transport.fail(error) : error;
    });
  }

  // ---- WeChat logins ------------------------------------------------------------------------

  /** Silent login with a wx.login code (one is obtained if not given); optional getUserInfo data. */
  loginByCode(code?: string, info: WechatUserInfo = {}): Promise<User> {
    return this.login(`code:${code ?? ''}:${info.encryptedData ?? info.rawData ?? ''}`, async () => {
      const loginCode = code ?? (await this.codes.take());
      return this.transport
        .rest<User>({
          method: 'POST',
          url: `${MINIPROGRAM}/auth`,
          data: { code: loginCode, iv: info.iv, encryptedData: info.encryptedData, rawData: info.rawData },
          anonymous: true,
        })
        .then(v2Login);
    });
  }

  /** Legacy phone login: the code must come from a wx.login made *before* the button produced encryptedData. */
  loginByPhone(code: string, iv: string, encryptedData: string): Promise<User> {
    return this.login(`phone:${encryptedData}`, () =>
      this.transport
        .rest<User>({
          method: 'POST',
          url: `${MINIPROGRAM}/auth-by-phone`,
          data: {
            code,
            iv,
            encryptedData,
          },
          anonymous: true,
        })
        .then(v2Login),
    );
  }

  /**
   * Phone login with the getPhoneNumber button's `code` (base library 2.21.2+): no encryptedData, no
   * key race. Sent as Authing's mini-program SDK and Android SDK send it: `/api/v3/signin-by-mobile`
   * with `wechat_mini_program_code_and_phone`; `wxLoginInfo` carries a wx.login code (the held one
   * when there is one) and, as there, empty `iv` / `encryptedData`.
   */
  loginByPhoneCode(phoneNumberCode: string, code?: string): Promise<User> {
    return this.login(`phone-code:${phoneNumberCode}`, async () => {
      const extIdpConnidentifier = await this.connection.identifier();
      const loginCode = code ?? (await this.codes.take());
      return this.signInV3('/api/v3/signin-by-mobile', {
        connection: 'wechat_mini_program_code_and_phone',
        extIdpConnidentifier,
        wechatMiniProgramCodeAndPhonePayload: {
          wxPhoneInfo: { code: phoneNumberCode },
          wxLoginInfo: { code: loginCode, iv: '', encryptedData: '' },
        },
        options: { scope: V3_LOGIN_SCOPE },
      });
    });
  }

  /** The user's phone from the legacy button data; registers and signs in no one. */
  getPhone(code: string, iv: string, encryptedData: string): Promise<PhoneInfo> {
    return this.transport
      .rest<PhoneInfo>(
        {
          method: 'POST',
          url: `${MINIPROGRAM}/getphone`,
          data: {
            code,
            iv,
            encryptedData,
          },
          anonymous: true,
        },
        { required: true },
      )
      .finally(() => this.codes.refill());
  }

  /**
   * The user's phone from the getPhoneNumber button's `code` (base library 2.21.2+); signs no one in.
   * `/api/v3/get-wechat-miniprogram-phone` `{extIdpConnidentifier, code}`, read from `phone_info`, as
   * Authing's mini-program SDK does.
   */
  async getPhoneByCode(phoneNumberCode: string): Promise<PhoneInfo> {
    const extIdpConnidentifier = await this.connection.identifier();
    const reply = await this.transport.rest<{ phone_info?: PhoneInfo } | null>({
      method: 'POST',
      url: '/api/v3/get-wechat-miniprogram-phone',
      data: { extIdpConnidentifier, code: phoneNumberCode },
      anonymous: true,
    });
    const info = reply && typeof reply === 'object' ? reply.phone_info : undefined;
    if (!info || typeof info.phoneNumber !== 'string')
      throw this.transport.fail(new AuthingError(ErrorCodes.BAD_RESPONSE, '服务器没有返回手机号（phone_info）', reply));
    return info;
  }

  // ---- profile --------------------------------------------------------------------------------

  async updateProfile(patch: ProfilePatch): Promise<User> {
    const renewal = this.renewal();
    if (renewal) await renewal;
    const id = this.requireLogin();
    const token = this.session.getToken();
    const { updateUser } = await this.transport.graphql<{ updateUser: User }>(UPDATE_USER, { id, input: patch });
    if (!updateUser || typeof updateUser !== 'object')
      throw this.transport.fail(new AuthingError(ErrorCodes.BAD_RESPONSE, '服务器没有返回用户', updateUser));
    this.session.updateUser(updateUser, token);
    return this.session.getUser() ?? updateUser;
  }

  /** Uploads an image (a temp file path) as the signed-in user; resolves its URL. Saves nothing. */
  uploadImage(tempFilePath: string, folder = 'avatar'): Promise<string> {
    this.requireLogin();
    return uploadImage(this.transport, tempFilePath, folder, this.options.timeout);
  }

  /**
   * Picks (unless given a temp path, e.g. from the chooseAvatar button), uploads and saves a new
   * avatar. A closed picker rejects with CANCELLED and changes nothing.
   */
  updateAvatar(tempFilePath?: string): Promise<User> {
    return this.flights.run(`avatar:${tempFilePath ?? ''}`, async () => {
      const renewal = this.renewal();
      if (renewal) await renewal;
      this.requireLogin();
      const path = tempFilePath ?? (await this.reporting(chooseImage()));
      const url = await uploadImage(this.transport, path, 'avatar', this.options.timeout);
      return this.updateProfile({ photo: url });
    });
  }

  /** The signed-in user, fresh from Authing; null when no one is signed in. Network errors reject. */
  async getCurrentUser(): Promise<User | null> {
    const renewal = this.renewal();
    if (renewal) await renewal.catch(() => undefined); // an expired session answers null below
    if (!this.session.getToken()) return null;
    try {
      const token = this.session.getToken();
      const { user } = await this.transport.graphql<{ user: User }>(CURRENT_USER, {});
      if (!user || typeof user !== 'object')
        throw this.transport.fail(new AuthingError(ErrorCodes.BAD_RESPONSE, '服务器没有返回用户', user));
      this.session.updateUser(user, token);
      return this.session.getUser() ?? user;
    } catch (error) {
      // Authing saying "not logged in" means this token is dead: drop it. Anything else keeps the session.
      if (error instanceof AuthingError && error.code === AuthingCodes.NOT_LOGGED_IN) {
        this.session.clear(false);
        return null;
      }
      throw error;
    }
  }

  /** Asks Authing whether a token (default: the stored one) is valid. An expired token is answered locally. */
  async checkLoginStatus(token?: string): Promise<LoginStatus> {
    const checked = token ?? this.session.getToken();
    if (!checked) {
      const expired = token === undefined && this.session.isExpired();
      return {
        code: AuthingCodes.NOT_LOGGED_IN,
        message: expired ? '登录已过期' : '尚未登录',
        status: false,
        exp: null,
        iat: null,
        data: null,
      };
    }
    const { checkLoginStatus } = await this.transport.graphql<{ checkLoginStatus: LoginStatus }>(
      CHECK_LOGIN_STATUS,
      { token: checked },
      null,
    );
    if (token === undefined && checkLoginStatus && checkLoginStatus.status === false && checked === this.session.getToken()) {
      this.session.clear(false);
    }
    return checkLoginStatus;
  }

  /**
   * Signs out here at once (SIGNED_OUT before any await; a login in flight lands nowhere), then at
   * Authing with the token that was signed in. The local session ends even when Authing cannot be reached.
   * A v3 session is revoked as Authing's mini-program SDK does it (`POST /oidc/token/revocation`,
   * form `{client_id, token}`), naming the refresh token when there is one: revoking it ends the
   * whole grant (RFC 7009 §2.1), so a copied refresh token dies with the logout too.
   */
  async logout(): Promise<void> {
    const token = this.session.getToken();
    const v3 = this.session.getRefreshable();
    this.session.clear();
    try {
      if (v3) {
        await this.transport
          .send({
            method: 'POST',
            url: '/oidc/token/revocation',
            data: { client_id: this.options.appId, token: v3.tokens.refreshToken ?? v3.tokens.accessToken },
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            anonymous: true,
          })
          .then((reply) => this.transport.read(reply, 'raw'));
        return;
      }
      if (!token) return;
      await this.transport.rest({
        method: 'GET',
        url: `/api/v2/logout?app_id=${encodeURIComponent(this.options.appId)}`,
        anonymous: true,
        headers: { Authorization: `Bearer ${token}` },
      });
    } catch {
      // Already reported through onError; the user asked to be signed out, so they are.
    }
  }
}
