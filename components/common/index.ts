/**
 * What the three components share at runtime. Built once to miniprogram_dist/common/index.js and
 * required by each component: shipped once, and one module state (the pre-tap login waits) for all.
 */
export { authingBehavior, type FailOptions } from './authing-behavior';
export { authingComponent, BASE_EXTERNAL_CLASSES } from './authing-component';
export {
  supportsChooseAvatar,
  supportsNicknameInput,
  supportsGetUserProfile,
  supportsPhoneNumberCode,
  baseLibraryVersion,
  compareVersion,
} from './base-library';
export { findClient } from './client-lookup';
export { toFailure, type FailureDetail } from './error-codes';
export { exchangeHeldCode } from './login-code-hold';
export { TEXTS, resolveLang, type Texts } from './texts';
