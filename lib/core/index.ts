/**
 * authing-wxapp-sdk/core: the lean client behind the components. Small, no authing-js-sdk.
 */
export { AuthCore, resolveOptions } from './auth-core';
export type { CoreDependencies, LoginStatus, ProfilePatch, WechatUserInfo } from './auth-core';
export { getClient, getDefaultClient, setDefaultClient, resetClients } from './registry';
export { AuthingError, ErrorCodes, fromWxFailure, isAuthingError, isWxCancel } from './errors';
export { guardArguments } from './arguments';
export type { ArgumentRules, MethodRules } from './arguments';
export type { ClientErrorCode, ErrorCode } from './errors';
export { SessionStore, OIDC_KEY, TOKEN_KEY, USER_KEY, wxStorage } from './session-store';
export { MINIPROGRAM_CONNECTION_TYPE } from './miniprogram-connection';
export type { OidcTokens } from './oidc-session';
export type { AuthEvent, AuthStateListener, Session, StorageAdapter } from './session-store';
export { LoginCodeManager, CODE_LIFETIME_MS, CODE_REFRESH_AFTER_MS } from './login-code';
export { Transport } from './transport';
export type { HttpMethod, HttpRequest, HttpResponse } from './transport';
export type { CoreOptions, Lang } from './options';
export type { PhoneInfo, User } from './user';
export { SDK_VERSION } from './version';
