/**
 * The WeChat mini-program methods of the built full client on a simulated phone, against the
 * emulator (whose WeChat side rotates the session_key at every wx.login): silent login, the legacy
 * getUserInfo and getPhoneNumber data with the code obtained BEFORE the button, the new phone code,
 * getPhone / getPhoneByCode, and updateAvatar.
 */
import { makePng } from '../../testing';
import { useEmulator } from '../support/emulator';
import { emulatorUsers, expectSignedInAs, expectSignedOut, failureOf, launch, sessionOf, smsCode } from './families.kit';

const emulator = useEmulator();

/** Distinct numbers for the phone buttons of this suite. */
let phoneSeq = 0;
function pickedNumber(): string {
  phoneSeq++;
  return `1360000${String(phoneSeq).padStart(4, '0')}`;
}

describe('loginByCode', () => {
  it('silent: one wx.login, a new Authing user for this WeChat user, signed in', async () => {
    const phone = launch(emulator());
    const user = await phone.client.loginByCode();
    expect(phone.sim.counters.login).toBe(1);
    expect(user).toMatchObject({ openid: phone.sim.openid, registerSource: ['social:wechat-miniprogram'], token: expect.any(String) });
    expectSignedInAs(phone, user);
    await expect(phone.client.getCurrentUser()).resolves.toMatchObject({ id: user.id, openid: phone.sim.openid });

    // The same WeChat user again is the same Authing user.
    const again = await phone.client.loginByCode();
    expect(again.id).toBe(user.id);
    expectSignedInAs(phone, again);
  });

  it('with getUserInfo rawData (no signature: no Authing client sends one), the code prefetched before the button and taken by the core', async () => {
    const phone = launch(emulator());
    await phone.client.core.codes.prefetch();
    const detail = await phone.sim.getUserInfo('allow');
    const user = await phone.client.loginByCode(undefined, { rawData: detail.rawData });
    expect(phone.sim.counters.login).toBe(1);
    expect(user).toMatchObject({ openid: phone.sim.openid, nickname: detail.userInfo?.nickName, photo: detail.userInfo?.avatarUrl });
    expectSignedInAs(phone, user);
  });

  it('with getUserInfo iv + encryptedData, the code taken before the button and passed in', async () => {
    const phone = launch(emulator());
    await phone.client.core.codes.prefetch();
    const code = await phone.client.core.codes.take();
    const detail = await phone.sim.getUserInfo('allow');
    const user = await phone.client.loginByCode(code, { iv: detail.iv, encryptedData: detail.encryptedData });
    expect(phone.sim.counters.login).toBe(1);
    expect(user).toMatchObject({ openid: phone.sim.openid, nickname: detail.userInfo?.nickName, token: expect.any(String) });
    expectSignedInAs(phone, user);
  });

  it('a code used once is refused by WeChat: the login rejects, reported once, and the earlier session stays', async () => {
    const phone = launch(emulator());
    await phone.client.core.codes.prefetch();
    const code = await phone.client.core.codes.take();
    const user = await phone.client.loginByCode(code);
    const failure = await failureOf(phone.client.loginByCode(code));
    expect(failure.code).toBe(400);
    expect(failure.message).toContain('40163');
    expect(phone.errors).toEqual([400]);
    expectSignedInAs(phone, user);
  });
});

describe('phone number', () => {
  it('loginByPhone (legacy iv + encryptedData, code taken before the button): signed in with that phone', async () => {
    const phone = launch(emulator());
    await phone.client.core.codes.prefetch();
    const code = await phone.client.core.codes.take();
    const number = pickedNumber();
    const detail = await phone.sim.getPhoneNumber('allow', { phoneNumber: number });
    const user = await phone.client.loginByPhone(code, detail.iv as string, detail.encryptedData as string);
    expect(phone.sim.counters.login).toBe(1);
    expect(user).toMatchObject({ phone: number, phoneVerified: true, openid: phone.sim.openid, token: expect.any(String) });
    expectSignedInAs(phone, user);
  });

  it('loginByWechatPhoneCode(detail.code): signed in with that phone; the held wx.login code is used', async () => {
    const phone = launch(emulator());
    await phone.client.core.codes.prefetch();
    const number = pickedNumber();
    const detail = await phone.sim.getPhoneNumber('allow', { phoneNumber: number });
    const user = await phone.client.loginByWechatPhoneCode(detail.code as string);
    expect(phone.sim.counters.login).toBe(1);
    // A v3 login: the user comes from the id token's claims, the id token is the session token.
    expect(user).toMatchObject({ phone: number, phoneVerified: true, token: expect.any(String) });
    expectSignedInAs(phone, user);
    // authing-js-sdk's own calls run on that session: the v2 user behind it is the WeChat user.
    await expect(phone.client.getCurrentUser()).resolves.toMatchObject({ id: user.id, phone: number, openid: phone.sim.openid });
  });

  it('the phone of a WeChat login is the phone of an SMS login: the same Authing user', async () => {
    const phone = launch(emulator());
    await phone.client.core.codes.prefetch();
    const number = pickedNumber();
    const detail = await phone.sim.getPhoneNumber('allow', { phoneNumber: number });
    const wechat = await phone.client.loginByWechatPhoneCode(detail.code as string);
    const other = launch(emulator());
    const code = await smsCode(emulator(), other.client, number);
    await expect(other.client.loginByPhoneCode(number, code)).resolves.toMatchObject({ id: wechat.id, newlyCreated: false });
  });

  it('getPhone (legacy data, code taken before the button): the phone, and nobody registered or signed in', async () => {
    const phone = launch(emulator());
    await phone.client.core.codes.prefetch();
    const code = await phone.client.core.codes.take();
    const number = pickedNumber();
    const detail = await phone.sim.getPhoneNumber('allow', { phoneNumber: number });
    const usersBefore = (await emulatorUsers(emulator())).length;

    const info = await phone.client.getPhone(code, detail.iv as string, detail.encryptedData as string);
    expect(info).toEqual({
      countryCode: '86',
      phoneNumber: number,
      purePhoneNumber: number,
      openid: phone.sim.openid,
      unionid: expect.any(String),
    });
    expect((await emulatorUsers(emulator())).length).toBe(usersBefore);
    expectSignedOut(phone);
  });

  it('getPhoneByCode(detail.code): the phone, and nobody registered or signed in', async () => {
    const phone = launch(emulator());
    await phone.client.core.codes.prefetch();
    const number = pickedNumber();
    const detail = await phone.sim.getPhoneNumber('allow', { phoneNumber: number });
    const usersBefore = (await emulatorUsers(emulator())).length;

    const info = await phone.client.getPhoneByCode(detail.code as string);
    expect(info).toMatchObject({ countryCode: '86', phoneNumber: number, purePhoneNumber: number });
    expect((await emulatorUsers(emulator())).length).toBe(usersBefore);
    expectSignedOut(phone);

    // A phone code is single use.
    expect((await failureOf(phone.client.getPhoneByCode(detail.code as string))).code).toBe(400);
    expect(phone.errors).toEqual([400]);
  });
});

describe('updateAvatar', () => {
  it('chooseMedia pick → upload → photo saved: the URL serves the picked image, the session keeps its token', async () => {
    const phone = launch(emulator());
    const user = await phone.client.loginByCode();
    const png = makePng(3, 3, [200, 30, 30]);
    phone.sim.setNextPick({ data: png });

    const updated = await phone.client.updateAvatar();
    expect(updated.id).toBe(user.id);
    expect(updated.photo).toMatch(new RegExp(`^${emulator().url}/files/avatar/\\w+\\.png$`));
    expect(phone.sim.counters.uploads).toEqual([expect.objectContaining({ url: `${emulator().url}/api/v2/upload?folder=avatar` })]);
    const served = await fetch(updated.photo as string);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    expect(sessionOf(phone)).toEqual({ token: user.token, stored: user.token, storedUserId: user.id });
    expect(phone.sim.storage.peek('_authing_user')).toMatchObject({ photo: updated.photo });
    await expect(phone.client.getCurrentUser()).resolves.toMatchObject({ photo: updated.photo });
  });

  it('the chooseAvatar button’s temp path, given to updateAvatar, is uploaded without opening a picker', async () => {
    const phone = launch(emulator());
    await phone.client.loginByCode();
    const detail = await phone.sim.chooseAvatar('choose');
    const updated = await phone.client.updateAvatar(detail?.avatarUrl);
    expect(updated.photo).toMatch(new RegExp(`^${emulator().url}/files/avatar/`));
    expect(phone.sim.counters.uploads.map((upload) => upload.filePath)).toEqual([detail?.avatarUrl]);
  });

  it('the user closes the picker: rejects with CANCELLED; nothing uploaded, the photo unchanged', async () => {
    const phone = launch(emulator());
    const user = await phone.client.loginByCode();
    phone.sim.setNextPick('cancel');
    const failure = await failureOf(phone.client.updateAvatar());
    expect(failure).toBeInstanceOf(phone.full.AuthingError);
    expect(failure.code).toBe('CANCELLED');
    expect(phone.sim.counters.uploads).toEqual([]);
    await expect(phone.client.getCurrentUser()).resolves.toMatchObject({ photo: user.photo });
    expectSignedInAs(phone, { id: user.id, token: user.token });
  });
});
