/**
 * wx.getRandomValues (base library 2.15.0+): cryptographically secure bytes,
 * here from node:crypto. At most 1048576 bytes per call, as WeChat documents.
 */
import { randomBytes } from 'node:crypto';
import { toArrayBuffer } from './array-buffer';
import { Callbacks, deliver, failed, ok, WxFail } from './async-api';

export const MAX_RANDOM_BYTES = 1048576;

export interface GetRandomValuesSuccess {
  randomValues: ArrayBuffer;
  errMsg: string;
}

export type GetRandomValuesOptions = { length: number } & Callbacks<GetRandomValuesSuccess, WxFail>;

export function getRandomValues(SDKVersion: string, options: GetRandomValuesOptions) {
  return deliver(SDKVersion, options, async () => {
    const { length } = options;
    if (!Number.isInteger(length) || length <= 0 || length > MAX_RANDOM_BYTES) {
      return failed({ errMsg: `getRandomValues:fail invalid length ${String(length)}` });
    }
    return ok({ randomValues: toArrayBuffer(randomBytes(length)), errMsg: 'getRandomValues:ok' });
  });
}
