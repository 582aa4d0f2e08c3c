import { createWx } from '../../testing';
import { startEmulator, type RunningEmulator } from '../../emulator/src';
import { getJson, postJson } from '../support/http-json';

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

  it('takes the getUserInfo profile: rawData as is (what the seed sends; Authing uses it as the profile), or iv + encryptedData', async () => {
    const { wx, sim } = phone();
    await wxLogin(wx); // the user exists on WeChat's side before the button is shown
    const code = await wxLogin(wx);
    const info = await sim.getUserInfo('allow');
    const raw = await post(`${MP}/auth`, { code, rawData: info.rawData });
    expect(raw.body).toMatchObject({ code: 200, data: { nickname: '微信用户' } });

    const code2 = await wxLogin(wx);
    const info2 = await sim.getUserInfo('allow');
    const encrypted = await post(`${MP}/auth`, { code: code2, iv: info2.iv, encryptedData: info2.encryptedData });
    expect(encrypted.body).toMatchObject({ code: 200, data: { id: raw.body.data.id, nickname: '微信用户' } });

    // Data made under another session_key does not decrypt: iv + encryptedData are proven, not trusted.
    const stale = await sim.getUserInfo('allow');
    await wxLogin(wx);
    const code3 = await wxLogin(wx);
    const refused = await post(`${MP}/auth`, { code: code3, iv: stale.iv, encryptedData: stale.encryptedData });
    expect(refused.body).toMatchObject({ code: 400, data: { reason: 'decrypt' } });
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

describe("Authing v3 mini-program API, as Authing's mini-program SDK calls it", () => {
  const identifier = () => emulator.options.wechatConnectionIdentifier;
  const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
  /** The body of Authing.loginByCode (packages/miniapp/src/Authing.ts), '' for the absent user info included. */
  const codeLogin = (code: string, scope?: string) => ({
    connection: 'wechat_mini_program_code',
    extIdpConnidentifier: identifier(),
    wechatMiniProgramCodePayload: { encryptedData: '', iv: '', code },
    ...(scope ? { options: { scope } } : {}),
  });
  const v3Get = (path: string, authorization: string) =>
    getJson(`${emulator.url}${path}`, { authorization, 'x-authing-userpool-id': emulator.options.userPoolId });

  it('signin-by-mobile answers a token set: distinct access and id tokens, refresh token only for offline_access', async () => {
    const { wx } = phone('3.0.0');
    const { body } = await post('/api/v3/signin-by-mobile', codeLogin(await wxLogin(wx), 'openid profile phone'));
    expect(body).toEqual({
      statusCode: 200,
      message: '',
      data: {
        access_token: expect.any(String),
        id_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: emulator.options.tokenTtlSeconds,
        scope: 'openid profile phone',
      },
    });
    const { access_token: access, id_token: id } = body.data;
    expect(access).not.toBe(id);
    const idClaims = claims(id);
    const accessClaims = claims(access);
    expect(idClaims).toMatchObject({
      aud: emulator.options.appId,
      sub: expect.any(String),
      data: { id: idClaims.sub },
      phone_number: null,
      nickname: null,
    });
    expect(accessClaims).toMatchObject({ sub: idClaims.sub, scope: 'openid profile phone' });
    expect(accessClaims.data).toBeUndefined();

    const offline = await post('/api/v3/signin-by-mobile', codeLogin(await wxLogin(wx), 'openid offline_access'));
    expect(offline.body.data).toMatchObject({ refresh_token: expect.any(String), scope: 'openid offline_access' });
    const plain = await post('/api/v3/signin-by-mobile', codeLogin(await wxLogin(wx)));
    expect(plain.body.data).toMatchObject({ scope: 'openid profile' });
    expect(plain.body.data.refresh_token).toBeUndefined();
  });

  it('the id token works wherever the v2 token does; get-profile takes the access token raw, as the SDK sends it', async () => {
    const { wx } = phone('3.0.0');
    const { body } = await post('/api/v3/signin-by-mobile', codeLogin(await wxLogin(wx)));
    const { access_token: access, id_token: id } = body.data;
    const userId = claims(id).sub;
    expect(await checkToken(id)).toEqual({ status: true, data: { id: userId } });
    const me = await postJson(
      `${emulator.url}/graphql/v2`,
      { query: 'query user($id: String) { user(id: $id) { id } }', variables: {} },
      { ...headers(), authorization: `Bearer ${id}` },
    );
    expect(me.body).toEqual({ data: { user: { id: userId } } });

    const profile = await v3Get('/api/v3/get-profile', access);
    expect(profile).toEqual({
      status: 200,
      body: {
        statusCode: 200,
        message: '',
        data: expect.objectContaining({
          userId,
          status: 'Activated',
          gender: 'U',
          phoneVerified: false,
          emailVerified: false,
          registerSource: ['social:wechat-miniprogram'],
        }),
      },
    });
    expect((await v3Get('/api/v3/get-profile', `Bearer ${access}`)).body.data.userId).toBe(userId);
    expect((await getJson(`${emulator.url}/api/v3/get-profile`, { 'x-emulator-probe': 'no token' })).body).toMatchObject({
      statusCode: 401,
      apiCode: 2020,
      requestId: expect.any(String),
    });

    expect(
      (await getJson(`${emulator.url}/api/v2/logout?app_id=${emulator.options.appId}`, { authorization: `Bearer ${id}` })).body,
    ).toMatchObject({ code: 200 });
    expect((await v3Get('/api/v3/get-profile', access)).body).toMatchObject({ statusCode: 401, apiCode: 2020 });
  });

  it('code + phone code logs in and binds the phone; a connection the app does not have is refused', async () => {
    const { wx, sim } = phone('3.0.0');
    await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13400000005' });
    const withPhone = await post('/api/v3/signin-by-mobile', {
      connection: 'wechat_mini_program_code_and_phone',
      extIdpConnidentifier: identifier(),
      wechatMiniProgramCodeAndPhonePayload: {
        wxPhoneInfo: { code: detail.code },
        wxLoginInfo: { encryptedData: '', iv: '', code: await wxLogin(wx) },
      },
      options: { scope: 'openid phone' },
    });
    expect(withPhone.body.statusCode).toBe(200);
    expect(claims(withPhone.body.data.id_token)).toMatchObject({ phone_number: '13400000005', phone_number_verified: true });
    const profile = await v3Get('/api/v3/get-profile', withPhone.body.data.access_token);
    expect(profile.body.data).toMatchObject({ phone: '13400000005', phoneVerified: true, phoneCountryCode: '+86' });

    const other = await postJson(
      `${emulator.url}/api/v3/signin-by-mobile`,
      { ...codeLogin(await wxLogin(wx)), extIdpConnidentifier: 'someone-elses' },
      { ...headers(), 'x-emulator-probe': 'unknown connection' },
    );
    expect(other).toMatchObject({ status: 404, body: { statusCode: 404, message: expect.stringContaining('someone-elses') } });
  });

  it("takes the Android SDK's signin-by-mobile body too (signInByWechatMiniProgram with AuthOptions)", async () => {
    const { wx, sim } = phone('3.0.0');
    await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13400000015' });
    const android = await postJson(
      `${emulator.url}/api/v3/signin-by-mobile`,
      {
        connection: 'wechat_mini_program_code_and_phone',
        extIdpConnidentifier: identifier(),
        wechatMiniProgramCodeAndPhonePayload: {
          wxLoginInfo: { encryptedData: '', iv: '', code: await wxLogin(wx) },
          wxPhoneInfo: { code: detail.code },
        },
        options: { scope: 'openid profile phone offline_access', autoRegister: false },
      },
      { ...headers(), 'x-authing-request-from': 'SDK-Android@1.0.0', 'x-authing-lang': 'zh-CN' },
    );
    expect(android.body).toMatchObject({ statusCode: 200, data: { refresh_token: expect.any(String) } });
  });

  it('get-wechat-miniprogram-phone answers phone_info, once per phone code', async () => {
    const { wx, sim } = phone('3.0.0');
    await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13300000006' });
    const body = { extIdpConnidentifier: identifier(), code: detail.code };
    const first = await post('/api/v3/get-wechat-miniprogram-phone', body);
    expect(first.body).toEqual({
      statusCode: 200,
      message: '',
      data: {
        phone_info: {
          countryCode: '86',
          phoneNumber: '13300000006',
          purePhoneNumber: '13300000006',
          watermark: { appid: emulator.options.wechatAppId, timestamp: expect.any(Number) },
        },
      },
    });
    const again = await postJson(`${emulator.url}/api/v3/get-wechat-miniprogram-phone`, body, {
      ...headers(),
      'x-emulator-probe': 'used code',
    });
    expect(again.body).toMatchObject({ statusCode: 400, data: { errcode: 40163 } });
  });

  it("public-config lists the app's WeChat mini-program connection and its identifier, as the Android SDK reads it", async () => {
    const { body } = await getJson(`${emulator.url}/api/v2/applications/${emulator.options.appId}/public-config`);
    expect(body).toMatchObject({
      code: 200,
      data: {
        userPoolId: emulator.options.userPoolId,
        ecConnections: [
          {
            type: 'wechat:miniprogram:default',
            identifier: emulator.options.wechatConnectionIdentifier,
            fields: { appId: emulator.options.wechatAppId },
          },
        ],
      },
    });
    const missing = await getJson(`${emulator.url}/api/v2/applications/000000000000000000000000/public-config`, {
      'x-emulator-probe': 'unknown app',
    });
    expect(missing).toMatchObject({ status: 404, body: { code: 2011 } });
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
