import { fromWxFailure } from './errors';

export interface WxCallbacks<T> {
  success: (result: T) => void;
  fail: (error: unknown) => void;
}

/**
 * Calls a callback-style wx API as a promise. wx.login and wx.uploadFile have no promise form on
 * every base library, and a wx failure must become an AuthingError (cancel → CANCELLED).
 */
export function callWx<T>(apiName: string, invoke: (callbacks: WxCallbacks<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    invoke({ success: resolve, fail: (error) => reject(fromWxFailure(apiName, error)) });
  });
}
