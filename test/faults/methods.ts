/**
 * Every public method of the full client and of the lean core, with arguments that pass their
 * own checks, so that what happens next is the network's doing. The fault suite compares this
 * table with the classes themselves: a method added later fails the suite until it is listed here.
 */
import type { Client, Core } from '../full/families.kit';

export type AuthCore = InstanceType<Core['AuthCore']>;
export type V3 = typeof import('../../lib/v3');
export type Authing = InstanceType<V3['Authing']>;

export interface CallContext {
  /** a temp file the phone may upload (http://tmp/…) */
  tempFile: string;
}

export type MethodCase =
  /** sends a request: fails under every fault with the fault's code, told to onError once, session kept */
  | { kind: 'request'; call: (target: never, ctx: CallContext) => unknown; nullData?: 'resolves' | 'signs-out' }
  /** logout: the local session ends whatever the network does */
  | { kind: 'signs-out'; call: (target: never, ctx: CallContext) => unknown }
  /** works locally, sends nothing */
  | { kind: 'local'; call: (target: never, ctx: CallContext) => unknown }
  /** ends the session here without a request */
  | { kind: 'clears'; call: (target: never, ctx: CallContext) => unknown }
  /** not callable by the app: TypeScript-private, or an authing-js-sdk internal (`_…`) behind a public method */
  | { kind: 'internal' };

type Table<T> = Record<
  string,
  | { kind: 'internal' }
  | {
      kind: 'request' | 'signs-out' | 'local' | 'clears';
      call: (target: T, ctx: CallContext) => unknown;
      nullData?: 'resolves' | 'signs-out';
    }
>;

const EMAIL = 'fault@example.com';
const PHONE = '13800000000';
const PASSWORD = 'Passw0rd!';
const SMS = '1234';

/**
 * `{code: 200, data: null}` is a success without data. Where authing-js-sdk hands `data` back as it
 * is (REST calls returning a message or nothing), the call resolves; every call that needs data
 * to go on (a user to sign in, a public key) rejects with BAD_RESPONSE.
 */
const resolves = 'resolves' as const;

export const FULL_METHODS: Table<Client> = {
  // ---- the mini-program logins (the core's) ----
  loginByCode: { kind: 'request', call: (c) => c.loginByCode() },
  loginByPhone: { kind: 'request', call: (c) => c.loginByPhone('wx-code', 'iv', 'encrypted') },
  loginByWechatPhoneCode: { kind: 'request', call: (c) => c.loginByWechatPhoneCode('phone-code', 'wx-code') },
  getPhone: { kind: 'request', call: (c) => c.getPhone('wx-code', 'iv', 'encrypted') },
  getPhoneByCode: { kind: 'request', call: (c) => c.getPhoneByCode('phone-code') },
  updateAvatar: { kind: 'request', call: (c, ctx) => c.updateAvatar(ctx.tempFile) },
  uploadAvatar: { kind: 'request', call: (c, ctx) => c.uploadAvatar(ctx.tempFile) },
  onAuthStateChange: { kind: 'local', call: (c) => c.onAuthStateChange(() => undefined)() },

  // ---- registration and login ----
  registerByEmail: { kind: 'request', call: (c) => c.registerByEmail(EMAIL, PASSWORD) },
  registerByEmailCode: { kind: 'request', call: (c) => c.registerByEmailCode(EMAIL, SMS) },
  registerByUsername: { kind: 'request', call: (c) => c.registerByUsername('fault', PASSWORD) },
  registerByPhoneCode: { kind: 'request', call: (c) => c.registerByPhoneCode(PHONE, SMS, PASSWORD) },
  loginByEmail: { kind: 'request', call: (c) => c.loginByEmail(EMAIL, PASSWORD) },
  loginByUsername: { kind: 'request', call: (c) => c.loginByUsername('fault', PASSWORD) },
  loginByPhoneCode: { kind: 'request', call: (c) => c.loginByPhoneCode(PHONE, SMS) },
  loginByEmailCode: { kind: 'request', call: (c) => c.loginByEmailCode(EMAIL, SMS) },
  loginByPhonePassword: { kind: 'request', call: (c) => c.loginByPhonePassword(PHONE, PASSWORD) },
  loginBySubAccount: { kind: 'request', call: (c) => c.loginBySubAccount('sub', PASSWORD) },
  loginByLdap: { kind: 'request', call: (c) => c.loginByLdap('fault', PASSWORD) },
  loginByAd: { kind: 'request', call: (c) => c.loginByAd('fault', PASSWORD) },
  signinByCredentials: {
    kind: 'request',
    call: (c) =>
      c.signinByCredentials({ connection: 'PASSWORD', passwordPayload: { email: EMAIL, password: PASSWORD }, options: {} } as never),
    nullData: resolves,
  },
  sendSmsCode: { kind: 'request', call: (c) => c.sendSmsCode(PHONE), nullData: resolves },
  sendEmail: { kind: 'request', call: (c) => c.sendEmail(EMAIL, 'VERIFY_EMAIL' as never) },
  checkPasswordStrength: { kind: 'request', call: (c) => c.checkPasswordStrength(PASSWORD) },
  checkLoginStatus: { kind: 'request', call: (c) => c.checkLoginStatus() },
  isUserExists: { kind: 'request', call: (c) => c.isUserExists({ username: 'fault' }) },

  // ---- passwords ----
  resetPasswordByPhoneCode: { kind: 'request', call: (c) => c.resetPasswordByPhoneCode(PHONE, SMS, PASSWORD) },
  resetPasswordByEmailCode: { kind: 'request', call: (c) => c.resetPasswordByEmailCode(EMAIL, SMS, PASSWORD) },
  resetPasswordByFirstLoginToken: { kind: 'request', call: (c) => c.resetPasswordByFirstLoginToken({ token: 't', password: PASSWORD }) },
  resetPasswordByForceResetToken: {
    kind: 'request',
    call: (c) => c.resetPasswordByForceResetToken({ token: 't', oldPassword: PASSWORD, newPassword: `${PASSWORD}2` }),
  },
  updatePassword: { kind: 'request', call: (c) => c.updatePassword(`${PASSWORD}2`, PASSWORD) },

  // ---- the signed-in user ----
  getCurrentUser: { kind: 'request', call: (c) => c.getCurrentUser() },
  updateProfile: { kind: 'request', call: (c) => c.updateProfile({ nickname: 'Bob' }) },
  updatePhone: { kind: 'request', call: (c) => c.updatePhone('13800000001', SMS) },
  updateEmail: { kind: 'request', call: (c) => c.updateEmail('new@example.com', SMS) },
  bindPhone: { kind: 'request', call: (c) => c.bindPhone('13800000001', SMS) },
  unbindPhone: { kind: 'request', call: (c) => c.unbindPhone() },
  bindEmail: { kind: 'request', call: (c) => c.bindEmail('new@example.com', SMS) },
  unbindEmail: { kind: 'request', call: (c) => c.unbindEmail() },
  refreshToken: { kind: 'request', call: (c) => c.refreshToken() },
  linkAccount: { kind: 'request', call: (c) => c.linkAccount({ primaryUserToken: 'a', secondaryUserToken: 'b' }), nullData: resolves },
  unLinkAccount: {
    kind: 'request',
    call: (c) => c.unLinkAccount({ primaryUserToken: 'a', provider: 'wechat:pc' as never }),
    nullData: resolves,
  },
  listUdv: { kind: 'request', call: (c) => c.listUdv() },
  setUdv: { kind: 'request', call: (c) => c.setUdv('k', 'v') },
  removeUdv: { kind: 'request', call: (c) => c.removeUdv('k') },
  getUdfValue: { kind: 'request', call: (c) => c.getUdfValue() },
  setUdfValue: { kind: 'request', call: (c) => c.setUdfValue({ k: 'v' }) },
  removeUdfValue: { kind: 'request', call: (c) => c.removeUdfValue('k') },
  listOrgs: { kind: 'request', call: (c) => c.listOrgs(), nullData: resolves },
  listDepartments: { kind: 'request', call: (c) => c.listDepartments() },
  listAuthorizedResources: { kind: 'request', call: (c) => c.listAuthorizedResources('default') },
  listApplications: { kind: 'request', call: (c) => c.listApplications(), nullData: resolves },
  getSecurityLevel: { kind: 'request', call: (c) => c.getSecurityLevel(), nullData: resolves },
  hasRole: { kind: 'request', call: (c) => c.hasRole('admin') },
  trackSession: { kind: 'request', call: (c) => c.trackSession(), nullData: resolves },

  // ---- OIDC / OAuth / CAS (client credentials from the options) ----
  getAccessTokenByCode: { kind: 'request', call: (c) => c.getAccessTokenByCode('oidc-code'), nullData: resolves },
  getAccessTokenByIdToken: {
    kind: 'request',
    call: (c) => c.getAccessTokenByIdToken({ redirectUri: 'https://app.example.com/cb', idToken: 'id-token' }),
    nullData: resolves,
  },
  getAccessTokenByClientCredentials: {
    kind: 'request',
    call: (c) => c.getAccessTokenByClientCredentials('openid', { accessKey: 'ak', accessSecret: 'as' }),
    nullData: resolves,
  },
  getUserInfoByAccessToken: { kind: 'request', call: (c) => c.getUserInfoByAccessToken('access-token'), nullData: resolves },
  getNewAccessTokenByRefreshToken: { kind: 'request', call: (c) => c.getNewAccessTokenByRefreshToken('refresh-token'), nullData: resolves },
  revokeToken: { kind: 'request', call: (c) => c.revokeToken('access-token'), nullData: resolves },
  introspectToken: { kind: 'request', call: (c) => c.introspectToken('access-token'), nullData: resolves },
  validateToken: { kind: 'request', call: (c) => c.validateToken({ idToken: 'id-token' }), nullData: resolves },
  // CAS 1.0 answers text: a JSON envelope, even a successful one, is not what it reads.
  validateTicketV1: { kind: 'request', call: (c) => c.validateTicketV1('ticket', 'https://app.example.com') },
  validateTicketV2: { kind: 'request', call: (c) => c.validateTicketV2('ticket', 'https://app.example.com', 'JSON'), nullData: resolves },

  // ---- sign-out ----
  logout: { kind: 'signs-out', call: (c) => c.logout() },
  logoutCurrent: { kind: 'signs-out', call: (c) => c.logoutCurrent() },

  // ---- local ----
  checkLoggedIn: { kind: 'local', call: (c) => c.checkLoggedIn() },
  setCurrentUser: { kind: 'local', call: (c) => c.setCurrentUser({ id: 'fault-user', token: c.core.getToken() } as never) },
  setToken: { kind: 'local', call: (c) => c.setToken(c.core.getToken() as string) },
  setRequestFrom: { kind: 'local', call: (c) => c.setRequestFrom('wxapp') },
  setLang: { kind: 'local', call: (c) => c.setLang('zh-CN') },
  computedPasswordSecurityLevel: { kind: 'local', call: (c) => c.computedPasswordSecurityLevel(PASSWORD) },
  generateCodeChallenge: { kind: 'local', call: (c) => c.generateCodeChallenge() },
  getCodeChallengeDigest: { kind: 'local', call: (c) => c.getCodeChallengeDigest({ codeChallenge: 'a'.repeat(43), method: 'S256' }) },
  buildAuthorizeUrl: { kind: 'local', call: (c) => c.buildAuthorizeUrl({ redirectUri: 'https://app.example.com/cb' } as never) },
  buildLogoutUrl: { kind: 'local', call: (c) => c.buildLogoutUrl() },
  // authing-js-sdk builds it for a browser upload; ours is updateAvatar.
  uploadPhoto: { kind: 'internal' },
};

export const CORE_METHODS: Table<AuthCore> = {
  loginByCode: { kind: 'request', call: (c) => c.loginByCode() },
  loginByPhone: { kind: 'request', call: (c) => c.loginByPhone('wx-code', 'iv', 'encrypted') },
  loginByPhoneCode: { kind: 'request', call: (c) => c.loginByPhoneCode('phone-code', 'wx-code') },
  getPhone: { kind: 'request', call: (c) => c.getPhone('wx-code', 'iv', 'encrypted') },
  getPhoneByCode: { kind: 'request', call: (c) => c.getPhoneByCode('phone-code') },
  prefetchConnection: { kind: 'request', call: (c) => c.prefetchConnection() },
  updateProfile: { kind: 'request', call: (c) => c.updateProfile({ nickname: 'Bob' }) },
  uploadImage: { kind: 'request', call: (c, ctx) => c.uploadImage(ctx.tempFile) },
  updateAvatar: { kind: 'request', call: (c, ctx) => c.updateAvatar(ctx.tempFile) },
  getCurrentUser: { kind: 'request', call: (c) => c.getCurrentUser() },
  checkLoginStatus: { kind: 'request', call: (c) => c.checkLoginStatus() },
  logout: { kind: 'signs-out', call: (c) => c.logout() },
  isLoggedIn: { kind: 'local', call: (c) => c.isLoggedIn() },
  getUser: { kind: 'local', call: (c) => c.getUser() },
  getToken: { kind: 'local', call: (c) => c.getToken() },
  requireLogin: { kind: 'local', call: (c) => c.requireLogin() },
  configure: { kind: 'local', call: (c) => c.configure({ appId: c.options.appId }) },
  onAuthStateChange: { kind: 'local', call: (c) => c.onAuthStateChange(() => undefined)() },
  login: { kind: 'internal' },
  reporting: { kind: 'internal' },
  signInV3: { kind: 'internal' },
  loadProfile: { kind: 'internal' },
  renewal: { kind: 'internal' },
  loginV3: { kind: 'request', call: (c) => c.loginV3('fault', '/api/v3/signin', () => Promise.resolve({ connection: 'PASSCODE' })) },
};

/** The v3 client, on a v3 session (id token + access and refresh tokens) the suite stores first. */
export const V3_METHODS: Table<Authing> = {
  loginByCode: { kind: 'request', call: (c) => c.loginByCode() },
  loginByPhone: { kind: 'request', call: (c) => c.loginByPhone('phone-code') },
  loginByPassword: { kind: 'request', call: (c) => c.loginByPassword({ account: 'fault', password: PASSWORD }) },
  loginByPassCode: { kind: 'request', call: (c) => c.loginByPassCode({ phone: PHONE, passCode: SMS }) },
  sendSms: { kind: 'request', call: (c) => c.sendSms({ phoneNumber: PHONE, channel: 'CHANNEL_LOGIN' }), nullData: resolves },
  sendEmailCode: { kind: 'request', call: (c) => c.sendEmailCode({ email: EMAIL, channel: 'CHANNEL_LOGIN' }), nullData: resolves },
  refreshToken: { kind: 'request', call: (c) => c.refreshToken() },
  getUserInfo: { kind: 'request', call: (c) => c.getUserInfo() },
  updateUserInfo: { kind: 'request', call: (c) => c.updateUserInfo({ nickname: 'Bob' }) },
  updatePassword: {
    kind: 'request',
    call: (c) => c.updatePassword({ newPassword: PASSWORD, passwordEncryptType: 'none' }),
    nullData: resolves,
  },
  updateAvatar: { kind: 'request', call: (c, ctx) => c.updateAvatar(ctx.tempFile) },
  bindEmail: { kind: 'request', call: (c) => c.bindEmail({ email: EMAIL, passCode: SMS }), nullData: resolves },
  updateEmailRequest: {
    kind: 'request',
    call: (c) => c.updateEmailRequest({ verifyMethod: 'EMAIL_PASSCODE', emailPassCodePayload: { newEmail: EMAIL, newEmailPassCode: SMS } }),
  },
  updateEmail: { kind: 'request', call: (c) => c.updateEmail({ updateEmailToken: 't' }), nullData: resolves },
  bindPhone: { kind: 'request', call: (c) => c.bindPhone({ phoneNumber: PHONE, passCode: SMS }), nullData: resolves },
  updatePhoneRequest: {
    kind: 'request',
    call: (c) =>
      c.updatePhoneRequest({ verifyMethod: 'PHONE_PASSCODE', phonePassCodePayload: { newPhoneNumber: PHONE, newPhonePassCode: SMS } }),
  },
  updatePhone: { kind: 'request', call: (c) => c.updatePhone({ updatePhoneToken: 't' }), nullData: resolves },
  deleteAccountRequest: {
    kind: 'request',
    call: (c) => c.deleteAccountRequest({ verifyMethod: 'PHONE_PASSCODE', phonePassCodePayload: { phoneNumber: PHONE, passCode: SMS } }),
  },
  // Authing's {data: null} is a success: the account is gone, and so is the session.
  deleteAccount: { kind: 'request', call: (c) => c.deleteAccount({ deleteAccountToken: 't' }), nullData: 'signs-out' },
  bindWxByCode: { kind: 'request', call: (c) => c.bindWxByCode(), nullData: resolves },
  getPhone: { kind: 'request', call: (c) => c.getPhone('phone-code') },
  decryptData: { kind: 'request', call: (c) => c.decryptData({ encryptedData: 'e', iv: 'i', code: 'wx-code' }) },
  logout: { kind: 'signs-out', call: (c) => c.logout() },
  // Asks Authing nothing: the session ends here only.
  clearLoginState: { kind: 'clears', call: (c) => c.clearLoginState() },
  getLoginState: { kind: 'local', call: (c) => c.getLoginState() },
  getUser: { kind: 'local', call: (c) => c.getUser() },
  onAuthStateChange: { kind: 'local', call: (c) => c.onAuthStateChange(() => undefined)() },
  keepReady: { kind: 'local', call: (c) => c.keepReady()() },
  signIn: { kind: 'internal' },
  signInOptions: { kind: 'internal' },
  account: { kind: 'internal' },
  keep: { kind: 'internal' },
  current: { kind: 'internal' },
  state: { kind: 'internal' },
  heldCode: { kind: 'internal' },
  refillCode: { kind: 'internal' },
};

/** The methods an app can call on instances of this class, read from its prototype chain. */
export function publicMethods(prototype: object): string[] {
  const names = new Set<string>();
  for (let p: object | null = prototype; p && Object.getPrototypeOf(p) !== null; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      const descriptor = Object.getOwnPropertyDescriptor(p, name);
      if (name === 'constructor' || !descriptor || typeof descriptor.value !== 'function') continue;
      // authing-js-sdk's `_…` helpers are reached through their public method (getAccessTokenByCode → _getAccessTokenByCodeWith…).
      if (name.startsWith('_')) continue;
      names.add(name);
    }
  }
  return [...names].sort();
}
