/**
 * authing-wxapp-sdk/core: the lean client behind the components. Small, no authing-js-sdk.
 */
export { AuthCore } from './auth-core';
export { resolveOptions, normalizeHost, MAX_TIMEOUT } from './options';
export type { CoreDependencies, LoginStatus, ProfilePatch, WechatUserInfo } from './auth-core';
export { getClient, getDefaultClient, setDefaultClient, resetClients } from './registry';
export { AuthingCodes, AuthingError, ErrorCodes, fromWxFailure, isAuthingError, isWxCancel } from './errors';
export type { ClientErrorCode, ErrorCode } from './errors';
export { guardArguments } from './arguments';
export type { ArgumentRules, MethodRules } from './arguments';
export { SessionStore, OIDC_KEY, TOKEN_KEY, USER_KEY, wxStorage } from './session-store';
export type { AuthEvent, AuthStateListener, LoginTicket, Session, StorageAdapter } from './session-store';
export { MINIPROGRAM_CONNECTION_TYPE } from './miniprogram-connection';
export { userFromProfile, V3_LOGIN_SCOPE } from './oidc-session';
export type { OidcTokens } from './oidc-session';
export { chooseImage } from './image-upload';
export { TokenRefresher, REFRESH_MARGIN_MS } from './token-refresh';
export { LoginCodeManager, CODE_LIFETIME_MS, CODE_REFRESH_AFTER_MS } from './login-code';
export { Transport } from './transport';
export type { HttpMethod, HttpRequest, HttpResponse } from './transport';
export type { ReadOptions, Reply, ReplyShape } from './reply';
export type { CoreOptions, Lang } from './options';
export type { PhoneInfo, User } from './user';
export { SDK_VERSION } from './version';
