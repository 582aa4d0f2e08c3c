import type { EmulatorContext } from '../../context';
import { PROFILE_FIELDS, type UserRecord } from '../../store/user-store';
import { AuthingCodes, AuthingError } from '../../errors';
import { hashPassword, verifyPassword } from '../../crypto/password';
import type { GraphqlRequestContext } from './request-context';
import { graphUser } from './graph-user';
import { assertStrongEnough, decryptPasswordField } from './password-field';
import { consumeCode } from './verification-codes';
import { typedUdv, typedUdvFromWire } from './udv-values';
import { assertEmailFormat, DEFAULT_PHONE_COUNTRY_CODE } from './contact-formats';

type Profile = Record<string, unknown> & { udf?: Array<{ key: string; value: string }> | null };

export interface RegisterOptions {
  profile?: Profile | null;
  forceLogin?: boolean | null;
  generateToken?: boolean | null;
  clientIp?: string | null;
  params?: string | null;
}

export interface PasswordLoginInput {
  password: string;
  autoRegister?: boolean | null;
  clientIp?: string | null;
  params?: string | null;
}

export interface PhoneCodeLoginInput {
  phone: string;
  code: string;
  phoneCountryCode?: string | null;
  autoRegister?: boolean | null;
  clientIp?: string | null;
  params?: string | null;
}

/** RegisterProfile fields a user may set on themselves; phone and email are left out because nothing here proves them. */
function profileFields(profile: Profile | null | undefined): Partial<UserRecord> {
  const fields: Record<string, unknown> = {};
  if (!profile) return fields;
  for (const name of PROFILE_FIELDS) if (profile[name] !== undefined && profile[name] !== null) fields[name] = profile[name];
  return fields as Partial<UserRecord>;
}

/** `params` is authing-js-sdk's `customData`: a JSON list of `{key, value}` with values as JavaScript values. */
function customDataList(params: string | null | undefined): Array<{ key: string; value: unknown }> {
  if (params === null || params === undefined || params === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(params);
  } catch {
    throw new AuthingError(AuthingCodes.badRequest, 'params 不是合法的 JSON');
  }
  if (
    !Array.isArray(list) ||
    !list.every((item) => item && typeof item === 'object' && typeof (item as { key?: unknown }).key === 'string')
  ) {
    throw new AuthingError(AuthingCodes.badRequest, 'params 必须是 [{key, value}] 列表');
  }
  return list as Array<{ key: string; value: unknown }>;
}

function saveCustomData(ctx: EmulatorContext, userId: string, params: string | null | undefined, udf?: Profile['udf']): void {
  for (const { key, value } of customDataList(params)) {
    const typed = typedUdv(value);
    ctx.users.setUdv(userId, key, typed.dataType, typed.value);
  }
  for (const { key, value } of udf ?? []) {
    const typed = typedUdvFromWire(value);
    ctx.users.setUdv(userId, key, typed.dataType, typed.value);
  }
}

/** Authing's answer to every failed password login, whether the account exists or not. */
function accountOrPasswordWrong(): AuthingError {
  return new AuthingError(AuthingCodes.accountOrPasswordWrong, '账号或密码错误');
}

export function registerLoginResolvers(ctx: EmulatorContext) {
  // A failed lookup still pays for one scrypt run, so response time does not tell which accounts exist.
  let decoyHash: Promise<string> | undefined;
  const decoy = () => (decoyHash ??= hashPassword('emulator decoy password'));

  async function signIn(
    user: UserRecord,
    req: GraphqlRequestContext,
    input: { clientIp?: string | null; params?: string | null },
    newlyCreated = false,
  ) {
    if (user.blocked) throw new AuthingError(AuthingCodes.userLocked, '用户已被锁定');
    // A new account got its custom data in the transaction that created it.
    if (!newlyCreated) saveCustomData(ctx, user.id, input.params);
    const recorded = ctx.users.recordLogin(user.id, input.clientIp ?? req.ip);
    return graphUser(ctx, recorded, await ctx.sessions.issue(recorded), newlyCreated);
  }

  /** Register answers: a token only when asked for one (generateToken) or a full login (forceLogin), as Authing does. */
  async function registered(user: UserRecord, options: RegisterOptions, req: GraphqlRequestContext) {
    if (options.forceLogin) return signIn(user, req, { clientIp: options.clientIp }, true);
    if (options.generateToken) return graphUser(ctx, user, await ctx.sessions.issue(user), true);
    return graphUser(ctx, user, null, true);
  }

  async function newPasswordHash(field: string): Promise<string> {
    const plain = decryptPasswordField(ctx, field);
    assertStrongEnough(plain);
    return hashPassword(plain);
  }

  async function createWithPassword(fields: Partial<UserRecord> & { registerSource: string[] }, options: RegisterOptions, hash: string) {
    return ctx.db.transaction(() => {
      const user = ctx.users.create({ ...profileFields(options.profile), ...fields }, hash);
      saveCustomData(ctx, user.id, options.params, options.profile?.udf);
      return user;
    })();
  }

  /**
   * Password login for every account kind. Unknown account, account without a password and wrong
   * password all answer 2333, as Authing's account login documents, so the endpoint cannot be used
   * to find out which emails or usernames are registered.
   */
  async function passwordLogin(
    input: PasswordLoginInput,
    req: GraphqlRequestContext,
    find: () => UserRecord | undefined,
    autoRegister?: () => Partial<UserRecord> & { registerSource: string[] },
  ) {
    const plain = decryptPasswordField(ctx, input.password);
    const user = find();
    if (!user && input.autoRegister && autoRegister) {
      assertStrongEnough(plain);
      const created = await createWithPassword(autoRegister(), { params: input.params }, await hashPassword(plain));
      return signIn(created, req, input, true);
    }
    const hash = user ? ctx.users.passwordHash(user.id) : null;
    const matches = await verifyPassword(plain, hash ?? (await decoy()));
    if (!user || !hash || !matches) throw accountOrPasswordWrong();
    return signIn(user, req, input);
  }

  return {
    async registerByEmail({ input }: { input: RegisterOptions & { email: string; password: string } }, req: GraphqlRequestContext) {
      assertEmailFormat(input.email);
      const hash = await newPasswordHash(input.password);
      const user = await createWithPassword({ email: input.email, emailVerified: false, registerSource: ['basic:email'] }, input, hash);
      return registered(user, input, req);
    },

    async registerByUsername({ input }: { input: RegisterOptions & { username: string; password: string } }, req: GraphqlRequestContext) {
      if (!input.username.trim()) throw new AuthingError(AuthingCodes.badRequest, '用户名不能为空');
      const hash = await newPasswordHash(input.password);
      const user = await createWithPassword({ username: input.username, registerSource: ['basic:username'] }, input, hash);
      return registered(user, input, req);
    },

    async registerByPhoneCode(
      { input }: { input: RegisterOptions & { phone: string; code: string; phoneCountryCode?: string | null; password?: string | null } },
      req: GraphqlRequestContext,
    ) {
      // The password is checked before the code is spent, so a typo in it does not cost the user their SMS.
      const hash = input.password ? await newPasswordHash(input.password) : null;
      const user = ctx.db.transaction(() => {
        consumeCode(ctx, 'sms', input.phone, input.code);
        const created = ctx.users.create(
          {
            ...profileFields(input.profile),
            phone: input.phone,
            phoneVerified: true,
            phoneCountryCode: input.phoneCountryCode ?? DEFAULT_PHONE_COUNTRY_CODE,
            registerSource: ['basic:phone-code'],
          },
          hash,
        );
        saveCustomData(ctx, created.id, input.params, input.profile?.udf);
        return created;
      })();
      return registered(user, input, req);
    },

    async loginByEmail({ input }: { input: PasswordLoginInput & { email: string } }, req: GraphqlRequestContext) {
      assertEmailFormat(input.email);
      return passwordLogin(
        input,
        req,
        () => ctx.users.byEmail(input.email),
        () => ({
          email: input.email,
          emailVerified: false,
          registerSource: ['basic:email'],
        }),
      );
    },

    async loginByUsername({ input }: { input: PasswordLoginInput & { username: string } }, req: GraphqlRequestContext) {
      return passwordLogin(
        input,
        req,
        () => ctx.users.byUsername(input.username),
        () => ({
          username: input.username,
          registerSource: ['basic:username'],
        }),
      );
    },

    /** autoRegister is not honoured here: only an SMS code proves a phone number, and this login has none. */
    async loginByPhonePassword({ input }: { input: PasswordLoginInput & { phone: string } }, req: GraphqlRequestContext) {
      return passwordLogin(input, req, () => ctx.users.byPhone(input.phone));
    },

    /**
     * SMS login signs up a phone number it has not seen, as Authing's does; `autoRegister: false`
     * turns that off (the SDK never sends it, so it defaults on).
     */
    async loginByPhoneCode({ input }: { input: PhoneCodeLoginInput }, req: GraphqlRequestContext) {
      const { user, created } = ctx.db.transaction(() => {
        consumeCode(ctx, 'sms', input.phone, input.code);
        const existing = ctx.users.byPhone(input.phone);
        if (existing) return { user: existing, created: false };
        if (input.autoRegister === false) throw new AuthingError(AuthingCodes.userNotFound, '用户不存在');
        const fresh = ctx.users.create({
          phone: input.phone,
          phoneVerified: true,
          phoneCountryCode: input.phoneCountryCode ?? DEFAULT_PHONE_COUNTRY_CODE,
          registerSource: ['basic:phone-code'],
        });
        saveCustomData(ctx, fresh.id, input.params);
        return { user: fresh, created: true };
      })();
      return signIn(user, req, input, created);
    },
  };
}
