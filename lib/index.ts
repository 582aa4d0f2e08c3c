/**
 * authing-wxapp-sdk: authing-js-sdk's AuthenticationClient for WeChat mini programs, on the same
 * lean core as the components (`authing-wxapp-sdk/core`).
 */
export { AuthenticationClient } from './full/authentication-client';
export type { AvatarSource } from './full/authentication-client';
export type { AuthenticationClientOptions } from './full/client-options';
export type { EncryptFunction, EncryptionOption } from './rsa/encrypt';
export type { SdkUser as User } from './full/authing-js-sdk';
export { AuthingCodes, AuthingError, ErrorCodes, isAuthingError, getClient, getDefaultClient, setDefaultClient, SDK_VERSION } from './core';
export type {
  AuthCore,
  AuthEvent,
  AuthStateListener,
  ClientErrorCode,
  CoreOptions,
  ErrorCode,
  Lang,
  LoginStatus,
  PhoneInfo,
  Session,
  WechatUserInfo,
} from './core';
