import { AuthingError, ErrorCodes } from '../core';
import type { SdkAuthenticationClient } from './authing-js-sdk';

function unsupported(name: string, needs: string): AuthingError {
  return new AuthingError(ErrorCodes.UNSUPPORTED, `${name} 依赖浏览器的 ${needs}，小程序中不可用`, { method: name });
}

function rejecting(name: string, needs: string): () => Promise<never> {
  return () => Promise.reject(unsupported(name, needs));
}

/**
 * authing-js-sdk methods that drive a browser (DOM widgets, popups, WebSocket, fingerprinting).
 * In WeChat they would die on `undefined.createElement`; they reject with UNSUPPORTED instead,
 * so `e.code` says what happened. Their REST siblings (geneCode, getIdentities, pub…) still work.
 */
export function disableBrowserOnlyMethods(client: SdkAuthenticationClient): void {
  for (const qrcode of [client.qrcode, client.wxqrcode, client.wechatmpqrcode]) {
    qrcode.startScanning = rejecting('qrcode.startScanning', 'DOM');
  }
  client.social.authorize = rejecting('social.authorize', 'window.open');
  client.enterprise.authorize = rejecting('enterprise.authorize', 'window.open');
  client.browserFingerprint.getBrowserFingers = rejecting('browserFingerprint.getBrowserFingers', 'localStorage');
  client.browserFingerprint.getDeviceInfo = rejecting('browserFingerprint.getDeviceInfo', 'localStorage');
  client.browserFingerprint.createDevice = rejecting('browserFingerprint.createDevice', 'localStorage');
  client.mfa.associateFaceByLocalFile = rejecting('mfa.associateFaceByLocalFile', 'DOM');
  client.mfa.associateFaceByBlob = rejecting('mfa.associateFaceByBlob', 'XMLHttpRequest');
  client.event.sub = (_eventName: string, _callback: unknown, errCallback: unknown) => {
    const error = unsupported('event.sub', 'WebSocket');
    // sub reports through its callback, not a return value.
    if (typeof errCallback === 'function') (errCallback as (error: AuthingError) => void)(error);
    else throw error;
  };
}
