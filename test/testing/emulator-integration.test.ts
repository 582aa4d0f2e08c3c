import { createHash } from 'node:crypto';
import { startEmulator, decryptWechatData, type RunningEmulator } from '../../emulator/src';
import { createSimStorage, createWx, SESSION_EXPIRED, WxFail } from '../../testing';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, db: ':memory:' });
});
afterAll(() => emu.close());

function phone(opts: Partial<Parameters<typeof createWx>[0]> = {}) {
  return createWx({ emulator: emu.url, appid: emu.options.wechatAppId, ...opts });
}

type Wx = ReturnType<typeof phone>['wx'];

/** What the app's server does with a login code: GET /sns/jscode2session, here through wx.request. */
function code2Session(wx: Wx, code: string): Promise<{ openid?: string; session_key?: string; errcode?: number }> {
  const { wechatAppId, wechatSecret } = emu.options;
  return new Promise((resolve, reject) =>
    wx.request({
      url: `${emu.url}/sns/jscode2session`,
      data: { appid: wechatAppId, secret: wechatSecret, js_code: code, grant_type: 'authorization_code' },
      success: (r) => resolve(r.data as { openid?: string; session_key?: string; errcode?: number }),
      fail: reject,
    }),
  );
}

interface PhonePayload {
  phoneNumber: string;
  purePhoneNumber: string;
  watermark: { appid: string; timestamp: number };
}

describe('wx.login against the emulator', () => {
  test('mints a single-use code for a new user and remembers the openid', async () => {
    const { wx, sim } = phone();
    expect(sim.openid).toBeUndefined();
    const res = await wx.login();
    expect(res.errMsg).toBe('login:ok');
    expect(res.code).toEqual(expect.any(String));
    expect(sim.openid).toEqual(expect.any(String));
    expect(sim.counters.login).toBe(1);

    const session = await code2Session(wx, res.code);
    expect(session.openid).toBe(sim.openid);
    expect(session.session_key).toEqual(expect.any(String));
    expect((await code2Session(wx, res.code)).errcode).toBe(40163);
  });

  test('later logins on the same phone are the same WeChat user', async () => {
    const { wx, sim } = phone();
    await wx.login();
    const first = sim.openid;
    const again = await new Promise<{ code: string }>((resolve, reject) => wx.login({ success: resolve, fail: reject }));
    expect(sim.openid).toBe(first);
    expect((await code2Session(wx, again.code)).openid).toBe(first);
    expect(sim.counters.login).toBe(2);
  });

  test('an existing user given as openid logs in as that user (app relaunch)', async () => {
    const storage = createSimStorage();
    const first = phone({ storage });
    await first.wx.login();
    first.wx.setStorageSync('remembered', first.sim.openid);

    const relaunched = phone({ storage, openid: first.sim.openid });
    const { code } = await relaunched.wx.login();
    expect((await code2Session(relaunched.wx, code)).openid).toBe(relaunched.wx.getStorageSync('remembered'));
  });

  test('emulator errors surface as login:fail with the emulator’s message', async () => {
    const { wx } = phone({ appid: 'not-an-appid' });
    const err = await wx.login().catch((e: WxFail) => e);
    expect(err).toMatchObject({ errMsg: expect.stringMatching(/^login:fail .*\(emulator 400/) });
  });

  test('offline, wx.login fails', async () => {
    const { wx, sim } = phone();
    sim.setOffline(true);
    await expect(wx.login()).rejects.toMatchObject({ errMsg: expect.stringMatching(/^login:fail net::/) });
  });
});

describe('wx.checkSession', () => {
  test('fails before any login, succeeds after, fails once WeChat expires the session', async () => {
    const { wx, sim } = phone();
    await expect(wx.checkSession()).rejects.toEqual({ errMsg: SESSION_EXPIRED });
    await wx.login();
    await expect(wx.checkSession()).resolves.toEqual({ errMsg: 'checkSession:ok' });
    await sim.expireSession();
    await expect(wx.checkSession()).rejects.toEqual({ errMsg: SESSION_EXPIRED });
    await wx.login();
    await expect(wx.checkSession()).resolves.toEqual({ errMsg: 'checkSession:ok' });
    expect(sim.counters.checkSession).toBe(4);
  });
});

describe('getPhoneNumber button', () => {
  test('allow: encryptedData decrypts under the current session_key, with a code on 2.21.2+', async () => {
    const { wx, sim } = phone();
    const { code } = await wx.login();
    const { session_key } = await code2Session(wx, code);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13800138000' });
    expect(detail.errMsg).toBe('getPhoneNumber:ok');
    expect(detail.code).toEqual(expect.any(String));
    const data = decryptWechatData<PhonePayload>(detail.encryptedData!, detail.iv!, session_key!, emu.options.wechatAppId);
    expect(data.purePhoneNumber).toBe('13800138000');
    expect(data.watermark.appid).toBe(emu.options.wechatAppId);
  });

  test('old base libraries get no code', async () => {
    const { wx, sim } = phone({ SDKVersion: '2.21.1' });
    await wx.login();
    const detail = await sim.getPhoneNumber('allow');
    expect(detail).not.toHaveProperty('code');
    expect(detail.encryptedData).toEqual(expect.any(String));
  });

  test('a wx.login after the tap rotates session_key: the earlier encryptedData no longer decrypts', async () => {
    const { wx, sim } = phone();
    await wx.login();
    const detail = await sim.getPhoneNumber('allow');
    const { code } = await wx.login(); // the mistake: logging in inside the button callback
    const { session_key } = await code2Session(wx, code);
    expect(() => decryptWechatData(detail.encryptedData!, detail.iv!, session_key!, emu.options.wechatAppId)).toThrow();
  });
});

describe('getUserInfo button', () => {
  test('allow: rawData is signed with the session_key and the payload decrypts', async () => {
    const { wx, sim } = phone();
    const { code } = await wx.login();
    const { session_key } = await code2Session(wx, code);
    const detail = await sim.getUserInfo('allow');
    expect(detail.errMsg).toBe('getUserInfo:ok');
    expect(detail.signature).toBe(
      createHash('sha1')
        .update(detail.rawData! + session_key!)
        .digest('hex'),
    );
    expect(detail.userInfo?.nickName).toEqual(expect.any(String));
    const data = decryptWechatData<{ openId: string; watermark: { appid: string; timestamp: number } }>(
      detail.encryptedData!,
      detail.iv!,
      session_key!,
      emu.options.wechatAppId,
    );
    expect(data.openId).toBe(sim.openid);
  });

  test('an openid the emulator does not know rejects with its message', async () => {
    const { sim } = phone({ openid: 'o_never_logged_in' });
    await expect(sim.getUserInfo('allow')).rejects.toThrow(/call wx.login first/);
  });
});
