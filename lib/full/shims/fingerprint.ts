/** Stands in for `@fingerprintjs/fingerprintjs`: browser fingerprinting reads the DOM, absent in WeChat. */
import { AuthingError, ErrorCodes } from '../../core';

export default {
  load(): Promise<never> {
    return Promise.reject(new AuthingError(ErrorCodes.UNSUPPORTED, '小程序中没有浏览器指纹', null));
  },
};
