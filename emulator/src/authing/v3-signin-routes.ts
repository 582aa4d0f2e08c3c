import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context';
import type { UserRecord } from '../store/user-store';
import { AuthingCodes, AuthingError } from '../errors';
import { hashPassword, verifyPassword } from '../crypto/password';
import { DEFAULT_SCOPE } from './sessions';
import { plainPassword, type PasswordEncryptType } from './v3-password';
import { assertStrongEnough } from './graphql/password-field';
import { DEFAULT_PHONE_COUNTRY_CODE } from './graphql/contact-formats';
import { emailRecipient } from './graphql/verification-codes';
import { saveCustomData } from './user-dto';

/** Bodies arrive checked against the contract (emulator/src/contract/authing-v3-account.ts). */
interface SigninOptions {
  scope?: string;
  clientIp?: string;
  autoRegister?: boolean;
  passwordEncryptType?: PasswordEncryptType;
  customData?: unknown;
}
interface SigninBody {
  connection: 'PASSWORD' | 'PASSCODE';
  passwordPayload?: { password: string; account?: string; email?: string; username?: string; phone?: string };
  passCodePayload?: { passCode: string; email?: string; phone?: string; phoneCountryCode?: string };
  options?: SigninOptions;
}

/** Authing's answer to every failed password sign-in, whether the account exists or not. */
const accountOrPasswordWrong = () => new AuthingError(AuthingCodes.accountOrPasswordWrong, '账号或密码错误');

/** Checks a v3 verification code sent for `channel`; inside a transaction, a later failure gives it back. */
export function consumeV3Code(ctx: EmulatorContext, kind: 'sms' | 'email', recipient: string, code: string, channel: string): void {
  const to = kind === 'email' ? emailRecipient(recipient) : recipient;
  if (!ctx.messages.consume(kind, to, code, channel)) throw new AuthingError(AuthingCodes.verifyCodeInvalid, '验证码不正确或已过期');
}

/** v3 sign-in by password or verification code, the codes' sending, and the password keys. */
export function registerV3SigninRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  // A failed lookup still pays for one scrypt run, so response time does not tell which accounts exist.
  let decoyHash: Promise<string> | undefined;
  const decoy = () => (decoyHash ??= hashPassword('emulator decoy password'));

  async function tokenSetFor(user: UserRecord, req: FastifyRequest, options: SigninOptions | undefined) {
    if (user.blocked) throw new AuthingError(AuthingCodes.userLocked, '用户已被锁定');
    saveCustomData(ctx, user.id, options?.customData);
    const recorded = ctx.users.recordLogin(user.id, options?.clientIp ?? req.ip);
    return { statusCode: 200, message: '', data: await ctx.sessions.issueTokenSet(recorded, options?.scope?.trim() || DEFAULT_SCOPE) };
  }

  /**
   * PASSWORD: `account` is a username, email or phone; the others name one kind. autoRegister
   * creates the account only for email, username or phone (SignInOptionsDto: not for `account`).
   */
  async function passwordSignin(
    payload: NonNullable<SigninBody['passwordPayload']>,
    options: SigninOptions | undefined,
    req: FastifyRequest,
  ) {
    const plain = plainPassword(ctx, payload.password, options?.passwordEncryptType);
    const { account, email, username, phone } = payload;
    if (!account && !email && !username && !phone) {
      throw new AuthingError(AuthingCodes.badRequest, 'passwordPayload 需要 account、email、username 或 phone 之一', 400);
    }
    const user = account
      ? (ctx.users.byUsername(account) ?? ctx.users.byEmail(emailRecipient(account)) ?? ctx.users.byPhone(account))
      : email
        ? ctx.users.byEmail(emailRecipient(email))
        : username
          ? ctx.users.byUsername(username)
          : ctx.users.byPhone(phone!);
    if (!user && !account && options?.autoRegister) {
      assertStrongEnough(plain);
      const fields = email
        ? { email: emailRecipient(email), registerSource: ['basic:email'] }
        : username
          ? { username, registerSource: ['basic:username'] }
          : { phone, phoneCountryCode: DEFAULT_PHONE_COUNTRY_CODE, registerSource: ['basic:phone'] };
      return tokenSetFor(ctx.users.create(fields, await hashPassword(plain)), req, options);
    }
    const hash = user ? ctx.users.passwordHash(user.id) : null;
    const matches = await verifyPassword(plain, hash ?? (await decoy()));
    if (!user || !hash || !matches) throw accountOrPasswordWrong();
    return tokenSetFor(user, req, options);
  }

  /** PASSCODE: a CHANNEL_LOGIN code proves the phone or email; an unknown one is signed up unless autoRegister is false. */
  function passCodeUser(payload: NonNullable<SigninBody['passCodePayload']>, options: SigninOptions | undefined): UserRecord {
    const { passCode, email, phone } = payload;
    if (!email && !phone) throw new AuthingError(AuthingCodes.badRequest, 'passCodePayload 需要 phone 或 email', 400);
    return ctx.db.transaction(() => {
      if (phone) consumeV3Code(ctx, 'sms', phone, passCode, 'CHANNEL_LOGIN');
      else consumeV3Code(ctx, 'email', email!, passCode, 'CHANNEL_LOGIN');
      const existing = phone ? ctx.users.byPhone(phone) : ctx.users.byEmail(emailRecipient(email!));
      if (existing) return existing;
      if (options?.autoRegister === false) throw new AuthingError(AuthingCodes.userNotFound, '用户不存在');
      return phone
        ? ctx.users.create({
            phone,
            phoneVerified: true,
            phoneCountryCode: payload.phoneCountryCode ?? DEFAULT_PHONE_COUNTRY_CODE,
            registerSource: ['basic:phone-code'],
          })
        : ctx.users.create({ email: emailRecipient(email!), emailVerified: true, registerSource: ['basic:email-code'] });
    })();
  }

  app.post<{ Body: SigninBody }>('/api/v3/signin', async (req) => {
    const { connection, passwordPayload, passCodePayload, options } = req.body;
    if (connection === 'PASSWORD') {
      if (!passwordPayload) throw new AuthingError(AuthingCodes.badRequest, 'connection PASSWORD 需要 passwordPayload', 400);
      return passwordSignin(passwordPayload, options, req);
    }
    if (!passCodePayload) throw new AuthingError(AuthingCodes.badRequest, 'connection PASSCODE 需要 passCodePayload', 400);
    return tokenSetFor(passCodeUser(passCodePayload, options), req, options);
  });

  app.post<{ Body: { phoneNumber: string; channel: string; phoneCountryCode?: string } }>('/api/v3/send-sms', async (req) => {
    ctx.messages.send('sms', req.body.phoneNumber, req.body.channel);
    return { statusCode: 200, message: '发送成功' };
  });

  app.post<{ Body: { email: string; channel: string } }>('/api/v3/send-email', async (req) => {
    ctx.messages.send('email', emailRecipient(req.body.email), req.body.channel);
    return { statusCode: 200, message: '发送成功' };
  });

  /** Unwrapped, as authing-node-sdk's SystemInfoResp types it; the mini-program SDK reads res[encryptType].publicKey. */
  app.get('/api/v3/system', async () => ({
    rsa: { publicKey: ctx.passwords.publicKeyPem },
    sm2: { publicKey: ctx.passwords.sm2.publicKey },
    version: { server: 'authing-wxapp-emulator', console: 'authing-wxapp-emulator', login: 'authing-wxapp-emulator' },
    publicIps: [],
  }));
}
