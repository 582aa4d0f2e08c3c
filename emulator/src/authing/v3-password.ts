import type { EmulatorContext } from '../context';
import { AuthingCodes, AuthingError } from '../errors';
import { sm2Decrypt } from '../crypto/sm2';

/** v3's `passwordEncryptType` (SignInOptionsDto, UpdatePasswordDto, DeleteAccountByPasswordDto). */
export type PasswordEncryptType = 'none' | 'rsa' | 'sm2';

/**
 * A v3 password field as plaintext: sent as is with `none` (the DTOs' default), else encrypted
 * under the matching key of `GET /api/v3/system`. A field that does not decrypt is refused with
 * Authing's 2016, never taken as plaintext.
 */
export function plainPassword(ctx: EmulatorContext, field: string, type: PasswordEncryptType = 'none'): string {
  if (type === 'none') return field;
  const plain = type === 'rsa' ? ctx.passwords.decrypter.decrypt(field) : sm2Decrypt(ctx.passwords.sm2.privateKey, field);
  if (plain === null) throw new AuthingError(AuthingCodes.passwordDecrypt, `密码解密失败 (passwordEncryptType: ${type})`);
  return plain;
}
