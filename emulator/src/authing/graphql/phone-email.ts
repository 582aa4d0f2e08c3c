import type { EmulatorContext } from '../../context';
import type { UserRecord } from '../../store/user-store';
import { AuthingCodes, AuthingError } from '../../errors';
import type { GraphqlRequestContext } from './request-context';
import { authenticateCaller, type Caller } from './caller';
import { graphUser } from './graph-user';
import { assertEmailFormat, DEFAULT_PHONE_COUNTRY_CODE } from './contact-formats';
import { consumeCode, emailRecipient } from './verification-codes';

/** Authing's "手机号已绑定": bindPhone is for a first phone; changing it is updatePhone. */
const PHONE_ALREADY_BOUND = 2035;
/** Authing's "填写的旧邮箱与实际邮箱不匹配". */
const OLD_EMAIL_MISMATCH = 2037;
/** Authing's "填写的旧手机与实际手机不匹配". */
const OLD_PHONE_MISMATCH = 2038;

/**
 * Whether the account can still be signed in to without the contact point being removed: Authing
 * refuses to unbind a phone or email that is the last way in (another contact point, a social
 * identity, or a username with a password).
 */
function otherWayIn(ctx: EmulatorContext, user: UserRecord, removing: 'phone' | 'email'): boolean {
  if (removing !== 'phone' && user.phone) return true;
  if (removing !== 'email' && user.email) return true;
  if (user.username && ctx.users.passwordHash(user.id)) return true;
  return ctx.db.prepare('SELECT 1 FROM identities WHERE user_id = ? LIMIT 1').get(user.id) !== undefined;
}

export function phoneEmailResolvers(ctx: EmulatorContext) {
  /** Applies a verified change in the transaction that spent its codes, and answers as the caller. */
  function verifiedUpdate(caller: Caller, spend: () => void, patch: Partial<UserRecord>) {
    const updated = ctx.db.transaction(() => {
      spend();
      return ctx.users.update(caller.user.id, patch);
    })();
    return graphUser(ctx, updated, caller.token);
  }

  return {
    /** Records the code in the emulator's outbox (`GET /__emulator/messages`, channel "email"). */
    sendEmail({ email, scene }: { email: string; scene: string }) {
      assertEmailFormat(email);
      ctx.messages.send('email', emailRecipient(email), scene);
      return { code: 200, message: '发送成功' };
    },

    async bindPhone(args: { phone: string; phoneCode: string; phoneCountryCode?: string | null }, req: GraphqlRequestContext) {
      const caller = await authenticateCaller(ctx, req);
      if (caller.user.phone) throw new AuthingError(PHONE_ALREADY_BOUND, '用户已绑定手机号，修改请使用 updatePhone');
      return verifiedUpdate(caller, () => consumeCode(ctx, 'sms', args.phone, args.phoneCode), {
        phone: args.phone,
        phoneVerified: true,
        phoneCountryCode: args.phoneCountryCode ?? DEFAULT_PHONE_COUNTRY_CODE,
      });
    },

    /**
     * With a phone already bound, the old number must be verified too: Authing's default
     * ("验证原有手机号" on). Without one it binds, like bindPhone.
     */
    async updatePhone(
      args: { phone: string; phoneCode: string; oldPhone?: string | null; oldPhoneCode?: string | null; phoneCountryCode?: string | null },
      req: GraphqlRequestContext,
    ) {
      const caller = await authenticateCaller(ctx, req);
      const current = caller.user.phone;
      if (current) {
        if (!args.oldPhone || !args.oldPhoneCode)
          throw new AuthingError(OLD_PHONE_MISMATCH, '请验证原手机号：需要 oldPhone 和 oldPhoneCode');
        if (args.oldPhone !== current) throw new AuthingError(OLD_PHONE_MISMATCH, '填写的旧手机与实际手机不匹配');
        if (args.phone === current) throw new AuthingError(AuthingCodes.badRequest, '新手机号与原手机号相同');
      }
      const spend = () => {
        consumeCode(ctx, 'sms', args.phone, args.phoneCode);
        if (current) consumeCode(ctx, 'sms', current, args.oldPhoneCode!);
      };
      return verifiedUpdate(caller, spend, {
        phone: args.phone,
        phoneVerified: true,
        phoneCountryCode: args.phoneCountryCode ?? DEFAULT_PHONE_COUNTRY_CODE,
      });
    },

    async unbindPhone(_args: unknown, req: GraphqlRequestContext) {
      const caller = await authenticateCaller(ctx, req);
      if (!caller.user.phone) throw new AuthingError(AuthingCodes.badRequest, '用户未绑定手机号');
      if (!otherWayIn(ctx, caller.user, 'phone'))
        throw new AuthingError(AuthingCodes.forbidden, '手机号是该账号唯一的登录方式，无法解绑', 403);
      return graphUser(ctx, ctx.users.update(caller.user.id, { phone: null, phoneVerified: false, phoneCountryCode: null }), caller.token);
    },

    async bindEmail(args: { email: string; emailCode: string }, req: GraphqlRequestContext) {
      assertEmailFormat(args.email);
      const caller = await authenticateCaller(ctx, req);
      if (caller.user.email) throw new AuthingError(AuthingCodes.conflict, '用户已绑定邮箱，修改请使用 updateEmail');
      return verifiedUpdate(caller, () => consumeCode(ctx, 'email', emailRecipient(args.email), args.emailCode), {
        email: args.email,
        emailVerified: true,
      });
    },

    /** As updatePhone: with an email already bound, the old address must be verified too. */
    async updateEmail(
      args: { email: string; emailCode: string; oldEmail?: string | null; oldEmailCode?: string | null },
      req: GraphqlRequestContext,
    ) {
      assertEmailFormat(args.email);
      const caller = await authenticateCaller(ctx, req);
      const current = caller.user.email;
      const next = emailRecipient(args.email);
      if (current) {
        if (!args.oldEmail || !args.oldEmailCode) throw new AuthingError(OLD_EMAIL_MISMATCH, '请验证原邮箱：需要 oldEmail 和 oldEmailCode');
        if (emailRecipient(args.oldEmail) !== current) throw new AuthingError(OLD_EMAIL_MISMATCH, '填写的旧邮箱与实际邮箱不匹配');
        if (next === current) throw new AuthingError(AuthingCodes.badRequest, '新邮箱与原邮箱相同');
      }
      const spend = () => {
        consumeCode(ctx, 'email', next, args.emailCode);
        if (current) consumeCode(ctx, 'email', current, args.oldEmailCode!);
      };
      return verifiedUpdate(caller, spend, { email: next, emailVerified: true });
    },

    async unbindEmail(_args: unknown, req: GraphqlRequestContext) {
      const caller = await authenticateCaller(ctx, req);
      if (!caller.user.email) throw new AuthingError(AuthingCodes.badRequest, '用户未绑定邮箱');
      if (!otherWayIn(ctx, caller.user, 'email'))
        throw new AuthingError(AuthingCodes.forbidden, '邮箱是该账号唯一的登录方式，无法解绑', 403);
      return graphUser(ctx, ctx.users.update(caller.user.id, { email: null, emailVerified: false }), caller.token);
    },
  };
}
