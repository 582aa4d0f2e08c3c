/**
 * authing-wxapp-sdk/v3: Authing's v3 API (OIDC sessions, password and pass-code sign-in, account
 * methods) on the shared core. No authing-js-sdk.
 */
export { Authing } from './authing';
export type * from './types';
export { AuthingError, ErrorCodes, isAuthingError } from '../core';
export type { AuthEvent, AuthStateListener, ErrorCode, PhoneInfo, User } from '../core';
export type { EncryptFunction } from '../rsa/encrypt';
