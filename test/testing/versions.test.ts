import { compareVersion, createWx } from '../../testing';
import { APPID, NO_EMULATOR } from './local-server';

const phone = (SDKVersion?: string) => createWx({ emulator: NO_EMULATOR, appid: APPID, SDKVersion });

describe('compareVersion', () => {
  test.each([
    ['2.10.0', '2.9.9', 1],
    ['2.9.9', '2.10.0', -1],
    ['2.21.2', '2.21.2', 0],
    ['2.21', '2.21.0', 0],
    ['3.0.0', '2.99.99', 1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareVersion(a, b)).toBe(expected);
  });
});

describe('canIUse gated by SDKVersion', () => {
  test.each([
    ['button.open-type.chooseAvatar', '2.21.1', false],
    ['button.open-type.chooseAvatar', '2.21.2', true],
    ['input.type.nickname', '2.21.2', true],
    ['input.type.nickname', '2.20.0', false],
    ['chooseMedia', '2.9.4', false],
    ['chooseMedia', '2.10.0', true],
    ['getUserProfile', '2.10.3', false],
    ['getUserProfile', '2.10.4', true],
    ['getAppBaseInfo', '2.25.2', false],
    ['getAppBaseInfo', '2.25.3', true],
    ['getRandomValues', '2.14.9', false],
    ['getRandomValues', '2.15.0', true],
    ['button.open-type.getPhoneNumber', '2.0.0', true],
    ['button.open-type.getUserInfo', '2.0.0', true],
    ['login', '2.0.0', true],
    ['request', '2.0.0', true],
    ['uploadFile', '2.0.0', true],
    ['no.such.thing', '3.4.0', false],
  ])('canIUse(%s) on %s is %s', (schema, version, expected) => {
    const { wx } = phone(version);
    expect(wx.canIUse?.(schema)).toBe(expected);
  });
});

describe('APIs a base library lacks are absent', () => {
  test('2.9.0: no chooseMedia, getAppBaseInfo, getRandomValues, getUserProfile', () => {
    const { wx } = phone('2.9.0');
    for (const api of ['chooseMedia', 'getAppBaseInfo', 'getRandomValues', 'getUserProfile']) {
      expect(api in wx).toBe(false);
      expect((wx as unknown as Record<string, unknown>)[api]).toBeUndefined();
    }
    expect(typeof wx.chooseImage).toBe('function');
    expect(typeof wx.login).toBe('function');
  });

  test('3.4.0 (default) has them all', () => {
    const { wx, sim } = phone();
    expect(sim.SDKVersion).toBe('3.4.0');
    for (const api of ['chooseMedia', 'getAppBaseInfo', 'getRandomValues', 'getUserProfile', 'getAccountInfoSync', 'canIUse']) {
      expect(typeof (wx as unknown as Record<string, unknown>)[api]).toBe('function');
    }
  });

  test('below 2.10.2 an async API without callbacks returns no promise', async () => {
    const { wx } = phone('2.10.1');
    const ret = wx.getStorageInfo() as unknown;
    expect(ret).toBeUndefined();
    const { wx: modern } = phone('2.10.2');
    await expect(modern.getStorageInfo()).resolves.toMatchObject({ errMsg: 'getStorageInfo:ok' });
  });
});

describe('device and account info', () => {
  test('getAppBaseInfo and getSystemInfoSync report the configured base library', () => {
    const { wx } = createWx({ emulator: NO_EMULATOR, appid: APPID, SDKVersion: '2.30.0', platform: 'android' });
    expect(wx.getAppBaseInfo?.()).toMatchObject({ SDKVersion: '2.30.0', host: { env: 'WeChat' } });
    expect(wx.getSystemInfoSync()).toMatchObject({ SDKVersion: '2.30.0', platform: 'android' });
  });

  test('getAccountInfoSync gives the appid of a develop build', () => {
    const { wx } = phone();
    expect(wx.getAccountInfoSync?.()).toEqual({ miniProgram: { appId: APPID, envVersion: 'develop', version: '' } });
  });

  test('getRandomValues returns the requested number of secure random bytes', async () => {
    const { wx } = phone();
    const a = await wx.getRandomValues!({ length: 32 });
    const b = await wx.getRandomValues!({ length: 32 });
    expect(a.errMsg).toBe('getRandomValues:ok');
    expect(a.randomValues).toBeInstanceOf(ArrayBuffer);
    expect(a.randomValues.byteLength).toBe(32);
    expect(Buffer.from(a.randomValues).equals(Buffer.from(b.randomValues))).toBe(false);
    await expect(wx.getRandomValues!({ length: 0 })).rejects.toMatchObject({ errMsg: expect.stringMatching(/^getRandomValues:fail/) });
  });

  test('getUserProfile answers the anonymous profile WeChat gives today', async () => {
    const { wx } = phone();
    const r = await wx.getUserProfile!({ desc: '用于完善资料' });
    expect(r.userInfo.nickName).toBe('微信用户');
    expect(r.errMsg).toBe('getUserProfile:ok');
  });
});
