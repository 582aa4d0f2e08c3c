/**
 * Stands in for authing-js-sdk's `lib/browserInfo` (navigator, canvas, WebGL probes) in the
 * bundle. Only the names authing-js-sdk imports are here: the build fails if it starts to need more.
 */
import { AuthingError, ErrorCodes } from '../../core';

function unsupported(): never {
  throw new AuthingError(ErrorCodes.UNSUPPORTED, '小程序中没有浏览器信息（navigator / WebGL）', null);
}

export const BrowserInfoFun = unsupported;
export const getBrowserInfo = unsupported;
export const getWebGLValues = unsupported;
export const handleFingerprint = unsupported;
