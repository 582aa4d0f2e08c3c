/**
 * The v3 account methods and WeChat helpers, end to end: each sends what Authing's mini-program SDK
 * sends (access token raw in Authorization), and what it changes shows in the shared session.
 */
import { ErrorCodes, getClient } from '../../lib/core';
import { bodiesTo, failureOf, headersTo, recordEvents, requestsTo, signInByPhone, useV3World } from './world';

const world = useV3World();
let seq = 0;
const nextPhone = (): string => `1360000${String(++seq).padStart(4, '0')}`;

describe('profile', () => {
  test('getUserInfo reads get-profile with the access token, raw, and the flags as query', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    const phone = await signInByPhone(world, authing, nextPhone());

    const profile = await authing.getUserInfo({ withIdentities: true });

    expect(profile).toMatchObject({ userId: authing.getUser()!.id, phone });
    const sent = sim.counters.requests.filter((r) => r.url.includes('/api/v3/get-profile')).pop()!;
    expect(sent.header.Authorization).toBe((await authing.getLoginState())!.access_token);
    expect(sent.data).toEqual({ withIdentities: 'true' });
  });

  test('updateUserInfo changes the profile and every client of the app sees it (USER_UPDATED)', async () => {
    world.phone();
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());
    const core = getClient({ appId: world.appId(), host: world.emulatorUrl() });
    const events = recordEvents(core);

    const updated = await authing.updateUserInfo({ nickname: 'Mei', gender: 'F' });

    expect(updated).toMatchObject({ nickname: 'Mei', gender: 'F' });
    expect(events).toEqual(['USER_UPDATED']);
    expect(core.getUser()).toMatchObject({ nickname: 'Mei', gender: 'F' });
    expect((await authing.getUserInfo()).nickname).toBe('Mei');
  });

  test('updateAvatar uploads the chooseAvatar temp file and saves its URL as the photo', async () => {
    const { sim } = world.phone({ SDKVersion: '2.21.2' });
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());
    const detail = await sim.chooseAvatar('choose');

    const updated = await authing.updateAvatar(detail!.avatarUrl);

    expect(updated.photo).toMatch(new RegExp(`^${world.emulatorUrl()}/files/avatar/`));
    expect(authing.getUser()!.photo).toBe(updated.photo);
    expect(bodiesTo(sim, '/api/v3/update-profile').pop()).toEqual({ photo: updated.photo });
  });

  test('account calls without a v3 session reject NOT_LOGGED_IN and send nothing', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    const launched = sim.counters.requests.length;
    const error = await failureOf(authing.updateUserInfo({ nickname: 'x' }));
    expect(error.code).toBe(ErrorCodes.NOT_LOGGED_IN);
    expect(sim.counters.requests).toHaveLength(launched);
  });

  test('updatePassword sends the new password RSA-encrypted; the new password then signs in', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    const phone = await signInByPhone(world, authing, nextPhone());

    await authing.updatePassword({ newPassword: 'N3w-passw0rd' });
    await authing.logout();
    await authing.loginByPassword({ phone, password: 'N3w-passw0rd' });

    const [sent] = bodiesTo(sim, '/api/v3/update-password') as Array<{ newPassword: string; passwordEncryptType: string }>;
    expect(sent.passwordEncryptType).toBe('rsa');
    expect(sent.newPassword).not.toContain('N3w');
    expect(authing.core.isLoggedIn()).toBe(true);
  });
});

describe('email and phone', () => {
  test('bindEmail by a CHANNEL_BIND_EMAIL code, then change it with updateEmailRequest + updateEmail', async () => {
    world.phone();
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());

    await authing.sendEmailCode({ email: 'li@example.com', channel: 'CHANNEL_BIND_EMAIL' });
    await authing.bindEmail({ email: 'li@example.com', passCode: await world.lastCode('li@example.com', 'CHANNEL_BIND_EMAIL') });
    expect((await authing.getUserInfo()).email).toBe('li@example.com');

    await authing.sendEmailCode({ email: 'li.new@example.com', channel: 'CHANNEL_UPDATE_EMAIL' });
    const { updateEmailToken } = await authing.updateEmailRequest({
      verifyMethod: 'EMAIL_PASSCODE',
      emailPassCodePayload: {
        newEmail: 'li.new@example.com',
        newEmailPassCode: await world.lastCode('li.new@example.com', 'CHANNEL_UPDATE_EMAIL'),
      },
    });
    await authing.updateEmail({ updateEmailToken });
    expect((await authing.getUserInfo()).email).toBe('li.new@example.com');
  });

  test('bindPhone on an email account, then change it with updatePhoneRequest + updatePhone', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    await authing.sendEmailCode({ email: 'wu@example.com', channel: 'CHANNEL_LOGIN' });
    await authing.loginByPassCode({ email: 'wu@example.com', passCode: await world.lastCode('wu@example.com', 'CHANNEL_LOGIN') });
    const phone = nextPhone();

    await authing.sendSms({ phoneNumber: phone, channel: 'CHANNEL_BIND_PHONE' });
    await authing.bindPhone({ phoneNumber: phone, passCode: await world.lastCode(phone, 'CHANNEL_BIND_PHONE') });
    expect((await authing.getUserInfo()).phone).toBe(phone);

    const newPhone = nextPhone();
    await authing.sendSms({ phoneNumber: newPhone, channel: 'CHANNEL_BIND_PHONE' });
    const { updatePhoneToken } = await authing.updatePhoneRequest({
      verifyMethod: 'PHONE_PASSCODE',
      phonePassCodePayload: { newPhoneNumber: newPhone, newPhonePassCode: await world.lastCode(newPhone, 'CHANNEL_BIND_PHONE') },
    });
    await authing.updatePhone({ updatePhoneToken });
    expect((await authing.getUserInfo()).phone).toBe(newPhone);
    expect(headersTo(sim, '/api/v3/update-phone')[0].Authorization).toBe((await authing.getLoginState())!.access_token);
  });
});

describe('deleting the account', () => {
  test('deleteAccountRequest + deleteAccount delete the user for real and end the session here', async () => {
    world.phone();
    const authing = world.client();
    const phone = await signInByPhone(world, authing, nextPhone());
    const oldId = authing.getUser()!.id;
    const events = recordEvents(authing.core);

    await authing.sendSms({ phoneNumber: phone, channel: 'CHANNEL_DELETE_ACCOUNT' });
    const { deleteAccountToken } = await authing.deleteAccountRequest({
      verifyMethod: 'PHONE_PASSCODE',
      phonePassCodePayload: { phoneNumber: phone, passCode: await world.lastCode(phone, 'CHANNEL_DELETE_ACCOUNT') },
    });
    await authing.deleteAccount({ deleteAccountToken });

    expect(events).toEqual(['SIGNED_OUT']);
    expect(authing.core.isLoggedIn()).toBe(false);
    // The same phone now signs up as someone new.
    await signInByPhone(world, authing, phone);
    expect(authing.getUser()!.id).not.toBe(oldId);
  });

  test('by password: the password travels RSA-encrypted', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());
    await authing.updatePassword({ newPassword: 'Del3te-me!' });

    const { deleteAccountToken } = await authing.deleteAccountRequest({
      verifyMethod: 'PASSWORD',
      passwordPayload: { password: 'Del3te-me!' },
    });
    await authing.deleteAccount({ deleteAccountToken });

    const [sent] = bodiesTo(sim, '/api/v3/verify-delete-account-request') as Array<{ passwordPayload: Record<string, string> }>;
    expect(sent.passwordPayload.passwordEncryptType).toBe('rsa');
    expect(sent.passwordPayload.password).not.toContain('Del3te');
    expect(authing.core.isLoggedIn()).toBe(false);
  });
});

describe('WeChat', () => {
  test('bindWxByCode links this WeChat user to the signed-in account: a WeChat login then signs into it', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());
    const accountId = authing.getUser()!.id;

    await authing.bindWxByCode();
    await authing.logout();
    await authing.loginByCode();

    expect(authing.getUser()!.id).toBe(accountId);
    const [sent] = bodiesTo(sim, '/connections/social/wechat-miniprogram/bind') as Array<Record<string, string>>;
    expect(Object.keys(sent).sort()).toEqual(['code', 'extIdpConnidentifier']);
    expect(headersTo(sim, '/connections/social/wechat-miniprogram/bind')[0].Authorization).toEqual(expect.any(String));
  });

  test('a WeChat user already bound to another account is refused, and the session stays', async () => {
    world.phone();
    const authing = world.client();
    await authing.loginByCode(); // this WeChat user has an account of its own
    await authing.logout();
    await signInByPhone(world, authing, nextPhone());
    const token = authing.core.getToken();

    const error = await failureOf(authing.bindWxByCode());

    expect(typeof error.code).toBe('number');
    expect(authing.core.getToken()).toBe(token);
  });

  test('getPhone reads the phone of a getPhoneNumber code and signs no one in', async () => {
    const { sim } = world.phone({ SDKVersion: '2.21.2' });
    const authing = world.client();
    await authing.core.codes.prefetch(); // the app's launch wx.login: the phone now has a WeChat user
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13912340000' });
    const info = await authing.getPhone(detail.code!);
    expect(info).toMatchObject({ phoneNumber: '13912340000' });
    expect(authing.core.isLoggedIn()).toBe(false);
  });

  test('loginByPhone signs in with the getPhoneNumber code as a refreshable v3 session', async () => {
    const { sim } = world.phone({ SDKVersion: '2.21.2' });
    const authing = world.client();
    await authing.core.codes.prefetch();
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13912340001' });
    const state = await authing.loginByPhone(detail.code!);
    expect(state.refresh_token).toEqual(expect.any(String));
    expect(authing.getUser()).toMatchObject({ phone: '13912340001' });
  });

  test('decryptData decrypts data made after the held wx.login code, with no wx.login after it was made', async () => {
    const { sim } = world.phone({ SDKVersion: '2.20.0' });
    const authing = world.client();
    await authing.core.codes.prefetch();
    const logins = sim.counters.login;
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13912340002' });

    const data = await authing.decryptData({ encryptedData: detail.encryptedData!, iv: detail.iv! });

    expect(data).toMatchObject({ phoneNumber: '13912340002', watermark: { appid: expect.any(String) } });
    const [sent] = bodiesTo(sim, '/api/v3/decrypt-wechat-miniprogram-data') as Array<Record<string, string>>;
    expect(Object.keys(sent).sort()).toEqual(['code', 'encryptedData', 'extIdpConnidentifier', 'iv']);
    expect(headersTo(sim, '/api/v3/decrypt-wechat-miniprogram-data')[0].Authorization).toBeUndefined();
    // The code was taken from before the data was made; the next one is fetched only afterwards.
    expect(requestsTo(sim, '/api/v3/decrypt-wechat-miniprogram-data')).toBe(1);
    expect(sim.counters.login).toBeGreaterThanOrEqual(logins);
  });
});
