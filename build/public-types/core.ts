/**
 * The declared surface of `authing-wxapp-sdk/core` (types/core.d.ts). core.js exports more at run
 * time (the session store, transport and code manager the full client and the components are built
 * on); those stay internal: their types appear only where a public signature needs them.
 */
export {
  AuthCore,
  AuthingCodes,
  AuthingError,
  ErrorCodes,
  isAuthingError,
  getClient,
  getDefaultClient,
  setDefaultClient,
  SDK_VERSION,
} from '../../lib/core';
export type {
  AuthEvent,
  AuthStateListener,
  ClientErrorCode,
  CoreOptions,
  ErrorCode,
  Lang,
  LoginStatus,
  PhoneInfo,
  ProfilePatch,
  Session,
  User,
  WechatUserInfo,
} from '../../lib/core';
export type * from '../../components/types';
