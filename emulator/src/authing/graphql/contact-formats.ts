import { AuthingCodes, AuthingError } from '../../errors';

/** Good enough to turn away typos; Authing's own check is no stricter about the local part. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Mainland China, which Authing assumes when a phone number comes without a country code. */
export const DEFAULT_PHONE_COUNTRY_CODE = '+86';

export function assertEmailFormat(email: string): void {
  if (!EMAIL.test(email)) throw new AuthingError(AuthingCodes.emailFormat, '邮箱格式不正确');
}
