/**
 * authing-js-sdk's account families through the built full client on a simulated phone, against
 * the emulator: register and login variants (with the session each leaves), profile, password
 * change and reset.
 */
import { useEmulator } from '../support/emulator';
import {
  emailCode,
  EmailScenes,
  expectSignedInAs,
  expectSignedOut,
  failureOf,
  launch,
  newEmail,
  newPhoneNumber,
  newUsername,
  PASSWORD,
  sessionOf,
  smsCode,
} from './families.kit';

const emulator = useEmulator();

describe('register', () => {
  it('registerByEmail: the new user, token null, and no one signed in', async () => {
    const phone = launch(emulator());
    const email = newEmail('ann');
    const user = await phone.client.registerByEmail(email, PASSWORD);
    expect(user).toMatchObject({ id: expect.any(String), email, emailVerified: false, token: null, registerSource: ['basic:email'] });
    expectSignedOut(phone);
  });

  it('registerByEmail with { generateToken: true }: the user comes with a token and is signed in with it', async () => {
    const phone = launch(emulator());
    const email = newEmail('bea');
    const user = await phone.client.registerByEmail(email, PASSWORD, { nickname: 'Bea' }, { generateToken: true });
    expect(user).toMatchObject({ email, nickname: 'Bea', token: expect.any(String) });
    expectSignedInAs(phone, user);
    await expect(phone.client.checkLoginStatus()).resolves.toMatchObject({ status: true, data: { id: user.id } });
  });

  it('registerByUsername with a profile and { generateToken: true }', async () => {
    const phone = launch(emulator());
    const username = newUsername('cat');
    const user = await phone.client.registerByUsername(username, PASSWORD, { nickname: 'Cat' }, { generateToken: true });
    expect(user).toMatchObject({ username, nickname: 'Cat', registerSource: ['basic:username'], token: expect.any(String) });
    expectSignedInAs(phone, user);
    await expect(phone.client.getCurrentUser()).resolves.toMatchObject({ id: user.id, username });
  });

  it('registerByUsername without options leaves the session that was there', async () => {
    const phone = launch(emulator());
    const first = await phone.client.registerByUsername(newUsername('dan'), PASSWORD, {}, { generateToken: true });
    const second = await phone.client.registerByUsername(newUsername('eve'), PASSWORD);
    expect(second).toMatchObject({ token: null });
    expect(second.id).not.toBe(first.id);
    expectSignedInAs(phone, first);
  });

  it('registerByPhoneCode after sendSmsCode: a verified phone, the password set, signed in with { generateToken: true }', async () => {
    const phone = launch(emulator());
    const number = newPhoneNumber();
    const code = await smsCode(emulator(), phone.client, number);
    const user = await phone.client.registerByPhoneCode(number, code, PASSWORD, { nickname: 'Fay' }, { generateToken: true });
    expect(user).toMatchObject({ phone: number, phoneVerified: true, nickname: 'Fay', token: expect.any(String) });
    expectSignedInAs(phone, user);

    const elsewhere = launch(emulator());
    await expect(elsewhere.client.loginByPhonePassword(number, PASSWORD)).resolves.toMatchObject({ id: user.id });
  });

  it('registerByPhoneCode refuses a wrong SMS code with Authing’s 2001 and creates no one', async () => {
    const phone = launch(emulator());
    const number = newPhoneNumber();
    const code = await smsCode(emulator(), phone.client, number);
    const wrong = code === '0000' ? '1111' : '0000';
    const failure = await failureOf(phone.client.registerByPhoneCode(number, wrong));
    expect(failure.code).toBe(2001);
    expect(phone.errors).toEqual([2001]);
    // The right code still works: nothing was created by the failed attempt.
    await expect(phone.client.registerByPhoneCode(number, code)).resolves.toMatchObject({ phone: number, token: null });
  });
});

describe('login', () => {
  it('loginByEmail: the user with a token, kept in the client and in wx storage', async () => {
    const phone = launch(emulator());
    const email = newEmail('gus');
    const registered = await phone.client.registerByEmail(email, PASSWORD);
    const user = await phone.client.loginByEmail(email, PASSWORD);
    expect(user).toMatchObject({ id: registered.id, email, loginsCount: 1, token: expect.any(String) });
    expectSignedInAs(phone, user);
  });

  it('loginByEmail with { autoRegister: true } for an unknown email signs the account up and in', async () => {
    const phone = launch(emulator());
    const email = newEmail('auto');
    const user = await phone.client.loginByEmail(email, PASSWORD, { autoRegister: true });
    expect(user).toMatchObject({ email, newlyCreated: true, token: expect.any(String) });
    expectSignedInAs(phone, user);
    await expect(launch(emulator()).client.loginByEmail(email, PASSWORD)).resolves.toMatchObject({ id: user.id });
  });

  it('loginByUsername', async () => {
    const phone = launch(emulator());
    const username = newUsername('hal');
    const registered = await phone.client.registerByUsername(username, PASSWORD);
    const user = await phone.client.loginByUsername(username, PASSWORD);
    expect(user).toMatchObject({ id: registered.id, username, token: expect.any(String) });
    expectSignedInAs(phone, user);
  });

  it('loginByPhoneCode(phone, smsCode): authing-js-sdk’s SMS login into an existing account', async () => {
    const phone = launch(emulator());
    const number = newPhoneNumber();
    const registered = await phone.client.registerByPhoneCode(number, await smsCode(emulator(), phone.client, number));
    const user = await phone.client.loginByPhoneCode(number, await smsCode(emulator(), phone.client, number));
    expect(user).toMatchObject({ id: registered.id, phone: number, newlyCreated: false, token: expect.any(String) });
    expectSignedInAs(phone, user);
  });

  it('loginByPhoneCode for a number never seen signs it up, as Authing’s SMS login does', async () => {
    const phone = launch(emulator());
    const number = newPhoneNumber();
    const user = await phone.client.loginByPhoneCode(number, await smsCode(emulator(), phone.client, number));
    expect(user).toMatchObject({ phone: number, phoneVerified: true, newlyCreated: true, token: expect.any(String) });
    expectSignedInAs(phone, user);
  });

  it('loginByPhonePassword', async () => {
    const phone = launch(emulator());
    const number = newPhoneNumber();
    const registered = await phone.client.registerByPhoneCode(number, await smsCode(emulator(), phone.client, number), PASSWORD);
    const user = await phone.client.loginByPhonePassword(number, PASSWORD);
    expect(user).toMatchObject({ id: registered.id, phone: number, token: expect.any(String) });
    expectSignedInAs(phone, user);
  });

  it('a second login replaces the session with the new user’s', async () => {
    const phone = launch(emulator());
    const [a, b] = [newUsername('ida'), newUsername('jon')];
    await phone.client.registerByUsername(a, PASSWORD);
    await phone.client.registerByUsername(b, PASSWORD);
    const first = await phone.client.loginByUsername(a, PASSWORD);
    expectSignedInAs(phone, first);
    const second = await phone.client.loginByUsername(b, PASSWORD);
    expectSignedInAs(phone, second);
    await expect(phone.client.getCurrentUser()).resolves.toMatchObject({ id: second.id, username: b });
  });
});

describe('profile', () => {
  it('updateProfile returns the updated user, keeps the session and updates the stored user; getCurrentUser reads it back', async () => {
    const phone = launch(emulator());
    const email = newEmail('kim');
    await phone.client.registerByEmail(email, PASSWORD);
    const user = await phone.client.loginByEmail(email, PASSWORD);

    const updated = await phone.client.updateProfile({ nickname: 'Kim', company: 'Acme', gender: 'F' });
    expect(updated).toMatchObject({ id: user.id, nickname: 'Kim', company: 'Acme', gender: 'F' });
    expect(sessionOf(phone)).toEqual({ token: user.token, stored: user.token, storedUserId: user.id });
    expect(phone.sim.storage.peek('_authing_user')).toMatchObject({ nickname: 'Kim', company: 'Acme' });

    // Another launch of the app (fresh client, same token) sees the change at Authing.
    const relaunched = launch(emulator(), { storage: phone.sim.storage });
    await expect(relaunched.client.getCurrentUser()).resolves.toMatchObject({ id: user.id, nickname: 'Kim', company: 'Acme', gender: 'F' });
  });

  it('updateProfile cannot change the email (2018: that is bindEmail / updateEmail); nothing changes', async () => {
    const phone = launch(emulator());
    const email = newEmail('pia');
    await phone.client.registerByEmail(email, PASSWORD);
    const user = await phone.client.loginByEmail(email, PASSWORD);
    const failure = await failureOf(phone.client.updateProfile({ email: newEmail('other'), nickname: 'Pia' }));
    expect(failure.code).toBe(2018);
    expect(phone.errors).toEqual([2018]);
    await expect(phone.client.getCurrentUser()).resolves.toMatchObject({ email, nickname: null });
    expectSignedInAs(phone, user);
  });

  it('getCurrentUser when signed out: null, without a request', async () => {
    const phone = launch(emulator());
    await expect(phone.client.getCurrentUser()).resolves.toBeNull();
    expect(phone.sim.counters.requests).toEqual([]);
  });
});

describe('password', () => {
  it('updatePassword(new, old): the new password signs in, the old one fails with 2333, the session stays', async () => {
    const phone = launch(emulator());
    const email = newEmail('lea');
    await phone.client.registerByEmail(email, PASSWORD);
    const user = await phone.client.loginByEmail(email, PASSWORD);

    await expect(phone.client.updatePassword('n3w-passw0rd', PASSWORD)).resolves.toMatchObject({ id: user.id });
    expect(sessionOf(phone).token).toBe(user.token);
    await expect(phone.client.checkLoginStatus()).resolves.toMatchObject({ status: true });

    const other = launch(emulator());
    expect((await failureOf(other.client.loginByEmail(email, PASSWORD))).code).toBe(2333);
    await expect(other.client.loginByEmail(email, 'n3w-passw0rd')).resolves.toMatchObject({ id: user.id });
    expect(other.errors).toEqual([2333]);
  });

  it('updatePassword with a wrong old password is refused (2006) and the password is unchanged', async () => {
    const phone = launch(emulator());
    const email = newEmail('max');
    await phone.client.registerByEmail(email, PASSWORD);
    await phone.client.loginByEmail(email, PASSWORD);
    const failure = await failureOf(phone.client.updatePassword('n3w-passw0rd', 'not-the-old-one'));
    expect(failure.code).toBe(2006);
    await expect(launch(emulator()).client.loginByEmail(email, PASSWORD)).resolves.toMatchObject({ email });
  });

  it('resetPasswordByPhoneCode: sendSmsCode, reset, then only the new password signs in', async () => {
    const phone = launch(emulator());
    const number = newPhoneNumber();
    const user = await phone.client.registerByPhoneCode(
      number,
      await smsCode(emulator(), phone.client, number),
      PASSWORD,
      {},
      {
        generateToken: true,
      },
    );
    expectSignedInAs(phone, user);

    const forgetful = launch(emulator());
    const code = await smsCode(emulator(), forgetful.client, number);
    await expect(forgetful.client.resetPasswordByPhoneCode(number, code, 'r3set-passw0rd')).resolves.toEqual({
      code: 200,
      message: expect.any(String),
    });
    expect(sessionOf(forgetful).token).toBeNull();
    expect((await failureOf(forgetful.client.loginByPhonePassword(number, PASSWORD))).code).toBe(2333);
    await expect(forgetful.client.loginByPhonePassword(number, 'r3set-passw0rd')).resolves.toMatchObject({ id: user.id });

    // The reset ended the account's other sessions: the first phone finds itself signed out, not broken.
    await expect(phone.client.getCurrentUser()).resolves.toBeNull();
    expectSignedOut(phone);
  });

  it('resetPasswordByPhoneCode with a wrong code fails with 2001 and changes nothing', async () => {
    const phone = launch(emulator());
    const number = newPhoneNumber();
    await phone.client.registerByPhoneCode(number, await smsCode(emulator(), phone.client, number), PASSWORD);
    const code = await smsCode(emulator(), phone.client, number);
    const failure = await failureOf(phone.client.resetPasswordByPhoneCode(number, code === '0000' ? '1111' : '0000', 'r3set-passw0rd'));
    expect(failure.code).toBe(2001);
    await expect(phone.client.loginByPhonePassword(number, PASSWORD)).resolves.toMatchObject({ phone: number });
  });

  it('resetPasswordByEmailCode after sendEmail(email, RESET_PASSWORD)', async () => {
    const phone = launch(emulator());
    const email = newEmail('ned');
    const registered = await phone.client.registerByEmail(email, PASSWORD);
    const code = await emailCode(emulator(), phone.client, email, EmailScenes.ResetPassword);
    await expect(phone.client.resetPasswordByEmailCode(email, code, 'r3set-passw0rd')).resolves.toEqual({
      code: 200,
      message: expect.any(String),
    });
    expect((await failureOf(phone.client.loginByEmail(email, PASSWORD))).code).toBe(2333);
    await expect(phone.client.loginByEmail(email, 'r3set-passw0rd')).resolves.toMatchObject({ id: registered.id });
  });
});
