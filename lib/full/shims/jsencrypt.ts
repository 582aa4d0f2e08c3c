/**
 * Stands in for the jsencrypt copy inside authing-js-sdk, which pads with Math.random. The full
 * client always passes its own `encryptFunction` (lib/rsa/encrypt), so this is never meant to run.
 */
import { AuthingError, ErrorCodes } from '../../core';

export class JSEncrypt {
  setPublicKey(): void {
    // The key is never used: encrypt() refuses.
  }

  encrypt(): never {
    throw new AuthingError(
      ErrorCodes.ENCRYPTION_ERROR,
      '密码加密失败，未发送: 内置 jsencrypt 已移除，请使用 options.encryptFunction',
      null,
    );
  }
}
