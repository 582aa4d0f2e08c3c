import { constants, createHmac, publicEncrypt, randomBytes } from 'node:crypto';
import { useEmulator } from '../support/emulator';
import { getJson, postJson } from '../support/http-json';

/**
 * Failures of the GraphQL face, driven over raw HTTP with authing-js-sdk's own documents, each
 * answered with Authing's error shape `errors: [{message: {code, message, data}}]`.
 */
const docs = require('authing-js-sdk/build/main/types/graphql.v2.js') as Record<string, string>;

const emulator = useEmulator();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies of many shapes, each read field by field by the assertions
type Loose = any;

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return postJson<Loose>(`${emulator().url}/graphql/v2`, { query, variables }, headers);
}

/** The Authing error code a GraphQL answer failed with (undefined when it succeeded). */
async function codeOf(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<number | undefined> {
  const { status, body } = await gql(query, variables, token);
  expect(status).toBe(200);
  return body.errors?.[0]?.message?.code;
}

let publicKeyPem = '';
async function encrypted(plain: string): Promise<string> {
  if (!publicKeyPem) publicKeyPem = (await getJson(`${emulator().url}/api/v2/.well-known`)).body.data.publicKey;
  return publicEncrypt({ key: publicKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(plain)).toString('base64');
}

async function lastCode(channel: 'sms' | 'email', recipient: string): Promise<string> {
  const { body } = await getJson<Loose>(`${emulator().url}/__emulator/messages`);
  const mine = body.messages.filter((m: Loose) => m.channel === channel && m.recipient === recipient);
  return mine[mine.length - 1].code;
}

async function sendSms(phone: string): Promise<string> {
  await postJson(`${emulator().url}/api/v2/sms/send`, { phone });
  return lastCode('sms', phone);
}

async function register(email: string, password = 'passw0rd') {
  const { body } = await gql(docs.RegisterByEmailDocument, { input: { email, password: await encrypted(password), generateToken: true } });
  expect(body.errors).toBeUndefined();
  return body.data.registerByEmail as { id: string; token: string };
}

const USER_ID_QUERY = 'query { user { id } }';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

function signHs256(claims: Record<string, unknown>, key: Buffer): string {
  const unsigned = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

describe('password logins', () => {
  it('a wrong password and an unknown account both answer 2333 with the same message', async () => {
    await register('known@example.com');
    const wrong = await gql(docs.LoginByEmailDocument, { input: { email: 'known@example.com', password: await encrypted('not-it!') } });
    const unknown = await gql(docs.LoginByEmailDocument, { input: { email: 'nobody@example.com', password: await encrypted('passw0rd') } });
    expect(wrong.body.errors[0].message).toEqual({ code: 2333, message: '账号或密码错误', data: null });
    expect(unknown.body.errors[0].message).toEqual(wrong.body.errors[0].message);
    expect(wrong.body.data).toEqual({ loginByEmail: null });
    const byUsername = await codeOf(docs.LoginByUsernameDocument, { input: { username: 'ghost', password: await encrypted('passw0rd') } });
    expect(byUsername).toBe(2333);
    const byPhone = await codeOf(docs.LoginByPhonePasswordDocument, {
      input: { phone: '13100000000', password: await encrypted('passw0rd'), autoRegister: true },
    });
    expect(byPhone).toBe(2333);
  });

  it('an account without a password (SMS sign-up) cannot be logged in to with one: 2333', async () => {
    const phone = '13100000001';
    await gql(docs.LoginByPhoneCodeDocument, { input: { phone, code: await sendSms(phone) } });
    expect(await codeOf(docs.LoginByPhonePasswordDocument, { input: { phone, password: await encrypted('anything') } })).toBe(2333);
  });

  it('a password that is not RSA-encrypted is 2016, never taken as plaintext', async () => {
    expect(await codeOf(docs.RegisterByEmailDocument, { input: { email: 'plain@example.com', password: 'passw0rd' } })).toBe(2016);
    expect(await codeOf(docs.RegisterByEmailDocument, { input: { email: 'plain@example.com', password: 'false' } })).toBe(2016);
    // Nothing was created by the refused attempts.
    expect(
      await codeOf(docs.RegisterByEmailDocument, { input: { email: 'plain@example.com', password: await encrypted('passw0rd') } }),
    ).toBeUndefined();
    const { token } = (
      await gql(docs.LoginByEmailDocument, { input: { email: 'plain@example.com', password: await encrypted('passw0rd') } })
    ).body.data.loginByEmail;
    expect(
      await codeOf(docs.UpdatePasswordDocument, { newPassword: 'new-passw0rd', oldPassword: await encrypted('passw0rd') }, token),
    ).toBe(2016);
  });

  it("a ciphertext that lost its leading zero byte (jsencrypt's output 1 time in 256) still decrypts", async () => {
    let short: string | undefined;
    for (let i = 0; i < 20000 && !short; i++) {
      const bytes = Buffer.from(await encrypted('zero-lead'), 'base64');
      if (bytes[0] === 0) short = bytes.subarray(1).toString('base64');
    }
    expect(short).toBeDefined();
    expect(await codeOf(docs.RegisterByEmailDocument, { input: { email: 'zero@example.com', password: short } })).toBeUndefined();
    expect(
      await codeOf(docs.LoginByEmailDocument, { input: { email: 'zero@example.com', password: await encrypted('zero-lead') } }),
    ).toBeUndefined();
  });

  it('a password shorter than 6 characters is refused on register, reset and update: 2029', async () => {
    expect(await codeOf(docs.RegisterByUsernameDocument, { input: { username: 'shorty', password: await encrypted('12345') } })).toBe(2029);
    expect(await codeOf(docs.ResetPasswordDocument, { phone: '13100000008', code: '1234', newPassword: await encrypted('12345') })).toBe(
      2029,
    );
    const { token } = await register('short-update@example.com');
    expect(
      await codeOf(docs.UpdatePasswordDocument, { newPassword: await encrypted('12345'), oldPassword: await encrypted('passw0rd') }, token),
    ).toBe(2029);
    const { body } = await gql(docs.CheckPasswordStrengthDocument, { password: '12345' });
    expect(body.data.checkPasswordStrength).toEqual({ valid: false, message: '请使用至少 6 位字符作为密码' });
    // The strength check also understands an encrypted password, as a careful client sends it.
    const encryptedCheck = await gql(docs.CheckPasswordStrengthDocument, { password: await encrypted('long-enough') });
    expect(encryptedCheck.body.data.checkPasswordStrength.valid).toBe(true);
  });
});

describe('registration', () => {
  it('a taken email, username or phone is 2026', async () => {
    await register('taken@example.com');
    expect(
      await codeOf(docs.RegisterByEmailDocument, { input: { email: 'TAKEN@example.com', password: await encrypted('passw0rd') } }),
    ).toBe(2026);
    await gql(docs.RegisterByUsernameDocument, { input: { username: 'bob', password: await encrypted('passw0rd') } });
    expect(await codeOf(docs.RegisterByUsernameDocument, { input: { username: 'bob', password: await encrypted('passw0rd') } })).toBe(2026);
  });

  it('a taken phone is 2026, and the SMS code stays usable', async () => {
    const phone = '13100000002';
    await gql(docs.RegisterByPhoneCodeDocument, { input: { phone, code: await sendSms(phone) } });
    const code = await sendSms(phone);
    expect(await codeOf(docs.RegisterByPhoneCodeDocument, { input: { phone, code } })).toBe(2026);
    expect(await codeOf(docs.LoginByPhoneCodeDocument, { input: { phone, code } })).toBeUndefined();
  });

  it('a malformed email is 2003', async () => {
    expect(await codeOf(docs.RegisterByEmailDocument, { input: { email: 'not-an-email', password: await encrypted('passw0rd') } })).toBe(
      2003,
    );
    expect(await codeOf(docs.SendEmailDocument, { email: 'nope', scene: 'VERIFY_CODE' })).toBe(2003);
  });

  it('register without generateToken or forceLogin gives no token', async () => {
    const { body } = await gql(docs.RegisterByEmailDocument, {
      input: { email: 'notoken@example.com', password: await encrypted('passw0rd') },
    });
    expect(body.data.registerByEmail).toMatchObject({ email: 'notoken@example.com', token: null, tokenExpiredAt: null });
  });
});

describe('verification codes', () => {
  it('a wrong, reused or expired code is 2001', async () => {
    const phone = '13100000003';
    const code = await sendSms(phone);
    const wrong = code === '0000' ? '1111' : '0000';
    expect(await codeOf(docs.LoginByPhoneCodeDocument, { input: { phone, code: wrong } })).toBe(2001);
    expect(await codeOf(docs.LoginByPhoneCodeDocument, { input: { phone, code } })).toBeUndefined();
    expect(await codeOf(docs.LoginByPhoneCodeDocument, { input: { phone, code } })).toBe(2001);
    expect(await codeOf(docs.RegisterByPhoneCodeDocument, { input: { phone: '13100000009', code: '1234' } })).toBe(2001);
    expect(await codeOf(docs.ResetPasswordDocument, { phone, code: '9999', newPassword: await encrypted('passw0rd') })).toBe(2001);
    // Codes live five minutes on the emulator's clock.
    const late = await sendSms(phone);
    await postJson(`${emulator().url}/__emulator/clock`, { advanceMs: 5 * 60 * 1000 + 1000 });
    expect(await codeOf(docs.LoginByPhoneCodeDocument, { input: { phone, code: late } })).toBe(2001);
  });

  it('a code dies after five wrong guesses, so four digits cannot be brute-forced', async () => {
    const phone = '13100000013';
    const code = await sendSms(phone);
    const wrongs = ['0000', '1111', '2222', '3333', '4444', '5555'].filter((guess) => guess !== code).slice(0, 5);
    for (const guess of wrongs) expect(await codeOf(docs.LoginByPhoneCodeDocument, { input: { phone, code: guess } })).toBe(2001);
    expect(await codeOf(docs.LoginByPhoneCodeDocument, { input: { phone, code } })).toBe(2001);
    // A new code starts a new count.
    expect(await codeOf(docs.LoginByPhoneCodeDocument, { input: { phone, code: await sendSms(phone) } })).toBeUndefined();
  });

  it('an email code proves that address only', async () => {
    const { token } = await register('codes@example.com');
    await gql(docs.SendEmailDocument, { email: 'other@example.com', scene: 'EMAIL_BIND_VERIFY_CODE' });
    const otherCode = await lastCode('email', 'other@example.com');
    expect(
      await codeOf(
        docs.UpdateEmailDocument,
        { email: 'new@example.com', emailCode: otherCode, oldEmail: 'codes@example.com', oldEmailCode: otherCode },
        token,
      ),
    ).toBe(2001);
    expect(await codeOf(docs.UpdateEmailDocument, { email: 'new@example.com', emailCode: otherCode }, token)).toBe(2037);
    expect(
      await codeOf(
        docs.UpdateEmailDocument,
        { email: 'new@example.com', emailCode: otherCode, oldEmail: 'wrong@example.com', oldEmailCode: otherCode },
        token,
      ),
    ).toBe(2037);
    expect(await codeOf(docs.BindEmailDocument, { email: 'other@example.com', emailCode: otherCode }, token)).toBe(409);
  });
});

describe('authenticated operations', () => {
  it('without a token, each is 2020', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      [docs.UserDocument, {}],
      [docs.UpdateUserDocument, { input: { nickname: 'x' } }],
      [docs.UpdatePasswordDocument, { newPassword: 'x' }],
      [docs.RefreshTokenDocument, {}],
      [docs.BindPhoneDocument, { phone: '13100000004', phoneCode: '1234' }],
      [docs.UnbindEmailDocument, {}],
      [docs.UdvDocument, { targetType: 'USER', targetId: 'x' }],
      [docs.SetUdvDocument, { targetType: 'USER', targetId: 'x', key: 'k', value: '1' }],
    ];
    for (const [query, variables] of calls) expect(await codeOf(query, variables)).toBe(2020);
    expect(await codeOf(docs.UserDocument, {}, 'not-a-jwt')).toBe(2020);
  });

  it('a forged token is 2020: signed with another key, or alg none', async () => {
    const { token, id } = await register('forge@example.com');
    expect(await codeOf(USER_ID_QUERY, {}, token)).toBeUndefined();
    const claims = claimsOf(token);
    const otherKey = signHs256(claims, randomBytes(32));
    expect(await codeOf(USER_ID_QUERY, {}, otherKey)).toBe(2020);
    const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
    expect(await codeOf(USER_ID_QUERY, {}, none)).toBe(2020);
    // A payload edited under the original signature fails too.
    const [header, , signature] = token.split('.');
    expect(await codeOf(USER_ID_QUERY, {}, `${header}.${b64url({ ...claims, sub: 'someone-else' })}.${signature}`)).toBe(2020);
    expect((await gql(docs.CheckLoginStatusDocument, { token: otherKey })).body.data.checkLoginStatus).toMatchObject({
      status: false,
      code: 2207,
    });
    expect(id).toBe(claims.sub);
  });

  it("a caller acts on their own account only: another user's id is 1001", async () => {
    const alice = await register('alice@example.com');
    const bob = await register('bob@example.com');
    expect(await codeOf(docs.UpdateUserDocument, { id: bob.id, input: { nickname: 'pwned' } }, alice.token)).toBe(1001);
    expect(await codeOf(docs.UserDocument, { id: bob.id }, alice.token)).toBe(1001);
    expect(await codeOf(docs.RefreshTokenDocument, { id: bob.id }, alice.token)).toBe(1001);
    expect(await codeOf(docs.SetUdvDocument, { targetType: 'USER', targetId: bob.id, key: 'k', value: '"v"' }, alice.token)).toBe(1001);
    expect(await codeOf(docs.UdvDocument, { targetType: 'USERPOOL', targetId: alice.id }, alice.token)).toBe(1001);
    const bobNow = (await gql(docs.UserDocument, {}, bob.token)).body.data.user;
    expect(bobNow.nickname).toBeNull();
  });

  it('updateUser refuses contact points, password and account state: 2018', async () => {
    const { id, token } = await register('fields@example.com');
    const refused = await gql(docs.UpdateUserDocument, { id, input: { nickname: 'ok', phone: '13100000005', blocked: false } }, token);
    expect(refused.body.errors[0].message).toMatchObject({ code: 2018, data: { fields: ['phone', 'blocked'] } });
    expect(await codeOf(docs.UpdateUserDocument, { id, input: { email: 'x@example.com' } }, token)).toBe(2018);
    const me = (await gql(docs.UserDocument, {}, token)).body.data.user;
    expect(me).toMatchObject({ nickname: null, phone: null, email: 'fields@example.com' });
  });

  it('updatePassword checks the old password: wrong is 2006, missing is 2019', async () => {
    const { token } = await register('oldpw@example.com');
    expect(
      await codeOf(
        docs.UpdatePasswordDocument,
        { newPassword: await encrypted('new-passw0rd'), oldPassword: await encrypted('wrong-old') },
        token,
      ),
    ).toBe(2006);
    expect(await codeOf(docs.UpdatePasswordDocument, { newPassword: await encrypted('new-passw0rd') }, token)).toBe(2019);
  });

  it('bindPhone over a bound phone is 2035; a phone taken by another account is 2026', async () => {
    const phone = '13100000006';
    const owner = (await gql(docs.LoginByPhoneCodeDocument, { input: { phone, code: await sendSms(phone) } })).body.data.loginByPhoneCode;
    expect(await codeOf(docs.BindPhoneDocument, { phone: '13100000007', phoneCode: '1234' }, owner.token)).toBe(2035);
    const { token } = await register('wants-phone@example.com');
    expect(await codeOf(docs.BindPhoneDocument, { phone, phoneCode: await sendSms(phone) }, token)).toBe(2026);
  });

  it('resetPassword for an address with no account is 2004, once the code proves the address', async () => {
    await gql(docs.SendEmailDocument, { email: 'ghost@example.com', scene: 'RESET_PASSWORD_VERIFY_CODE' });
    const code = await lastCode('email', 'ghost@example.com');
    expect(await codeOf(docs.ResetPasswordDocument, { email: 'ghost@example.com', code, newPassword: await encrypted('passw0rd') })).toBe(
      2004,
    );
    expect(await codeOf(docs.ResetPasswordDocument, { code, newPassword: await encrypted('passw0rd') })).toBe(2028);
  });

  it('an expired token is 2020', async () => {
    const { token } = await register('expires@example.com');
    await postJson(`${emulator().url}/__emulator/clock`, { advanceMs: (emulator().options.tokenTtlSeconds + 1) * 1000 });
    try {
      const { body } = await gql(docs.UserDocument, {}, token);
      expect(body.errors[0].message).toMatchObject({ code: 2020, message: '登录信息已过期' });
    } finally {
      await postJson(`${emulator().url}/__emulator/reset`, {});
    }
  });
});

describe('documents that never run', () => {
  it('a malformed document or wrongly typed variable is HTTP 400 with code 400', async () => {
    const syntax = await gql('mutation { registerByEmail(input: {', {});
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors[0].message).toMatchObject({ code: 400, message: expect.any(String) });
    const unknownField = await gql('query { user { id secret } }');
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors[0].message.code).toBe(400);
    const wrongType = await gql(docs.RegisterByEmailDocument, { input: { email: 42, password: true } });
    expect(wrongType.status).toBe(400);
    const badEnum = await gql(docs.SendEmailDocument, { email: 'a@example.com', scene: 'NOT_A_SCENE' });
    expect(badEnum.status).toBe(400);
  });

  // graphql-js reports variable-coercion errors with a GraphQLError as originalError: still the client's 400.
  it('a wrongly typed variable also carries code 400 in the body', async () => {
    const wrongType = await gql(docs.RegisterByEmailDocument, { input: { email: 42, password: true } });
    expect(wrongType.body.errors[0].message.code).toBe(400);
  });
});
