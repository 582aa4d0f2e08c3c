/**
 * authing-js-sdk's phone, email and custom-data (udv) families through the built full client on a
 * simulated phone, against the emulator: each change with its verification codes, the
 * preconditions Authing enforces, and custom values keeping their JavaScript types.
 */
import { useEmulator } from '../support/emulator';
import {
  emailCode,
  EmailScenes,
  failureOf,
  launch,
  newEmail,
  newPhoneNumber,
  PASSWORD,
  sessionOf,
  smsCode,
  type Phone,
} from './families.kit';

const emulator = useEmulator();

/** Signed in with email + password (no phone). */
async function emailUser(): Promise<Phone & { email: string; id: string; token: string }> {
  const phone = launch(emulator());
  const email = newEmail('mail');
  await phone.client.registerByEmail(email, PASSWORD);
  const user = await phone.client.loginByEmail(email, PASSWORD);
  return { ...phone, email, id: user.id, token: user.token as string };
}

/** Signed in by SMS, with no password, no email, no username: the phone is the only way in. */
async function phoneOnlyUser(): Promise<Phone & { number: string; id: string; token: string }> {
  const phone = launch(emulator());
  const number = newPhoneNumber();
  const user = await phone.client.loginByPhoneCode(number, await smsCode(emulator(), phone.client, number));
  return { ...phone, number, id: user.id, token: user.token as string };
}

describe('phone', () => {
  it('bindPhone, updatePhone (old and new number verified), unbindPhone; the session stays throughout', async () => {
    const me = await emailUser();
    const first = newPhoneNumber();
    const bound = await me.client.bindPhone(first, await smsCode(emulator(), me.client, first));
    expect(bound).toMatchObject({ id: me.id, phone: first, phoneVerified: true });
    expect(me.sim.storage.peek('_authing_user')).toMatchObject({ id: me.id, phone: first });

    const second = newPhoneNumber();
    const newCode = await smsCode(emulator(), me.client, second);
    const oldCode = await smsCode(emulator(), me.client, first);
    await expect(me.client.updatePhone(second, newCode, first, oldCode)).resolves.toMatchObject({ id: me.id, phone: second });
    await expect(me.client.getCurrentUser()).resolves.toMatchObject({ phone: second });

    const unbound = await me.client.unbindPhone();
    expect(unbound).toMatchObject({ id: me.id, phone: null, email: me.email });
    expect(me.sim.storage.peek('_authing_user')).toMatchObject({ phone: null });
    expect(sessionOf(me)).toEqual({ token: me.token, stored: me.token, storedUserId: me.id });
    expect(me.errors).toEqual([]);
  });

  it('bindPhone when a phone is bound already is refused (2035): changing it is updatePhone', async () => {
    const me = await phoneOnlyUser();
    const other = newPhoneNumber();
    const failure = await failureOf(me.client.bindPhone(other, await smsCode(emulator(), me.client, other)));
    expect(failure.code).toBe(2035);
    expect(me.errors).toEqual([2035]);
    await expect(me.client.getCurrentUser()).resolves.toMatchObject({ phone: me.number });
  });

  it('updatePhone without the old number’s code is refused (2038)', async () => {
    const me = await phoneOnlyUser();
    const other = newPhoneNumber();
    const failure = await failureOf(me.client.updatePhone(other, await smsCode(emulator(), me.client, other)));
    expect(failure.code).toBe(2038);
    await expect(me.client.getCurrentUser()).resolves.toMatchObject({ phone: me.number });
  });

  it('bindPhone with a wrong SMS code is refused (2001)', async () => {
    const me = await emailUser();
    const number = newPhoneNumber();
    const code = await smsCode(emulator(), me.client, number);
    expect((await failureOf(me.client.bindPhone(number, code === '0000' ? '1111' : '0000'))).code).toBe(2001);
    await expect(me.client.getCurrentUser()).resolves.toMatchObject({ phone: null });
  });

  it('unbindPhone when the phone is the only way to sign in is refused (1001)', async () => {
    const me = await phoneOnlyUser();
    const failure = await failureOf(me.client.unbindPhone());
    expect(failure.code).toBe(1001);
    expect(me.errors).toEqual([1001]);
    await expect(me.client.getCurrentUser()).resolves.toMatchObject({ phone: me.number });
    expect(sessionOf(me).token).toBe(me.token);
  });
});

describe('email', () => {
  it('bindEmail, updateEmail (old and new address verified), unbindEmail; the session stays throughout', async () => {
    const me = await phoneOnlyUser();
    const first = newEmail('bind');
    const bound = await me.client.bindEmail(first, await emailCode(emulator(), me.client, first, EmailScenes.Bind));
    expect(bound).toMatchObject({ id: me.id, email: first, emailVerified: true });
    expect(me.sim.storage.peek('_authing_user')).toMatchObject({ email: first });

    const second = newEmail('moved');
    const newCode = await emailCode(emulator(), me.client, second, EmailScenes.Bind);
    const oldCode = await emailCode(emulator(), me.client, first, EmailScenes.Unbind);
    await expect(me.client.updateEmail(second, newCode, first, oldCode)).resolves.toMatchObject({ email: second, emailVerified: true });
    await expect(me.client.getCurrentUser()).resolves.toMatchObject({ email: second });

    const unbound = await me.client.unbindEmail();
    expect(unbound).toMatchObject({ id: me.id, email: null, phone: me.number });
    expect(sessionOf(me)).toEqual({ token: me.token, stored: me.token, storedUserId: me.id });
    expect(me.errors).toEqual([]);
  });

  it('bindEmail when an email is bound already is refused (409)', async () => {
    const me = await emailUser();
    const other = newEmail('second');
    const failure = await failureOf(me.client.bindEmail(other, await emailCode(emulator(), me.client, other, EmailScenes.Bind)));
    expect(failure.code).toBe(409);
    await expect(me.client.getCurrentUser()).resolves.toMatchObject({ email: me.email });
  });

  it('updateEmail with the wrong old address is refused (2037)', async () => {
    const me = await emailUser();
    const next = newEmail('next');
    const newCode = await emailCode(emulator(), me.client, next, EmailScenes.Bind);
    const failure = await failureOf(me.client.updateEmail(next, newCode, 'someone.else@example.com', '000000'));
    expect(failure.code).toBe(2037);
    await expect(me.client.getCurrentUser()).resolves.toMatchObject({ email: me.email });
  });

  it('unbindEmail when the email is the only way to sign in is refused (1001)', async () => {
    const me = await emailUser();
    const failure = await failureOf(me.client.unbindEmail());
    expect(failure.code).toBe(1001);
    await expect(me.client.getCurrentUser()).resolves.toMatchObject({ email: me.email });
  });

  it('with the email gone, the phone becomes the last way in and cannot be unbound', async () => {
    const me = await phoneOnlyUser();
    const email = newEmail('temp');
    await me.client.bindEmail(email, await emailCode(emulator(), me.client, email, EmailScenes.Bind));
    await me.client.unbindEmail();
    expect((await failureOf(me.client.unbindPhone())).code).toBe(1001);
  });
});

describe('custom data (udv)', () => {
  it('setUdv, listUdv, removeUdv: values keep their JavaScript types; getCurrentUser gives them as pairs', async () => {
    const me = await emailUser();
    const since = new Date('2024-05-01T08:30:00.000Z');
    await me.client.setUdv('school', 'ucla');
    await me.client.setUdv('age', 20);
    await me.client.setUdv('vip', true);
    await me.client.setUdv('since', since);
    const afterSet = await me.client.setUdv('prefs', { theme: 'dark', tags: ['a'] });
    expect(afterSet.map((item) => item.key).sort()).toEqual(['age', 'prefs', 'school', 'since', 'vip']);

    const listed = await me.client.listUdv();
    const values = Object.fromEntries(listed.map((item) => [item.key, item.value]));
    expect(values).toEqual({ school: 'ucla', age: 20, vip: true, since, prefs: { theme: 'dark', tags: ['a'] } });
    expect(typeof values.age).toBe('number');
    expect(typeof values.vip).toBe('boolean');
    expect(Object.prototype.toString.call(values.since)).toBe('[object Date]');
    expect(listed.find((item) => item.key === 'age')).toMatchObject({ key: 'age', dataType: 'NUMBER', value: 20 });

    const afterRemove = await me.client.removeUdv('age');
    expect(afterRemove.map((item) => item.key).sort()).toEqual(['prefs', 'school', 'since', 'vip']);
    expect((await me.client.listUdv()).some((item) => item.key === 'age')).toBe(false);

    const current = await me.client.getCurrentUser();
    expect(current?.customData).toMatchObject({ school: 'ucla', vip: true, prefs: { theme: 'dark', tags: ['a'] } });
    expect(current?.customData).not.toHaveProperty('age');
    expect(me.errors).toEqual([]);
  });

  it('setUdfValue, getUdfValue, removeUdfValue: the key-value form of the same data', async () => {
    const me = await emailUser();
    await me.client.setUdv('vip', true);
    await me.client.setUdfValue({ level: 3, school: 'mit', tags: ['x', 'y'] });
    await expect(me.client.getUdfValue()).resolves.toEqual({ vip: true, level: 3, school: 'mit', tags: ['x', 'y'] });
    await me.client.removeUdfValue('level');
    await expect(me.client.getUdfValue()).resolves.toEqual({ vip: true, school: 'mit', tags: ['x', 'y'] });
    expect(me.errors).toEqual([]);
  });

  it('registerByEmail(…, { customData }) saves custom data that the user reads back after signing in', async () => {
    const phone = launch(emulator());
    const email = newEmail('custom');
    await phone.client.registerByEmail(email, PASSWORD, {}, { customData: { plan: 'pro', seats: 3 } });
    await phone.client.loginByEmail(email, PASSWORD);
    const listed = await phone.client.listUdv();
    expect(Object.fromEntries(listed.map((item) => [item.key, item.value]))).toEqual({ plan: 'pro', seats: 3 });
  });

  it('custom data is the signed-in user’s own: another user does not see it', async () => {
    const ann = await emailUser();
    await ann.client.setUdv('secret', 'ann-only');
    const bob = await emailUser();
    expect((await bob.client.listUdv()).map((item) => item.key)).toEqual([]);
  });
});
