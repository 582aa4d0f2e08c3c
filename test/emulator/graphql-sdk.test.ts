import { useEmulator } from '../support/emulator';
import { getJson } from '../support/http-json';

/**
 * The real authing-js-sdk (Node build) against the emulator, over HTTP: what a user of the SDK sees.
 * `appHost` is the option that sends both its GraphQL (`{appHost}/graphql/v2`) and its REST calls
 * (`.well-known`, `sms/send`, `logout`) to the emulator; its default encryptFunction (jsencrypt) works in Node.
 */
const { AuthenticationClient, EmailScene } = require('authing-js-sdk');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK comes from require() of its Node build; its calls are what the tests exercise
type Sdk = any;

const emulator = useEmulator();

function sdk(): Sdk {
  const { url, options } = emulator();
  return new AuthenticationClient({ appId: options.appId, appHost: url });
}

/** The newest code the emulator "sent" to that phone or email. */
async function lastCode(channel: 'sms' | 'email', recipient: string): Promise<string> {
  const { body } = await getJson<{ messages: Array<{ channel: string; recipient: string; code: string }> }>(
    `${emulator().url}/__emulator/messages`,
  );
  const mine = body.messages.filter((m) => m.channel === channel && m.recipient === recipient);
  if (!mine.length) throw new Error(`no ${channel} message to ${recipient}`);
  return mine[mine.length - 1].code;
}

async function smsCode(client: Sdk, phone: string): Promise<string> {
  await client.sendSmsCode(phone);
  return lastCode('sms', phone);
}

async function emailCode(client: Sdk, email: string, scene: string): Promise<string> {
  expect(await client.sendEmail(email, scene)).toEqual({ code: 200, message: expect.any(String) });
  return lastCode('email', email.toLowerCase());
}

describe('a user journey through authing-js-sdk', () => {
  it('register, log in, edit, change password, bind contacts, custom data, refresh and log out', async () => {
    const alice = sdk();

    // Register without asking for a token: Authing answers the user with token null.
    const registered = await alice.registerByEmail('Alice@Example.com', 'passw0rd', { nickname: 'Al', phone: '13900000000' });
    expect(registered).toMatchObject({
      email: 'alice@example.com',
      emailVerified: false,
      nickname: 'Al',
      phone: null,
      token: null,
      loginsCount: 0,
      registerSource: ['basic:email'],
    });

    // Login gives a token, counts the login, and the SDK uses the token from then on.
    const loggedIn = await alice.loginByEmail('alice@example.com', 'passw0rd');
    expect(loggedIn).toMatchObject({ id: registered.id, loginsCount: 1, lastIP: expect.any(String), token: expect.any(String) });
    const me = await alice.getCurrentUser();
    expect(me).toMatchObject({ id: registered.id, email: 'alice@example.com', identities: [], token: loggedIn.token });

    const edited = await alice.updateProfile({ nickname: 'Alice', company: 'Steam Memory', gender: 'F' });
    expect(edited).toMatchObject({ id: registered.id, nickname: 'Alice', company: 'Steam Memory', gender: 'F' });
    expect(await alice.getCurrentUser()).toMatchObject({ nickname: 'Alice', company: 'Steam Memory' });

    // New password: it works from a fresh client, the old one is refused.
    await alice.updatePassword('n3w-passw0rd', 'passw0rd');
    await expect(sdk().loginByEmail('alice@example.com', 'passw0rd')).rejects.toMatchObject({ code: 2333 });
    expect(await sdk().loginByEmail('alice@example.com', 'n3w-passw0rd')).toMatchObject({ id: registered.id, loginsCount: 2 });

    // Bind a phone with an SMS code, then log in with another code for it.
    const phone = '13800000001';
    const bound = await alice.bindPhone(phone, await smsCode(alice, phone));
    expect(bound).toMatchObject({ phone, phoneVerified: true, phoneCountryCode: '+86' });
    const byPhone = sdk();
    expect(await byPhone.loginByPhoneCode(phone, await smsCode(byPhone, phone))).toMatchObject({
      id: registered.id,
      newlyCreated: false,
      token: expect.any(String),
    });

    // Change the email: both the old and the new address are verified by code.
    const oldCode = await emailCode(alice, 'alice@example.com', EmailScene.EMAIL_UNBIND_VERIFY_CODE);
    const newCode = await emailCode(alice, 'alice@new.example.com', EmailScene.EMAIL_BIND_VERIFY_CODE);
    expect(await alice.updateEmail('alice@new.example.com', newCode, 'alice@example.com', oldCode)).toMatchObject({
      email: 'alice@new.example.com',
      emailVerified: true,
    });
    expect(await sdk().loginByEmail('alice@new.example.com', 'n3w-passw0rd')).toMatchObject({ id: registered.id });

    // Custom data keeps each value's JavaScript type through the SDK's JSON round trip.
    const since = new Date('2024-05-01T08:30:00.000Z');
    await alice.setUdv('school', 'ucla');
    await alice.setUdv('age', 20);
    await alice.setUdv('vip', true);
    await alice.setUdv('since', since);
    const afterSet = await alice.setUdv('prefs', { theme: 'dark', tags: ['a'] });
    expect(afterSet).toHaveLength(5);
    const listed = await alice.listUdv();
    expect(Object.fromEntries(listed.map((u: { key: string; value: unknown }) => [u.key, u.value]))).toEqual({
      school: 'ucla',
      age: 20,
      vip: true,
      since,
      prefs: { theme: 'dark', tags: ['a'] },
    });
    expect(listed.find((u: { key: string }) => u.key === 'age')).toEqual({ key: 'age', dataType: 'NUMBER', value: 20, label: null });
    expect((await alice.removeUdv('age')).map((u: { key: string }) => u.key)).toEqual(['prefs', 'school', 'since', 'vip']);
    // The batch form (setUdfValue) and the key-value reader (getUdfValue), and customData on login.
    await alice.setUdfValue({ level: 3, school: 'mit' });
    expect(await alice.getUdfValue()).toMatchObject({ level: 3, school: 'mit', vip: true });
    await alice.removeUdfValue('level');
    expect((await sdk().loginByEmail('alice@new.example.com', 'n3w-passw0rd')).customData).toMatchObject({ school: 'mit', vip: true });

    // refreshToken gives a new token; the old one keeps working.
    const before = alice.tokenProvider.getToken();
    const refreshed = await alice.refreshToken();
    expect(refreshed).toEqual({ token: expect.any(String), iat: expect.any(Number), exp: expect.any(Number) });
    expect(refreshed.token).not.toBe(before);
    expect(refreshed.exp - refreshed.iat).toBe(emulator().options.tokenTtlSeconds);
    expect(await alice.checkLoginStatus(before)).toMatchObject({ code: 200, status: true, data: { id: registered.id } });
    expect(await alice.checkLoginStatus()).toMatchObject({ code: 200, status: true });
    expect(await alice.getCurrentUser()).toMatchObject({ id: registered.id, token: refreshed.token });

    // logout revokes the user's sessions: the tokens are dead everywhere.
    await alice.logout();
    expect(await alice.checkLoginStatus(refreshed.token)).toMatchObject({ status: false, code: 2207 });
    expect(await alice.checkLoginStatus(before)).toMatchObject({ status: false });
    expect(await alice.getCurrentUser()).toBeNull();
  });

  it('register options: generateToken gives a token, forceLogin also counts a login', async () => {
    const withToken = await sdk().registerByUsername('token-only', 'passw0rd', null, { generateToken: true });
    expect(withToken).toMatchObject({
      username: 'token-only',
      token: expect.any(String),
      loginsCount: 0,
      registerSource: ['basic:username'],
    });
    const forced = await sdk().registerByUsername(
      'forced',
      'passw0rd',
      { nickname: 'F' },
      { forceLogin: true, customData: { source: 'ads' } },
    );
    expect(forced).toMatchObject({ nickname: 'F', token: expect.any(String), loginsCount: 1 });
    const client = sdk();
    expect(await client.loginByUsername('forced', 'passw0rd')).toMatchObject({ id: forced.id, customData: { source: 'ads' } });
  });

  it('autoRegister creates the account on first login, and only then', async () => {
    const first = await sdk().loginByUsername('newcomer', 'passw0rd', { autoRegister: true });
    expect(first).toMatchObject({ username: 'newcomer', newlyCreated: true, loginsCount: 1, token: expect.any(String) });
    const again = await sdk().loginByUsername('newcomer', 'passw0rd', { autoRegister: true });
    expect(again).toMatchObject({ id: first.id, newlyCreated: false, loginsCount: 2 });
    await expect(sdk().loginByUsername('newcomer', 'wrong-pass', { autoRegister: true })).rejects.toMatchObject({ code: 2333 });
    const byEmail = await sdk().loginByEmail('auto@example.com', 'passw0rd', { autoRegister: true });
    expect(byEmail).toMatchObject({ email: 'auto@example.com', newlyCreated: true });
  });

  it('phone accounts: code registration with a password, phone+password login, SMS login signs up a new number', async () => {
    const client = sdk();
    const phone = '13700000002';
    const user = await client.registerByPhoneCode(
      phone,
      await smsCode(client, phone),
      'passw0rd',
      { nickname: 'P' },
      { generateToken: true },
    );
    expect(user).toMatchObject({
      phone,
      phoneVerified: true,
      nickname: 'P',
      registerSource: ['basic:phone-code'],
      token: expect.any(String),
    });
    expect(await sdk().loginByPhonePassword(phone, 'passw0rd')).toMatchObject({ id: user.id });

    const stranger = sdk();
    const fresh = '13600000003';
    const created = await stranger.loginByPhoneCode(fresh, await smsCode(stranger, fresh));
    expect(created).toMatchObject({ phone: fresh, newlyCreated: true, loginsCount: 1 });
    // An SMS-only account has no password yet: updatePassword needs no old one, then phone+password works.
    await stranger.updatePassword('first-passw0rd');
    expect(await sdk().loginByPhonePassword(fresh, 'first-passw0rd')).toMatchObject({ id: created.id });
  });

  it('bindEmail / unbindEmail / unbindPhone, keeping at least one way in', async () => {
    const client = sdk();
    const phone = '13500000004';
    const user = await client.loginByPhoneCode(phone, await smsCode(client, phone));
    await expect(client.unbindPhone()).rejects.toMatchObject({ code: 1001 });

    const bound = await client.bindEmail(
      'Bind@Example.com',
      await emailCode(client, 'bind@example.com', EmailScene.EMAIL_BIND_VERIFY_CODE),
    );
    expect(bound).toMatchObject({ id: user.id, email: 'bind@example.com', emailVerified: true });
    expect(await client.unbindPhone()).toMatchObject({ phone: null, phoneVerified: false, email: 'bind@example.com' });
    await expect(client.unbindEmail()).rejects.toMatchObject({ code: 1001 });
    await client.bindPhone(phone, await smsCode(client, phone));
    expect(await client.unbindEmail()).toMatchObject({ email: null, emailVerified: false, phone });
    // The SDK keeps working after each of these: every answer carried the caller's token.
    expect(await client.getCurrentUser()).toMatchObject({ id: user.id });
  });

  it('updatePhone verifies the old number and the new one', async () => {
    const client = sdk();
    const oldPhone = '13400000005';
    await client.loginByPhoneCode(oldPhone, await smsCode(client, oldPhone));
    const newPhone = '13400000006';
    await expect(client.updatePhone(newPhone, await smsCode(client, newPhone))).rejects.toMatchObject({ code: 2038 });
    const newCode = await smsCode(client, newPhone);
    const oldCode = await smsCode(client, oldPhone);
    expect(await client.updatePhone(newPhone, newCode, oldPhone, oldCode)).toMatchObject({ phone: newPhone, phoneVerified: true });
    const other = sdk();
    expect(await other.loginByPhoneCode(newPhone, await smsCode(other, newPhone))).toMatchObject({ newlyCreated: false });
  });

  it('reset a forgotten password by SMS or email code; the old sessions end', async () => {
    const client = sdk();
    const phone = '13300000007';
    const user = await client.registerByPhoneCode(phone, await smsCode(client, phone), 'passw0rd', null, { forceLogin: true });
    const session = user.token;

    expect(await client.resetPasswordByPhoneCode(phone, await smsCode(client, phone), 'reset-by-sms')).toEqual({
      code: 200,
      message: expect.any(String),
    });
    expect(await client.checkLoginStatus(session)).toMatchObject({ status: false });
    await expect(sdk().loginByPhonePassword(phone, 'passw0rd')).rejects.toMatchObject({ code: 2333 });
    const again = await sdk().loginByPhonePassword(phone, 'reset-by-sms');

    const mailer = sdk();
    mailer.setToken(again.token);
    await mailer.bindEmail('reset@example.com', await emailCode(mailer, 'reset@example.com', EmailScene.EMAIL_BIND_VERIFY_CODE));
    const code = await emailCode(sdk(), 'reset@example.com', EmailScene.RESET_PASSWORD_VERIFY_CODE);
    await sdk().resetPasswordByEmailCode('reset@example.com', code, 'reset-by-mail');
    expect(await sdk().loginByEmail('reset@example.com', 'reset-by-mail')).toMatchObject({ id: user.id });
  });

  it('checkPasswordStrength: at least 6 characters, sent in plain text as the SDK does', async () => {
    expect(await sdk().checkPasswordStrength('12345')).toEqual({ valid: false, message: expect.stringContaining('6') });
    expect(await sdk().checkPasswordStrength('123456')).toEqual({ valid: true, message: expect.any(String) });
    await expect(sdk().registerByEmail('short@example.com', '12345')).rejects.toMatchObject({ code: 2029 });
  });
});
