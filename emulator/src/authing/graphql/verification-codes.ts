import type { EmulatorContext } from '../../context';
import { AuthingCodes, AuthingError } from '../../errors';

/** Email codes are recorded and looked up under the address as the user pool stores it. */
export function emailRecipient(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Consumes an SMS or email code or fails with Authing's 2001. Call it inside `ctx.db.transaction`
 * together with the change it authorises, so a later failure (say the phone is taken) gives the code back.
 */
export function consumeCode(ctx: EmulatorContext, channel: 'sms' | 'email', recipient: string, code: string): void {
  if (!ctx.messages.consume(channel, recipient, code)) {
    throw new AuthingError(AuthingCodes.verifyCodeInvalid, '验证码不正确或已过期');
  }
}
