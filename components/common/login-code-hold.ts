import { AuthingError, ErrorCodes, type AuthCore } from '../../lib/core';

/**
 * Runs a legacy exchange (loginByPhone, getPhone, loginByCode with encrypted data) with the code
 * the core held from before the tap (`codes.takeHeld()`: never a wx.login after the tap, which
 * could rotate the session_key the tap's encryptedData was made under). None ready:
 * LOGIN_CODE_UNAVAILABLE, and the core is already fetching one for the next tap.
 */
export async function exchangeHeldCode<T>(client: AuthCore, exchange: (code: string) => Promise<T>): Promise<T> {
  const code = await client.codes.takeHeld();
  if (!code) {
    throw new AuthingError(ErrorCodes.LOGIN_CODE_UNAVAILABLE, '登录凭证尚未就绪（wx.login 须在点击前完成），请再点一次');
  }
  return exchange(code);
}
