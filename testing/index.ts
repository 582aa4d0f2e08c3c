/**
 * authing-wxapp-sdk/testing: a `wx` for Node tests, backed by the local
 * emulator over real HTTP. Start with `createWx`.
 */
export { createWx, DEFAULT_SDK_VERSION } from './create-wx';
export type { CreateWxOptions, Sim, SimWx } from './create-wx';
export { SimStorage, createSimStorage, MAX_ENTRY_SIZE, MAX_TOTAL_SIZE, WxSyncError } from './storage';
export type { StorageInfo } from './storage';
export { compareVersion, canIUse, CAN_I_USE, MIN_VERSION } from './versions';
export { makePng } from './fixture-image';
export { EmulatorError } from './emulator-control';
export type { EmulatorControl } from './emulator-control';
export { PHONE_QUOTA_ERRNO, PRIVACY_ERRNO } from './button-events';
export type { PhoneOutcome, PhoneOptions, PhoneNumberDetail, UserInfoDetail, ChooseAvatarDetail } from './button-events';
export { OFFLINE_REASON, NETWORK_ERRNO } from './network-conditions';
export { TIMEOUT_ERRNO } from './request';
export { SESSION_EXPIRED } from './login';
export type { WxFail, Callbacks } from './async-api';
export type { NextPick, PickedFile } from './media';
export type { ModalAnswer, UiRecord, UiApi } from './ui-recorder';
export type { Counters, RequestRecord, UploadRecord, StorageCounters } from './counters';
export type { Platform } from './device-info';
