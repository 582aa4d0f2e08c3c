export { startEmulator, buildServer, type RunningEmulator } from './server';
export { DEFAULTS, resolveOptions, type EmulatorOptions, type ResolvedOptions, type SessionKeyRotation } from './options';
export { encryptWechatData, decryptWechatData, signRawData, newSessionKey } from './crypto/wechat-data';
