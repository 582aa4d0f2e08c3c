/**
 * What the three components share at runtime. Built once to miniprogram_dist/common/index.js and
 * required by each component: shipped once, and one module state (the pre-tap login waits) for all.
 * Only what a component uses is exported: every name here is spelled out in the shipped file.
 */
export { authingComponent } from './authing-component';
export { supportsChooseAvatar, supportsGetUserProfile, supportsNicknameInput, supportsPhoneNumberCode } from './base-library';
export { AVATAR_SHAPES, LOGIN_MODES, PHONE_MODES, type AvatarShape, type LoginMode, type PhoneMode } from './choices';
export { exchangeHeldCode } from './login-code-hold';
export type { Texts } from './texts';
