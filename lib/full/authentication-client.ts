import { getClient } from '../core';
import type { AuthCore, AuthStateListener, PhoneInfo, User, WechatUserInfo } from '../core';
import { base64Encode, utf8Encode } from '../rsa/bytes';
import { convertUdvToKeyValuePair, SdkAuthenticationClient, type SdkUser } from './authing-js-sdk';
import { guardClientArguments } from './arguments/guard';
import { disableBrowserOnlyMethods } from './browser-only';
import { coreOptions, sdkOptions, type AuthenticationClientOptions } from './client-options';
import { createWxAxios } from './shims/axios';

/** Authing's users as the core stores them and as authing-js-sdk declares them: the same JSON. */
function asSdkUser(user: User): SdkUser {
  return user as unknown as SdkUser;
}

type SmsLoginOptions = Parameters<SdkAuthenticationClient['loginByPhoneCode']>[2];

type UdvList = Parameters<typeof convertUdvToKeyValuePair>[0];

/** authing-js-sdk returns custom data as `{key: value}`; the API sends a list. */
function withCustomDataPairs(user: User): SdkUser {
  if (!Array.isArray(user.customData)) return asSdkUser(user);
  return asSdkUser(Object.assign({}, user, { customData: convertUdvToKeyValuePair(user.customData as UdvList) }));
}

/** A file picked for a new avatar: the chooseAvatar button's temp path, or authing-js-sdk's browser options (ignored). */
export type AvatarSource = string | { accept?: string };

/**
 * authing-js-sdk's AuthenticationClient for WeChat: every authing-js-sdk method, plus the
 * mini-program logins, on the same core as the components (one session, one transport, one
 * error type). Construct it once, in app.js.
 */
export class AuthenticationClient extends SdkAuthenticationClient {
  /** The lean core shared with the components for this appId and host. */
  readonly core: AuthCore;

  constructor(options: AuthenticationClientOptions) {
    const core = getClient(coreOptions(options));
    super(sdkOptions(options, core));
    this.core = core;
    // NaiveHttpClient (OIDC/OAuth endpoints) is always built with its own axios instance; give it the core's network.
    (this.naiveHttpClient as { axios: unknown }).axios = createWxAxios(core.transport);
    disableBrowserOnlyMethods(this);
    guardClientArguments(this);
  }

  // ---- WeChat mini-program logins (the core's) -------------------------------------------------

  /** Silent login with a wx.login code (fetched when not given); optional getUserInfo data. */
  loginByCode(code?: string, userInfo?: WechatUserInfo): Promise<SdkUser> {
    return this.core.loginByCode(code, userInfo).then(asSdkUser);
  }

  /** Legacy getPhoneNumber data; `code` must come from a wx.login made before the button was tapped. */
  loginByPhone(code: string, iv: string, encryptedData: string): Promise<SdkUser> {
    return this.core.loginByPhone(code, iv, encryptedData).then(asSdkUser);
  }

  /**
   * Login with the getPhoneNumber button's `detail.code` (base library 2.21.2+). Not named
   * loginByPhoneCode: authing-js-sdk already has that, for SMS codes.
   */
  loginByWechatPhoneCode(phoneNumberCode: string, code?: string): Promise<SdkUser> {
    return this.core.loginByPhoneCode(phoneNumberCode, code).then(asSdkUser);
  }

  getPhone(code: string, iv: string, encryptedData: string): Promise<PhoneInfo> {
    return this.core.getPhone(code, iv, encryptedData);
  }

  getPhoneByCode(phoneNumberCode: string): Promise<PhoneInfo> {
    return this.core.getPhoneByCode(phoneNumberCode);
  }

  /** Picks (chooseMedia) or takes the chooseAvatar temp path, uploads it, and saves it as the photo. */
  override updateAvatar(source?: AvatarSource): Promise<SdkUser> {
    return this.core.updateAvatar(typeof source === 'string' ? source : undefined).then(asSdkUser);
  }

  /** authing-js-sdk's name for updateAvatar; its version opens a browser file input. */
  override uploadAvatar(source?: AvatarSource): Promise<SdkUser> {
    return this.updateAvatar(source);
  }

  onAuthStateChange(listener: AuthStateListener): () => void {
    return this.core.onAuthStateChange(listener);
  }

  // ---- authing-js-sdk methods that misbehave in WeChat -------------------------------------------

  /**
   * SMS-code login, as authing-js-sdk. A missing `code` is refused by the argument check with a
   * pointer to loginByWechatPhoneCode (a getPhoneNumber code is the usual mistake).
   */
  override loginByPhoneCode(phone: string, code: string, options?: SmsLoginOptions): Promise<SdkUser> {
    return super.loginByPhoneCode(phone, code, options);
  }

  /** The signed-in user, fresh; null only when no one is signed in. Network and server errors reject. */
  override async getCurrentUser(): Promise<SdkUser | null> {
    const user = await this.core.getCurrentUser();
    return user ? withCustomDataPairs(user) : null;
  }

  /** Asks Authing whether a token (default: the stored one) is valid; a dead stored token signs out. */
  override checkLoginStatus(token?: string): ReturnType<SdkAuthenticationClient['checkLoginStatus']> {
    return this.core.checkLoginStatus(token);
  }

  /** Signs out at Authing and here; here even when Authing cannot be reached. */
  override logout(): Promise<void> {
    return this.core.logout();
  }

  /**
   * Signs out this device only (authing-js-sdk's request: `GET /logout?appId=&deviceId=current`).
   * As with logout, the local session ends first, so a login reply still in flight installs
   * nothing; the request then carries the token that was signed out, and may fail offline.
   */
  override async logoutCurrent(): Promise<void> {
    const token = this.core.session.getToken();
    this.core.session.clear();
    if (!token) return;
    try {
      await this.core.transport.rest({
        method: 'GET',
        url: `/logout?appId=${encodeURIComponent(this.options.appId)}&deviceId=current`,
        anonymous: true,
        headers: { Authorization: `Bearer ${token}` },
      });
    } catch {
      // Already reported through onError; the user asked to be signed out, so they are.
    }
  }

  /**
   * authing-js-sdk's own check throws a plain Error without `code`; every method that needs a
   * signed-in user (updateProfile, the udv family, …) goes through here.
   */
  override checkLoggedIn(): string {
    return this.core.requireLogin();
  }

  /** HTTP Basic credentials for the OAuth token endpoints, without Node's Buffer. */
  override _generateBasicAuthToken(appId?: string, secret?: string): string {
    const id = appId || this.options.appId;
    const password = secret || this.options.secret;
    return 'Basic ' + base64Encode(utf8Encode(`${id}:${password}`));
  }
}
