import {
  AuthingError,
  chooseImage,
  ErrorCodes,
  getClient,
  guardArguments,
  userFromProfile,
  V3_LOGIN_SCOPE,
  type AuthCore,
  type AuthStateListener,
  type CoreDependencies,
  type HttpMethod,
  type PhoneInfo,
  type User,
} from '../core';
import { AUTHING_RULES } from './arguments.generated';
import { PasswordCipher } from './password';
import type {
  AuthingOptions,
  BindEmailOptions,
  BindPhoneOptions,
  BindWechatOptions,
  CodeLoginOptions,
  DecryptDataOptions,
  DeleteAccountRequestOptions,
  DeleteAccountToken,
  GetUserInfoOptions,
  LoginState,
  PassCodePayload,
  PasswordPayload,
  SendEmailCodeOptions,
  SendSmsOptions,
  SignInOptions,
  UpdateEmailRequestOptions,
  UpdateEmailToken,
  UpdatePasswordOptions,
  UpdatePhoneRequestOptions,
  UpdatePhoneToken,
  UpdateUserInfo,
  UserInfo,
} from './types';

const DEFAULT_COUNTRY_CODE = '+86';

/**
 * Authing's v3 API for mini programs: everything Authing's own mini-program SDK (`@authing/miniapp`)
 * does, on the same session as the components and the full AuthenticationClient (one client per app
 * and host: a login here fires `onAuthStateChange` everywhere, a logout anywhere ends it here).
 *
 * Every method returns a promise that rejects with an `AuthingError` (never `[error, data]`), told to
 * `onError` once. Calls on the session renew it first when its access token is about to expire.
 */
export class Authing {
  /** The shared core: session, transport, held wx.login code, identity-source lookup. */
  readonly core: AuthCore;
  private readonly passwords: PasswordCipher;

  /** `deps` (storage, clock) apply when this creates the app's client; tests use them. */
  constructor(options: AuthingOptions, deps: CoreDependencies = {}) {
    this.core = getClient(options, deps);
    this.passwords = new PasswordCipher(this.core.transport, options.encryptFunction);
    // Every method's arguments are checked against its declaration before anything is sent.
    guardArguments(this, AUTHING_RULES);
    // Ready before the first tap, quietly (a failure is met, and reported, by the call that needs
    // it): a wx.login code, as Authing's SDK takes one at construction, and the identity source.
    this.core.codes.prefetch().catch(() => undefined);
    this.core.connection.prefetch();
  }

  /**
   * Keeps a fresh wx.login code (WeChat's expire after 5 minutes) for as long as a page with WeChat
   * login buttons is on screen, so a tap long after launch still waits for one request. Call it in
   * the page's `onShow`; call what it returns in `onHide` / `onUnload`.
   */
  keepReady(): () => void {
    this.core.connection.prefetch();
    return this.core.codes.keepFresh();
  }

  // ---- sign-in --------------------------------------------------------------------------------

  /**
   * WeChat login with the code of a `wx.login` made before this call (held by the client, so the
   * tap waits for one request; getUserProfile data stays decryptable). `signin-by-mobile` with
   * `wechat_mini_program_code`.
   */
  loginByCode(options: CodeLoginOptions = {}): Promise<LoginState> {
    return this.signIn(`code:${options.encryptedData ?? ''}`, '/api/v3/signin-by-mobile', async () => ({
      connection: 'wechat_mini_program_code',
      extIdpConnidentifier: await this.core.connection.identifier(),
      wechatMiniProgramCodePayload: {
        code: await this.core.codes.take(),
        encryptedData: options.encryptedData ?? '',
        iv: options.iv ?? '',
      },
      options: this.signInOptions(options.options),
    }));
  }

  /** Login with the getPhoneNumber button's `detail.code` (base library 2.21.2+). */
  loginByPhone(phoneNumberCode: string): Promise<LoginState> {
    return this.core
      .loginByPhoneCode(phoneNumberCode)
      .finally(() => this.refillCode())
      .then(() => this.state());
  }

  /** Password login; the password is RSA-encrypted with Authing's public key unless `passwordEncryptType` says otherwise. */
  loginByPassword(payload: PasswordPayload, options: SignInOptions = {}): Promise<LoginState> {
    const encryptType = options.passwordEncryptType ?? 'rsa';
    const who = payload.account ?? payload.email ?? payload.username ?? payload.phone ?? '';
    return this.signIn(`password:${who}`, '/api/v3/signin', async () => ({
      connection: 'PASSWORD',
      passwordPayload: Object.assign({}, payload, { password: await this.passwords.encrypt(payload.password, encryptType) }),
      options: this.signInOptions(options, { passwordEncryptType: encryptType }),
    }));
  }

  /** Login with a code sent by `sendSms` (channel CHANNEL_LOGIN) or `sendEmailCode`. */
  loginByPassCode(payload: PassCodePayload, options: SignInOptions = {}): Promise<LoginState> {
    const passCodePayload = payload.phone
      ? Object.assign({}, payload, { phoneCountryCode: payload.phoneCountryCode || DEFAULT_COUNTRY_CODE })
      : payload;
    return this.signIn(`passcode:${payload.phone ?? payload.email ?? ''}`, '/api/v3/signin', () =>
      Promise.resolve({ connection: 'PASSCODE', passCodePayload, options: this.signInOptions(options) }),
    );
  }

  /** Sends a verification code by SMS. */
  async sendSms(options: SendSmsOptions): Promise<void> {
    const data = Object.assign({}, options, { phoneCountryCode: options.phoneCountryCode || DEFAULT_COUNTRY_CODE });
    await this.core.transport.rest({ method: 'POST', url: '/api/v3/send-sms', data, anonymous: true });
  }

  /** Sends a verification code by email. */
  async sendEmailCode(options: SendEmailCodeOptions): Promise<void> {
    await this.core.transport.rest({ method: 'POST', url: '/api/v3/send-email', data: options, anonymous: true });
  }

  // ---- session --------------------------------------------------------------------------------

  /**
   * The v3 session, renewed first when its access token is about to expire; null when no one is
   * signed in with a v3 login. Offline, a session that could not be renewed is still returned
   * (it stays until Authing says its refresh token is dead).
   */
  async getLoginState(): Promise<LoginState | null> {
    try {
      // The access token's own expiry decides (Authing may give it a lifetime other than the id token's).
      if (this.core.session.getRefreshable()) await this.core.refresher.accessToken();
    } catch (error) {
      if (!(error instanceof AuthingError) || error.code === ErrorCodes.SESSION_EXPIRED || error.code === ErrorCodes.NOT_LOGGED_IN) {
        return null;
      }
    }
    return this.current();
  }

  /** Ends the session on this phone only (no request): SIGNED_OUT, stored tokens removed. */
  clearLoginState(): void {
    this.core.session.clear();
  }

  /** Renews the session now with its refresh token (rotated by Authing). */
  refreshToken(): Promise<LoginState> {
    return this.core.refresher.refresh().then(() => this.state());
  }

  /** Signs out here at once, then revokes the session at Authing (`/oidc/token/revocation`). */
  logout(): Promise<void> {
    return this.core.logout();
  }

  /** SIGNED_IN, SIGNED_OUT, TOKEN_REFRESHED, USER_UPDATED; returns the unsubscribe. */
  onAuthStateChange(listener: AuthStateListener): () => void {
    return this.core.onAuthStateChange(listener);
  }

  /** The signed-in user as last known (id token claims, then the profile), without a request. */
  getUser(): User | null {
    return this.core.getUser();
  }

  // ---- account --------------------------------------------------------------------------------

  /** The signed-in user's profile (`get-profile`); the session's user is updated with it. */
  async getUserInfo(options: GetUserInfoOptions = {}): Promise<UserInfo> {
    const query: Record<string, string> = {};
    for (const [name, value] of Object.entries(options)) if (value !== undefined) query[name] = String(value);
    return this.keep(await this.account<UserInfo>('GET', '/api/v3/get-profile', query, true));
  }

  /** Changes profile fields (`update-profile`); resolves the updated profile, and the components show it. */
  async updateUserInfo(patch: UpdateUserInfo): Promise<UserInfo> {
    return this.keep(await this.account<UserInfo>('POST', '/api/v3/update-profile', patch, true));
  }

  /** Sets a new password; `oldPassword` travels as typed, as Authing's own SDK sends it. */
  async updatePassword(options: UpdatePasswordOptions): Promise<void> {
    const passwordEncryptType = options.passwordEncryptType ?? 'rsa';
    const newPassword = await this.passwords.encrypt(options.newPassword, passwordEncryptType);
    await this.account('POST', '/api/v3/update-password', Object.assign({}, options, { newPassword, passwordEncryptType }));
  }

  /**
   * Picks (unless given the chooseAvatar button's temp path), uploads and saves a new avatar
   * (`/api/v2/upload`, then `update-profile` with the URL). A closed picker rejects CANCELLED.
   */
  async updateAvatar(tempFilePath?: string): Promise<UserInfo> {
    await this.core.refresher.accessToken();
    let path = tempFilePath;
    if (path === undefined) {
      try {
        path = await chooseImage();
      } catch (error) {
        throw error instanceof AuthingError ? this.core.transport.fail(error) : error;
      }
    }
    const photo = await this.core.uploadImage(path);
    return this.updateUserInfo({ photo });
  }

  async bindEmail(options: BindEmailOptions): Promise<void> {
    await this.account('POST', '/api/v3/bind-email', options);
  }

  /** Step one of changing the email: proves both codes, resolves the token `updateEmail` takes. */
  updateEmailRequest(options: UpdateEmailRequestOptions): Promise<UpdateEmailToken> {
    return this.account<UpdateEmailToken>('POST', '/api/v3/verify-update-email-request', options, true);
  }

  async updateEmail(options: { updateEmailToken: string }): Promise<void> {
    await this.account('POST', '/api/v3/update-email', options);
  }

  async bindPhone(options: BindPhoneOptions): Promise<void> {
    await this.account('POST', '/api/v3/bind-phone', options);
  }

  /** Step one of changing the phone: resolves the token `updatePhone` takes. */
  updatePhoneRequest(options: UpdatePhoneRequestOptions): Promise<UpdatePhoneToken> {
    return this.account<UpdatePhoneToken>('POST', '/api/v3/verify-update-phone-request', options, true);
  }

  async updatePhone(options: { updatePhoneToken: string }): Promise<void> {
    await this.account('POST', '/api/v3/update-phone', options);
  }

  /** Step one of deleting the account: proves the user, resolves the token `deleteAccount` takes. */
  async deleteAccountRequest(options: DeleteAccountRequestOptions): Promise<DeleteAccountToken> {
    let request = options;
    if (options.passwordPayload) {
      const passwordEncryptType = options.passwordPayload.passwordEncryptType ?? 'rsa';
      const password = await this.passwords.encrypt(options.passwordPayload.password, passwordEncryptType);
      request = Object.assign({}, options, { passwordPayload: { password, passwordEncryptType } });
    }
    return this.account<DeleteAccountToken>('POST', '/api/v3/verify-delete-account-request', request, true);
  }

  /** Deletes the account for good; the session ends here (SIGNED_OUT). */
  async deleteAccount(options: { deleteAccountToken: string }): Promise<void> {
    await this.account('POST', '/api/v3/delete-account', options);
    this.core.session.clear();
  }

  // ---- WeChat ---------------------------------------------------------------------------------

  /**
   * Binds this WeChat user to the signed-in account (`/connections/social/wechat-miniprogram/bind`),
   * with the held wx.login code.
   */
  async bindWxByCode(options: BindWechatOptions = {}): Promise<void> {
    const extIdpConnidentifier = await this.core.connection.identifier();
    const code = await this.heldCode();
    await this.account(
      'POST',
      '/connections/social/wechat-miniprogram/bind',
      Object.assign({ code, extIdpConnidentifier }, options),
    ).finally(() => this.refillCode());
  }

  /** The user's phone from the getPhoneNumber button's `detail.code`; signs no one in. */
  getPhone(phoneNumberCode: string): Promise<PhoneInfo> {
    return this.core.getPhoneByCode(phoneNumberCode);
  }

  /**
   * Decrypts WeChat data (run data, share info…) with the session key of the held (or given) code.
   * No token, as Authing's mini-program SDK sends it: the code itself proves the WeChat user.
   */
  decryptData(options: DecryptDataOptions): Promise<Record<string, unknown>> {
    return this.core.connection.identifier().then(async (extIdpConnidentifier) => {
      const code = options.code ?? (await this.heldCode());
      return this.core.transport
        .rest<Record<string, unknown>>(
          {
            method: 'POST',
            url: '/api/v3/decrypt-wechat-miniprogram-data',
            data: { extIdpConnidentifier, code, iv: options.iv, encryptedData: options.encryptedData },
            anonymous: true,
          },
          { required: true },
        )
        .finally(() => options.code === undefined && this.refillCode());
    });
  }

  // ---- plumbing -------------------------------------------------------------------------------

  /**
   * The wx.login code held from before the call (the data to bind or decrypt was made under its
   * session key); the next one is fetched once it is taken. A failed wx.login reaches onError.
   */
  private heldCode(): Promise<string> {
    return this.core.codes.take().catch((error: unknown) => {
      throw error instanceof AuthingError ? this.core.transport.fail(error) : error;
    });
  }

  private signInOptions(options: SignInOptions = {}, extra: SignInOptions = {}): SignInOptions {
    return Object.assign({ scope: V3_LOGIN_SCOPE }, options, extra);
  }

  private signIn(key: string, url: '/api/v3/signin' | '/api/v3/signin-by-mobile', body: () => Promise<Record<string, unknown>>) {
    return this.core
      .loginV3(key, url, body)
      .finally(() => url === '/api/v3/signin-by-mobile' && this.refillCode())
      .then(() => this.state());
  }

  /**
   * After a call used the held wx.login code: the next one is fetched now, in the background (its
   * exchange is over, so no session key it relied on can change), so the next tap waits for one
   * request too. Quiet: the tap that needs it meets a failure.
   */
  private refillCode(): void {
    this.core.codes.prefetch().catch(() => undefined);
  }

  /** A v3 call on the signed-in user's behalf: `Authorization: <access_token>` (raw, as Authing's SDK sends it). */
  private async account<T>(method: HttpMethod, url: string, data?: object, required = false): Promise<T> {
    const accessToken = await this.core.refresher.accessToken();
    return this.core.transport.rest<T>({ method, url, data, anonymous: true, headers: { Authorization: accessToken } }, { required });
  }

  /** A profile from Authing becomes the session's user too (USER_UPDATED), so the components show it. */
  private keep(profile: UserInfo): UserInfo {
    const token = this.core.getToken();
    const user = token ? userFromProfile(profile, token) : null;
    if (user) this.core.session.updateUser(Object.assign({}, this.core.getUser(), user), token);
    return profile;
  }

  private current(): LoginState | null {
    const session = this.core.session.getRefreshable();
    if (!session) return null;
    const { tokens, token } = session;
    const expiresAt = tokens.expiresAt ?? 0;
    const state: LoginState = {
      access_token: tokens.accessToken,
      id_token: token,
      token_type: 'Bearer',
      scope: tokens.scope ?? '',
      expires_in: Math.max(0, Math.round((expiresAt - this.core.now()) / 1000)),
      expires_at: expiresAt,
    };
    if (tokens.refreshToken) state.refresh_token = tokens.refreshToken;
    return state;
  }

  /** The state a login or refresh just installed. */
  private state(): LoginState {
    const state = this.current();
    if (!state) throw new AuthingError(ErrorCodes.CANCELLED, '登录期间已退出，此次登录结果已丢弃', { reason: 'superseded' });
    return state;
  }
}
