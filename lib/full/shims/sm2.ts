/** Stands in for authing-js-sdk's sm-crypto SM2 copy (≈40 KB): 国密 needs options.encryptFunction. */
import { AuthingError, ErrorCodes } from '../../core';

export function doEncrypt(): never {
  throw new AuthingError(
    ErrorCodes.ENCRYPTION_ERROR,
    '密码加密失败，未发送: SM2 (国密) 加密未包含在本 SDK 中，请通过 options.encryptFunction 提供',
    null,
  );
}
