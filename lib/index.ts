/**
 * authing-wxapp-sdk: authing-js-sdk's AuthenticationClient for WeChat mini programs, on the same
 * lean core as the components (`authing-wxapp-sdk/core`).
 */
export { AuthenticationClient } from './full/authentication-client';
export type { AvatarSource } from './full/authentication-client';
export type { AuthenticationClientOptions } from './full/client-options';
export type { EncryptFunction, EncryptionOption } from './rsa/encrypt';
export type { SdkUser as User } from './full/authing-js-sdk';
export * from './full/core-exports';
