/**
 * The lean core's public names, listed once for both entries: `authing-wxapp-sdk` re-exports them
 * beside the full client (lib/index.ts), and `authing-wxapp-sdk/core` declares them with the few
 * it adds (build/public-types/core.ts). Everything else core.js exports stays internal.
 */
export {
  AuthingCodes,
  AuthingError,
  ErrorCodes,
  isAuthingError,
  getClient,
  getDefaultClient,
  setDefaultClient,
  SDK_VERSION,
} from '../core';
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
} from '../core';
