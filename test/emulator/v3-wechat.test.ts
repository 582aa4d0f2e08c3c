import { createWx } from '../../testing';
import { startEmulator, type RunningEmulator } from '../../emulator/src';
import { PROBE, v3Client, type TokenSet } from '../support/v3-client';

/** decrypt-wechat-miniprogram-data (no token, as Authing.decryptData sends it) and the WeChat access token. */
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
  it('gives a WeChat login a refresh token /oidc/token takes, rotating it, and keeps its customData', async () => {
    const { wx } = phone();
    const { body } = await api.post(
      '/api/v3/signin-by-mobile',
      {
        connection: 'wechat_mini_program_code',
        extIdpConnidentifier: emulator.options.wechatConnectionIdentifier,
        wechatMiniProgramCodePayload: { encryptedData: '', iv: '', code: await wxLogin(wx) },
        options: { scope: 'openid profile offline_access', customData: { channel: 'wechat' } },
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
    // LoginOptions.customData is kept for the user.
    expect((await api.profile(refreshed.body.access_token, { withCustomData: true })).body.data.customData).toEqual({ channel: 'wechat' });
    expect((await api.refresh(body.data.refresh_token)).body.error).toBe('invalid_grant');
  });
});

describe('decrypt-wechat-miniprogram-data', () => {
  it('decrypts the getPhoneNumber data with the session_key of the code, watermark and all', async () => {
    const { wx, sim } = phone();
    const code = await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13812345678' });
    // Authing.decryptData sends x-authing-userpool-id and no Authorization.
    const { body } = await api.pooled('/api/v3/decrypt-wechat-miniprogram-data', {
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

  it('refuses data from an older session_key, an unknown connection and a missing field; a token sent is no matter', async () => {
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
    const rotated = await api.pooled('/api/v3/decrypt-wechat-miniprogram-data', body);
    expect(rotated.body).toMatchObject({ statusCode: 400, data: { reason: 'decrypt' } });

    const unknown = await api.pooled('/api/v3/decrypt-wechat-miniprogram-data', { ...body, extIdpConnidentifier: 'nope' });
    expect(unknown.body).toMatchObject({ statusCode: 404 });
    const { iv: _iv, ...noIv } = body;
    expect((await api.pooled('/api/v3/decrypt-wechat-miniprogram-data', noIv, PROBE)).body.statusCode).toBe(400);

    // The node SDK sends its access token when it has one: the data still decrypts.
    const freshCode = await wxLogin(wx);
    const fresh = await sim.getPhoneNumber('allow');
    const withToken = await api.account('/api/v3/decrypt-wechat-miniprogram-data', login.access_token, {
      ...body,
      code: freshCode,
      iv: fresh.iv,
      encryptedData: fresh.encryptedData,
    });
    expect(withToken.body.statusCode).toBe(200);
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
