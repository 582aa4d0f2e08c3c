import type { EmulatorContext } from '../../context';
import { AuthingCodes, AuthingError } from '../../errors';

/** Authing's "密码长度不能少于 6 位" (docs: reference/error-code). */
const PASSWORD_TOO_SHORT = 2029;

/**
 * The emulated user pool's password strength level: Authing's level "至少 6 位字符". Authing's own
 * default is "any non-empty string", but a pool that accepts "1" hides client bugs a real pool's
 * stricter setting would surface, so the emulator holds every new password to six characters.
 */
export const MIN_PASSWORD_LENGTH = 6;

/** The plaintext of an RSA-encrypted password field, or null when it is not one. */
export function decryptPassword(ctx: EmulatorContext, field: string): string | null {
  return ctx.passwords.decrypter.decrypt(field);
}

/**
 * Password fields arrive as base64 RSA PKCS#1 v1.5 under the key of `GET /api/v2/.well-known`.
 * One that does not decrypt is refused, never taken as plaintext: a client whose encryption broke
 * must find out, not have its literal "false" stored as the password.
 */
export function decryptPasswordField(ctx: EmulatorContext, field: string): string {
  const plain = decryptPassword(ctx, field);
  if (plain === null) throw new AuthingError(AuthingCodes.passwordDecrypt, '密码解密失败');
  return plain;
}

/** Why a password fails the pool's strength level, or null when it passes. */
export function passwordWeakness(plain: string): string | null {
  return [...plain].length >= MIN_PASSWORD_LENGTH ? null : `请使用至少 ${MIN_PASSWORD_LENGTH} 位字符作为密码`;
}

export function assertStrongEnough(plain: string): void {
  const weakness = passwordWeakness(plain);
  if (weakness) throw new AuthingError(PASSWORD_TOO_SHORT, `密码长度不能少于 ${MIN_PASSWORD_LENGTH} 位`, 200, { reason: weakness });
}
