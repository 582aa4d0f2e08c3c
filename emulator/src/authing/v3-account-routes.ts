import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context';
import type { UserRecord } from '../store/user-store';
import { AuthingCodes, AuthingError } from '../errors';
import { hashPassword, verifyPassword } from '../crypto/password';
import { ACCOUNT_TICKET_TTL_SECONDS, type TicketKind } from '../store/grant-store';
import { saveCustomData, userDto } from './user-dto';
import { plainPassword, type PasswordEncryptType } from './v3-password';
import { consumeV3Code } from './v3-signin-routes';
import { assertStrongEnough } from './graphql/password-field';
import { DEFAULT_PHONE_COUNTRY_CODE } from './graphql/contact-formats';
import { emailRecipient } from './graphql/verification-codes';

/** UpdateUserProfileDto fields the emulator keeps; their names are UserRecord's. */
type ProfilePatch = Partial<
  Pick<
    UserRecord,
    | 'name'
    | 'nickname'
    | 'photo'
    | 'externalId'
    | 'birthdate'
    | 'country'
    | 'province'
    | 'city'
    | 'address'
    | 'streetAddress'
    | 'postalCode'
    | 'gender'
    | 'username'
    | 'company'
  >
>;
interface PhonePassCode {
  phoneNumber: string;
  passCode: string;
  phoneCountryCode?: string;
}
interface VerifyDeleteBody {
  verifyMethod: 'PHONE_PASSCODE' | 'EMAIL_PASSCODE' | 'PASSWORD';
  phonePassCodePayload?: PhonePassCode;
  emailPassCodePayload?: { email?: string; passCode: string };
  passwordPayload?: { password: string; passwordEncryptType?: PasswordEncryptType };
}

const ok = (message: string) => ({ statusCode: 200, message });
const invalidTicket = () => new AuthingError(AuthingCodes.badRequest, 'token 无效或已过期，请重新验证', 400);

/**
 * The signed-in user's own account on v3 (Authing.ts updateUserInfo … deleteAccount). Each call
 * carries the access token as `Authorization` (raw, as the mini-program SDK sends it, or Bearer).
 * Codes are checked against the channel they were sent for; the two-step changes hand out a
 * one-time ticket valid 60 seconds, bound to the user who asked.
 */
export function registerV3AccountRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const caller = async (req: FastifyRequest) => (await ctx.sessions.authenticateV3(req.headers.authorization)).user;
  const ticket = (kind: TicketKind, userId: string, payload: Record<string, string | null>) => ({
    token: ctx.grants.issueTicket(kind, userId, payload),
    tokenExpiresIn: ACCOUNT_TICKET_TTL_SECONDS,
  });
  const spend = (kind: TicketKind, userId: string, token: string) => {
    const payload = ctx.grants.spendTicket(kind, userId, token);
    if (!payload) throw invalidTicket();
    return payload;
  };
  /** A contact that belongs to someone else cannot be taken; checked before a code is spent on it. */
  const assertFree = (found: UserRecord | undefined, self: UserRecord, what: string) => {
    if (found && found.id !== self.id) throw new AuthingError(AuthingCodes.userExists, `${what}已被占用`);
  };

  app.post<{ Body: ProfilePatch & { customData?: unknown } }>('/api/v3/update-profile', async (req) => {
    const user = await caller(req);
    const { customData, ...patch } = req.body;
    const updated = ctx.db.transaction(() => {
      saveCustomData(ctx, user.id, customData);
      return ctx.users.update(user.id, patch);
    })();
    return { statusCode: 200, message: '', data: userDto(updated) };
  });

  /** oldPassword is plaintext: the mini-program SDK encrypts newPassword alone (Authing.updatePassword). */
  app.post<{ Body: { newPassword: string; oldPassword?: string; passwordEncryptType?: PasswordEncryptType } }>(
    '/api/v3/update-password',
    async (req) => {
      const user = await caller(req);
      const plain = plainPassword(ctx, req.body.newPassword, req.body.passwordEncryptType);
      assertStrongEnough(plain);
      const current = ctx.users.passwordHash(user.id);
      if (current) {
        if (!req.body.oldPassword) throw new AuthingError(AuthingCodes.badRequest, '请提供原始密码 oldPassword', 400);
        if (!(await verifyPassword(req.body.oldPassword, current))) throw new AuthingError(AuthingCodes.wrongPassword, '原始密码错误');
      }
      ctx.users.setPasswordHash(user.id, await hashPassword(plain));
      return ok('修改密码成功');
    },
  );

  app.post<{ Body: { email: string; passCode: string } }>('/api/v3/bind-email', async (req) => {
    const user = await caller(req);
    const email = emailRecipient(req.body.email);
    if (user.email) throw new AuthingError(AuthingCodes.conflict, '用户已绑定邮箱，请使用修改邮箱', 400);
    assertFree(ctx.users.byEmail(email), user, '邮箱');
    ctx.db.transaction(() => {
      consumeV3Code(ctx, 'email', email, req.body.passCode, 'CHANNEL_BIND_EMAIL');
      ctx.users.update(user.id, { email, emailVerified: true });
    })();
    return ok('绑定邮箱成功');
  });

  app.post<{ Body: PhonePassCode }>('/api/v3/bind-phone', async (req) => {
    const user = await caller(req);
    const { phoneNumber, passCode, phoneCountryCode } = req.body;
    if (user.phone) throw new AuthingError(AuthingCodes.conflict, '用户已绑定手机号，请使用修改手机号', 400);
    assertFree(ctx.users.byPhone(phoneNumber), user, '手机号');
    ctx.db.transaction(() => {
      consumeV3Code(ctx, 'sms', phoneNumber, passCode, 'CHANNEL_BIND_PHONE');
      ctx.users.update(user.id, {
        phone: phoneNumber,
        phoneVerified: true,
        phoneCountryCode: phoneCountryCode ?? DEFAULT_PHONE_COUNTRY_CODE,
      });
    })();
    return ok('绑定手机号成功');
  });

  /** The new email's CHANNEL_UPDATE_EMAIL code; the old email's too when the caller sends it. */
  app.post<{
    Body: {
      verifyMethod: 'EMAIL_PASSCODE';
      emailPassCodePayload: { newEmail: string; newEmailPassCode: string; oldEmail?: string; oldEmailPassCode?: string };
    };
  }>('/api/v3/verify-update-email-request', async (req) => {
    const user = await caller(req);
    const { newEmail, newEmailPassCode, oldEmail, oldEmailPassCode } = req.body.emailPassCodePayload;
    const email = emailRecipient(newEmail);
    assertFree(ctx.users.byEmail(email), user, '邮箱');
    if (oldEmail !== undefined && (emailRecipient(oldEmail) !== user.email || !oldEmailPassCode)) {
      throw new AuthingError(AuthingCodes.badRequest, 'oldEmail 与当前邮箱不符或缺少 oldEmailPassCode', 400);
    }
    const { token, tokenExpiresIn } = ctx.db.transaction(() => {
      consumeV3Code(ctx, 'email', email, newEmailPassCode, 'CHANNEL_UPDATE_EMAIL');
      if (oldEmail !== undefined) consumeV3Code(ctx, 'email', oldEmail, oldEmailPassCode!, 'CHANNEL_UPDATE_EMAIL');
      return ticket('update-email', user.id, { email });
    })();
    return { statusCode: 200, message: '', data: { updateEmailToken: token, tokenExpiresIn } };
  });

  app.post<{ Body: { updateEmailToken: string } }>('/api/v3/update-email', async (req) => {
    const user = await caller(req);
    ctx.db.transaction(() => {
      const { email } = spend('update-email', user.id, req.body.updateEmailToken);
      ctx.users.update(user.id, { email, emailVerified: true });
    })();
    return ok('修改邮箱成功');
  });

  /**
   * No source names the SMS channel of a phone change (SmsChannel has no CHANNEL_UPDATE_PHONE): the
   * new number proves itself with a CHANNEL_BIND_PHONE code, the old one with CHANNEL_UNBIND_PHONE.
   */
  app.post<{
    Body: {
      verifyMethod: 'PHONE_PASSCODE';
      phonePassCodePayload: {
        newPhoneNumber: string;
        newPhonePassCode: string;
        newPhoneCountryCode?: string;
        oldPhoneNumber?: string;
        oldPhonePassCode?: string;
      };
    };
  }>('/api/v3/verify-update-phone-request', async (req) => {
    const user = await caller(req);
    const p = req.body.phonePassCodePayload;
    assertFree(ctx.users.byPhone(p.newPhoneNumber), user, '手机号');
    if (p.oldPhoneNumber !== undefined && (p.oldPhoneNumber !== user.phone || !p.oldPhonePassCode)) {
      throw new AuthingError(AuthingCodes.badRequest, 'oldPhoneNumber 与当前手机号不符或缺少 oldPhonePassCode', 400);
    }
    const { token, tokenExpiresIn } = ctx.db.transaction(() => {
      consumeV3Code(ctx, 'sms', p.newPhoneNumber, p.newPhonePassCode, 'CHANNEL_BIND_PHONE');
      if (p.oldPhoneNumber !== undefined) consumeV3Code(ctx, 'sms', p.oldPhoneNumber, p.oldPhonePassCode!, 'CHANNEL_UNBIND_PHONE');
      return ticket('update-phone', user.id, {
        phone: p.newPhoneNumber,
        phoneCountryCode: p.newPhoneCountryCode ?? DEFAULT_PHONE_COUNTRY_CODE,
      });
    })();
    return { statusCode: 200, message: '', data: { updatePhoneToken: token, tokenExpiresIn } };
  });

  app.post<{ Body: { updatePhoneToken: string } }>('/api/v3/update-phone', async (req) => {
    const user = await caller(req);
    ctx.db.transaction(() => {
      const { phone, phoneCountryCode } = spend('update-phone', user.id, req.body.updatePhoneToken);
      ctx.users.update(user.id, { phone, phoneCountryCode, phoneVerified: true });
    })();
    return ok('修改手机号成功');
  });

  /**
   * The account's own phone or email, proven by a CHANNEL_DELETE_ACCOUNT code, or its password
   * (VerifyDeleteAccountRequestDto: for a user with neither).
   */
  app.post<{ Body: VerifyDeleteBody }>('/api/v3/verify-delete-account-request', async (req) => {
    const user = await caller(req);
    const { verifyMethod, phonePassCodePayload: byPhone, emailPassCodePayload: byEmail, passwordPayload: byPassword } = req.body;
    const missing = (payload: string) => new AuthingError(AuthingCodes.badRequest, `verifyMethod ${verifyMethod} 需要 ${payload}`, 400);
    if (verifyMethod === 'PASSWORD') {
      if (!byPassword) throw missing('passwordPayload');
      const hash = ctx.users.passwordHash(user.id);
      const plain = plainPassword(ctx, byPassword.password, byPassword.passwordEncryptType);
      if (!hash || !(await verifyPassword(plain, hash))) throw new AuthingError(AuthingCodes.wrongPassword, '密码错误');
    } else if (verifyMethod === 'PHONE_PASSCODE') {
      if (!byPhone) throw missing('phonePassCodePayload');
      if (byPhone.phoneNumber !== user.phone) throw new AuthingError(AuthingCodes.badRequest, '手机号与当前账号不符', 400);
      consumeV3Code(ctx, 'sms', byPhone.phoneNumber, byPhone.passCode, 'CHANNEL_DELETE_ACCOUNT');
    } else {
      if (!byEmail) throw missing('emailPassCodePayload');
      const email = byEmail.email === undefined ? user.email : emailRecipient(byEmail.email);
      if (!email || email !== user.email) throw new AuthingError(AuthingCodes.badRequest, '邮箱与当前账号不符', 400);
      consumeV3Code(ctx, 'email', email, byEmail.passCode, 'CHANNEL_DELETE_ACCOUNT');
    }
    const { token, tokenExpiresIn } = ticket('delete-account', user.id, {});
    return { statusCode: 200, message: '', data: { deleteAccountToken: token, tokenExpiresIn } };
  });

  /** Deletion is real: the user row goes, and with it (ON DELETE CASCADE) identities, sessions, refresh tokens. */
  app.post<{ Body: { deleteAccountToken: string } }>('/api/v3/delete-account', async (req) => {
    const user = await caller(req);
    ctx.db.transaction(() => {
      spend('delete-account', user.id, req.body.deleteAccountToken);
      ctx.users.remove(user.id);
    })();
    return ok('注销账号成功');
  });
}
