import { createWx } from '../../testing';
import { startEmulator, type RunningEmulator } from '../../emulator/src';
import { PROBE, v3Client, type TokenSet } from '../support/v3-client';

/** decrypt-wechat-miniprogram-data and the WeChat access token, for a user signed in on v3. */
let emulator: RunningEmulator;
let api: ReturnType<typeof v3Client>;
let login: TokenSet;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  api = v3Client(emulator);
  login = await api.phoneUser('13300000001');
});
afterAll(() => emulator.close());

function phone() {
  return createWx({ emulator: emulator.url, appid: emulator.options.wechatAppId });
}
async function wxLogin(wx: ReturnType<typeof phone>['wx']): Promise<string> {
  return new Promise((resolve, reject) => wx.login({ success: (r) => resolve(r.code), fail: reject }));
}

describe('signin-by-mobile with offline_access', () => {
  it('gives a WeChat login a refresh token /oidc/token takes, rotating it', async () => {
    const { wx } = phone();
    const { body } = await api.post(
      '/api/v3/signin-by-mobile',
      {
        connection: 'wechat_mini_program_code',
        extIdpConnidentifier: emulator.options.wechatConnectionIdentifier,
        wechatMiniProgramCodePayload: { encryptedData: '', iv: '', code: await wxLogin(wx) },
        options: { scope: 'openid profile offline_access' },
      },
      { 'x-authing-app-id': emulator.options.appId },
    );
    const refreshed = await api.refresh(body.data.refresh_token);
    expect(refreshed.body).toMatchObject({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      scope: 'openid profile offline_access',
    });
    const before = (await api.profile(body.data.access_token)).body.data.userId;
    expect((await api.profile(refreshed.body.access_token)).body.data.userId).toBe(before);
    expect((await api.refresh(body.data.refresh_token)).body.error).toBe('invalid_grant');
  });
});

describe('decrypt-wechat-miniprogram-data', () => {
  it('decrypts the getPhoneNumber data with the session_key of the code, watermark and all', async () => {
    const { wx, sim } = phone();
    const code = await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13812345678' });
    const { body } = await api.account('/api/v3/decrypt-wechat-miniprogram-data', login.access_token, {
      code,
      iv: detail.iv,
      encryptedData: detail.encryptedData,
      extIdpConnidentifier: emulator.options.wechatConnectionIdentifier,
    });
    expect(body).toMatchObject({
      statusCode: 200,
      data: {
        phoneNumber: '13812345678',
        purePhoneNumber: '13812345678',
        countryCode: '86',
        watermark: { appid: emulator.options.wechatAppId },
      },
    });
  });

  it('refuses data from an older session_key, an unknown connection, a missing field and no token', async () => {
    const { wx, sim } = phone();
    await wxLogin(wx);
    const stale = await sim.getPhoneNumber('allow');
    const code = await wxLogin(wx);
    const body = {
      code,
      iv: stale.iv,
      encryptedData: stale.encryptedData,
      extIdpConnidentifier: emulator.options.wechatConnectionIdentifier,
    };
    const rotated = await api.account('/api/v3/decrypt-wechat-miniprogram-data', login.access_token, body);
    expect(rotated.body).toMatchObject({ statusCode: 400, data: { reason: 'decrypt' } });

    const unknown = await api.account('/api/v3/decrypt-wechat-miniprogram-data', login.access_token, {
      ...body,
      extIdpConnidentifier: 'nope',
    });
    expect(unknown.body).toMatchObject({ statusCode: 404 });
    const { iv: _iv, ...noIv } = body;
    expect((await api.account('/api/v3/decrypt-wechat-miniprogram-data', login.access_token, noIv, PROBE)).body.statusCode).toBe(400);
    expect((await api.post('/api/v3/decrypt-wechat-miniprogram-data', body, PROBE)).status).toBe(401);
  });
});

describe('get-wechat-access-token(-info)', () => {
  it("answers the access token Authing's server caches, on both paths, for the mini program's own appId and secret", async () => {
    const credentials = { appId: emulator.options.wechatAppId, appSecret: emulator.options.wechatSecret };
    const old = await api.account('/api/v3/get-wechat-access-token', login.access_token, credentials);
    const info = await api.account('/api/v3/get-wechat-access-token-info', login.access_token, credentials);
    expect(old.body).toMatchObject({
      statusCode: 200,
      data: { accessToken: expect.any(String), expiresAt: expect.stringMatching(/^\d+$/) },
    });
    expect(info.body.data).toEqual(old.body.data);
    expect(Number(old.body.data.expiresAt) * 1000).toBeGreaterThan(Date.now());

    const wrong = await api.account('/api/v3/get-wechat-access-token-info', login.access_token, {
      ...credentials,
      appSecret: 'x'.repeat(32),
    });
    expect(wrong.body.statusCode).toBe(400);
    expect(JSON.stringify(wrong.body)).not.toContain(emulator.options.wechatSecret);
  });
});
