import type { EmulatorContext } from '../../context';
import type { UserRecord } from '../../store/user-store';
import { AuthingCodes, AuthingError } from '../../errors';
import { hashPassword, verifyPassword } from '../../crypto/password';
import type { GraphqlRequestContext } from './request-context';
import { authenticateCaller } from './caller';
import { graphUser } from './graph-user';
import { assertStrongEnough, decryptPassword, decryptPasswordField, passwordWeakness } from './password-field';
import { consumeCode, emailRecipient } from './verification-codes';
import { assertEmailFormat } from './contact-formats';

/** Authing's "修改密码时需要先进行验证" (docs: reference/error-code). */
const OLD_PASSWORD_REQUIRED = 2019;
/** Authing's "请提供正确的手机号或邮箱". */
const PHONE_OR_EMAIL_REQUIRED = 2028;

export function passwordResolvers(ctx: EmulatorContext) {
  return {
    /**
     * authing-js-sdk sends this one password in plain text; a client that encrypts it (as the
     * wxapp SDK should) is understood too. Either way nothing is stored.
     */
    checkPasswordStrength({ password }: { password: string }) {
      const plain = decryptPassword(ctx, password) ?? password;
      const weakness = passwordWeakness(plain);
      return weakness ? { valid: false, message: weakness } : { valid: true, message: '密码检验成功' };
    },

    /** The old password is required whenever one is set; sessions stay valid (the caller proved both token and password). */
    async updatePassword({ newPassword, oldPassword }: { newPassword: string; oldPassword?: string | null }, req: GraphqlRequestContext) {
      const caller = await authenticateCaller(ctx, req);
      const plain = decryptPasswordField(ctx, newPassword);
      assertStrongEnough(plain);
      const current = ctx.users.passwordHash(caller.user.id);
      if (current) {
        if (!oldPassword) throw new AuthingError(OLD_PASSWORD_REQUIRED, '请提供原密码');
        if (!(await verifyPassword(decryptPasswordField(ctx, oldPassword), current))) {
          throw new AuthingError(AuthingCodes.wrongPassword, '原密码错误');
        }
      }
      ctx.users.setPasswordHash(caller.user.id, await hashPassword(plain));
      return graphUser(ctx, ctx.users.byId(caller.user.id)!, caller.token);
    },

    /**
     * Forgotten password: the SMS or email code stands in for the old password. Every session of
     * the account is revoked, since whoever holds them may be why the password is being reset.
     */
    async resetPassword(
      args: { phone?: string | null; email?: string | null; code: string; newPassword: string },
      _req: GraphqlRequestContext,
    ) {
      const plain = decryptPasswordField(ctx, args.newPassword);
      assertStrongEnough(plain);
      let channel: 'sms' | 'email';
      let recipient: string;
      let find: () => UserRecord | undefined;
      if (args.email) {
        assertEmailFormat(args.email);
        channel = 'email';
        recipient = emailRecipient(args.email);
        find = () => ctx.users.byEmail(recipient);
      } else if (args.phone) {
        channel = 'sms';
        recipient = args.phone;
        find = () => ctx.users.byPhone(recipient);
      } else {
        throw new AuthingError(PHONE_OR_EMAIL_REQUIRED, '请提供正确的手机号或邮箱');
      }
      const hash = await hashPassword(plain);
      ctx.db.transaction(() => {
        consumeCode(ctx, channel, recipient, args.code);
        // Only someone who received the code learns whether an account stands behind the address.
        const user = find();
        if (!user) throw new AuthingError(AuthingCodes.userNotFound, '用户不存在');
        ctx.users.setPasswordHash(user.id, hash);
        ctx.sessions.revokeAllOf(user.id);
      })();
      return { code: 200, message: '重置密码成功' };
    },
  };
}
