import { createWx } from '../../testing';
import { startEmulator, type RunningEmulator } from '../../emulator/src';
import { getJson, postJson } from '../support/http';

/**
 * The mini-program endpoints as a phone and Authing's servers exercise them: the simulator plays
 * the phone (wx.login, the buttons), plain HTTP plays the SDK's requests.
 */
const MP = '/connections/social/wechat-miniprogram';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

function phone(SDKVersion?: string) {
  return createWx({ emulator: emulator.url, appid: emulator.options.wechatAppId, SDKVersion });
}

async function wxLogin(wx: ReturnType<typeof phone>['wx']): Promise<string> {
  return new Promise((resolve, reject) => wx.login({ success: (r) => resolve(r.code), fail: reject }));
}

const headers = () => ({ 'x-authing-app-id': emulator.options.appId });
const post = (path: string, body: unknown) => postJson(`${emulator.url}${path}`, body, headers());

async function checkToken(token: string) {
  const { body } = await post('/graphql/v2', {
    query: 'query($t: String) { checkLoginStatus(token: $t) { status data { id } } }',
    variables: { t: token },
  });
  return body.data.checkLoginStatus;
}

describe('silent login (wx.login code)', () => {
  it('creates the user on first login, finds the same user next time, and issues tokens Authing verifies', async () => {
    const { wx } = phone();
    const first = await post(`${MP}/auth`, { code: await wxLogin(wx) });
    expect(first.body).toMatchObject({
      code: 200,
      data: {
        id: expect.any(String),
        openid: expect.any(String),
        token: expect.any(String),
        registerSource: ['social:wechat-miniprogram'],
      },
    });
    const second = await post(`${MP}/auth`, { code: await wxLogin(wx) });
    expect(second.body.data).toMatchObject({ id: first.body.data.id, loginsCount: 2 });
    expect(await checkToken(first.body.data.token)).toEqual({ status: true, data: { id: first.body.data.id } });
    expect(await checkToken(second.body.data.token)).toEqual({ status: true, data: { id: first.body.data.id } });
  });

  it('refuses the same code twice', async () => {
    const { wx } = phone();
    const code = await wxLogin(wx);
    expect((await post(`${MP}/auth`, { code })).body.code).toBe(200);
    expect((await post(`${MP}/auth`, { code })).body).toMatchObject({ code: 400, data: { errcode: 40163 } });
  });

  it('takes the getUserInfo data, verified: rawData with its signature, or iv + encryptedData', async () => {
    const { wx, sim } = phone();
    await wxLogin(wx); // the user exists on WeChat's side before the button is shown
    const code = await wxLogin(wx);
    const info = await sim.getUserInfo('allow');
    const signed = await post(`${MP}/auth`, { code, rawData: info.rawData, signature: info.signature });
    expect(signed.body).toMatchObject({ code: 200, data: { nickname: '微信用户' } });

    const code2 = await wxLogin(wx);
    const info2 = await sim.getUserInfo('allow');
    const forged = await post(`${MP}/auth`, {
      code: code2,
      rawData: (info2.rawData ?? '').replace('微信用户', 'Admin'),
      signature: info2.signature,
    });
    expect(forged.body).toMatchObject({ code: 400, message: 'rawData 签名校验失败' });

    const code3 = await wxLogin(wx);
    const info3 = await sim.getUserInfo('allow');
    const encrypted = await post(`${MP}/auth`, { code: code3, iv: info3.iv, encryptedData: info3.encryptedData });
    expect(encrypted.body).toMatchObject({ code: 200, data: { id: signed.body.data.id } });
  });
});

describe('phone login and getphone', () => {
  it('decrypts the phone when the code was obtained before the button fired', async () => {
    const { wx, sim } = phone();
    const code = await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13912345678' });
    const { body } = await post(`${MP}/auth-by-phone`, { code, iv: detail.iv, encryptedData: detail.encryptedData });
    expect(body).toMatchObject({ code: 200, data: { phone: '13912345678', phoneVerified: true, token: expect.any(String) } });
  });

  it('fails with a clear message when wx.login ran after the button (the session_key rotated)', async () => {
    const { wx, sim } = phone();
    await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow');
    const code = await wxLogin(wx);
    const { body } = await post(`${MP}/auth-by-phone`, { code, iv: detail.iv, encryptedData: detail.encryptedData });
    expect(body).toMatchObject({ code: 400, message: expect.stringContaining('session_key 已变更'), data: { reason: 'decrypt' } });
  });

  it('logs in with the new phone code (base library 2.21.2+) without any encryptedData', async () => {
    const { wx, sim } = phone('2.21.2');
    await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13700000001' });
    const { body } = await post(`${MP}/auth-by-phone`, { code: await wxLogin(wx), phoneCode: detail.code });
    expect(body).toMatchObject({ code: 200, data: { phone: '13700000001' } });
  });

  it('binds the phone to the existing WeChat user, and refuses a phone that belongs to someone else', async () => {
    const a = phone();
    const b = phone();
    const userA = (await post(`${MP}/auth`, { code: await wxLogin(a.wx) })).body.data;
    const codeA = await wxLogin(a.wx);
    const detailA = await a.sim.getPhoneNumber('allow', { phoneNumber: '13600000002' });
    const bound = await post(`${MP}/auth-by-phone`, { code: codeA, iv: detailA.iv, encryptedData: detailA.encryptedData });
    expect(bound.body.data).toMatchObject({ id: userA.id, phone: '13600000002' });

    // B logs in by phone first with another number, then WeChat says B's number is A's.
    const codeB = await wxLogin(b.wx);
    const detailB = await b.sim.getPhoneNumber('allow', { phoneNumber: '13600000003' });
    await post(`${MP}/auth-by-phone`, { code: codeB, iv: detailB.iv, encryptedData: detailB.encryptedData });
    const codeB2 = await wxLogin(b.wx);
    const clash = await b.sim.getPhoneNumber('allow', { phoneNumber: '13600000002' });
    const refused = await post(`${MP}/auth-by-phone`, { code: codeB2, iv: clash.iv, encryptedData: clash.encryptedData });
    expect(refused.body).toMatchObject({ code: 2026 });
  });

  it('getphone returns the number and registers no one', async () => {
    const { wx, sim } = phone();
    const code = await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13500000004' });
    const before = (await getJson(`${emulator.url}/__emulator/users`)).body.users.length;
    const { body } = await post(`${MP}/getphone`, { code, iv: detail.iv, encryptedData: detail.encryptedData });
    expect(body).toMatchObject({
      code: 200,
      data: { countryCode: '86', phoneNumber: '13500000004', purePhoneNumber: '13500000004', openid: sim.openid },
    });
    expect((await getJson(`${emulator.url}/__emulator/users`)).body.users.length).toBe(before);
  });

  it('refuses encrypted data made for another mini program (watermark appid)', async () => {
    const { wx, sim } = phone();
    const code = await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow', { watermarkAppId: 'wx0123456789abcdef' });
    const { body } = await post(`${MP}/getphone`, { code, iv: detail.iv, encryptedData: detail.encryptedData });
    expect(body).toMatchObject({ code: 400, data: { reason: 'watermark' } });
  });
});

describe('Authing v3 mini-program API', () => {
  it('signin-by-mobile with a code, and with code + phone code', async () => {
    const { wx, sim } = phone('3.0.0');
    const silent = await post('/api/v3/signin-by-mobile', {
      connection: 'wechat_mini_program_code',
      extIdpConnidentifier: 'wechat-miniprogram',
      wechatMiniProgramCodePayload: { code: await wxLogin(wx) },
      options: { scope: 'openid profile phone' },
    });
    expect(silent.body).toMatchObject({
      statusCode: 200,
      data: { access_token: expect.any(String), token_type: 'Bearer', scope: 'openid profile phone' },
    });
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13400000005' });
    const withPhone = await post('/api/v3/signin-by-mobile', {
      connection: 'wechat_mini_program_code_and_phone',
      wechatMiniProgramCodeAndPhonePayload: { wxLoginInfo: { code: await wxLogin(wx) }, wxPhoneInfo: { code: detail.code } },
    });
    expect(withPhone.body.statusCode).toBe(200);
    const status = await checkToken(withPhone.body.data.access_token);
    expect(status.status).toBe(true);
    const users = (await getJson(`${emulator.url}/__emulator/users`)).body.users;
    expect(users.find((u: { id: string }) => u.id === status.data.id)).toMatchObject({ phone: '13400000005', openid: sim.openid });
  });

  it('get-wechat-miniprogram-phone, once per phone code; unknown connections are refused', async () => {
    const { wx, sim } = phone('3.0.0');
    await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13300000006' });
    const first = await post('/api/v3/get-wechat-miniprogram-phone', { code: detail.code });
    expect(first.body).toEqual({
      statusCode: 200,
      message: '',
      data: { countryCode: '86', phoneNumber: '13300000006', purePhoneNumber: '13300000006' },
    });
    expect((await post('/api/v3/get-wechat-miniprogram-phone', { code: detail.code })).body).toMatchObject({
      statusCode: 400,
      data: { errcode: 40163 },
    });
    expect((await post('/api/v3/signin-by-mobile', { connection: 'password' })).body).toMatchObject({ statusCode: 400 });
  });
});

describe('session_key rotation policy', () => {
  it("'alternate' rotates on every other wx.login, so stale data decrypts only sometimes", async () => {
    const alt = await startEmulator({ port: 0, rotateSessionKey: 'alternate' });
    try {
      const { wx, sim } = createWx({ emulator: alt.url, appid: alt.options.wechatAppId });
      const login = () => new Promise<string>((resolve, reject) => wx.login({ success: (r) => resolve(r.code), fail: reject }));
      await login(); // 1st: creates the user
      const results: number[] = [];
      for (let i = 0; i < 4; i++) {
        const detail = await sim.getPhoneNumber('allow'); // made under the current key…
        const code = await login(); // …then a login that may rotate it
        const { body } = await postJson(`${alt.url}${MP}/getphone`, { code, iv: detail.iv, encryptedData: detail.encryptedData });
        results.push(body.code);
      }
      expect(results).toEqual([400, 200, 400, 200]);
    } finally {
      await alt.close();
    }
  });
});
