import { createWx } from '../../testing';
import { PROBE, v3Suite, type TokenSet } from '../support/v3-client';

/**
 * POST /connections/social/wechat-miniprogram/bind as Authing.bindWxByCode sends it: the signed-in
 * user's raw access token, x-authing-userpool-id, body {code, ...BindWxByCodeOptions}; the SDK takes
 * the reply as success only when it carries statusCode 200.
 */
const suite = v3Suite('1380000');
const BIND = '/connections/social/wechat-miniprogram/bind';

/** A phone with its own WeChat user on it. */
function phone() {
  return createWx({ emulator: suite.emulator.url, appid: suite.emulator.options.wechatAppId });
}
async function wxLogin(wx: ReturnType<typeof phone>['wx']): Promise<string> {
  return new Promise((resolve, reject) => wx.login({ success: (r) => resolve(r.code), fail: reject }));
}
const bind = async (login: TokenSet, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  (await suite.api.account(BIND, login.access_token, body, headers)).body;
/** The example apps' call: bindWxByCode({ extIdpConnidentifier }), the SDK adding the code. */
const bindBody = (code: string) => ({ code, extIdpConnidentifier: suite.emulator.options.wechatConnectionIdentifier });
/** Authing.loginByCode on the same phone. */
async function wechatLogin(wx: ReturnType<typeof phone>['wx']) {
  const { body } = await suite.api.post(
    '/api/v3/signin-by-mobile',
    {
      connection: 'wechat_mini_program_code',
      extIdpConnidentifier: suite.emulator.options.wechatConnectionIdentifier,
      wechatMiniProgramCodePayload: { encryptedData: '', iv: '', code: await wxLogin(wx) },
    },
    { 'x-authing-app-id': suite.emulator.options.appId },
  );
  return body.data as TokenSet;
}
const userIdOf = async (login: TokenSet) => (await suite.api.profile(login.access_token)).body.data.userId as string;

describe('binding WeChat to a signed-in account', () => {
  it('binds the openid of the code, so a WeChat login afterwards signs in to that same account', async () => {
    const account = await suite.api.phoneUser(suite.nextPhone());
    const { wx, sim } = phone();
    const reply = await bind(account, bindBody(await wxLogin(wx)));
    expect(reply).toEqual({
      statusCode: 200,
      message: expect.any(String),
      data: expect.objectContaining({
        userId: await userIdOf(account),
        identities: [expect.objectContaining({ provider: 'wechat', type: 'openid', userIdInIdp: sim.openid })],
      }),
    });
    const viaWechat = await wechatLogin(wx);
    expect(await userIdOf(viaWechat)).toBe(await userIdOf(account));
    const identities = (await suite.api.profile(account.access_token, { withIdentities: true })).body.data.identities;
    expect(identities).toEqual([expect.objectContaining({ userIdInIdp: sim.openid })]);
  });

  it('binds the same WeChat again without change, and takes the user info sent with the code as the profile', async () => {
    const account = await suite.api.phoneUser(suite.nextPhone());
    const { wx, sim } = phone();
    await bind(account, bindBody(await wxLogin(wx)));
    const code = await wxLogin(wx);
    const info = await sim.getUserInfo('allow');
    const again = await bind(account, { ...bindBody(code), iv: info.iv, encryptedData: info.encryptedData });
    expect(again).toMatchObject({ statusCode: 200, data: { nickname: '微信用户', identities: [{ userIdInIdp: sim.openid }] } });
    // Without extIdpConnidentifier (it is optional in BindWxByCodeOptions): the app's one connection.
    const bare = await bind(account, { code: await wxLogin(wx) });
    expect(bare.data.identities).toHaveLength(1);
  });

  it("refuses a WeChat another user holds, in v3's error envelope, and leaves it with its holder", async () => {
    const { wx, sim } = phone();
    const holder = await wechatLogin(wx); // the WeChat login created its own user
    const other = await suite.api.phoneUser(suite.nextPhone());
    const refused = await suite.api.account(BIND, other.access_token, bindBody(await wxLogin(wx)));
    expect(refused).toEqual({
      status: 409,
      body: { statusCode: 409, apiCode: 2026, message: expect.any(String), requestId: expect.stringMatching(/^[0-9a-f]{32}$/), data: null },
    });
    expect((await suite.api.profile(other.access_token, { withIdentities: true })).body.data.identities).toEqual([]);
    expect(await userIdOf(await wechatLogin(wx))).toBe(await userIdOf(holder));
    expect(sim.openid).toEqual(expect.any(String));
  });

  it('refuses a second WeChat for an account that has one', async () => {
    const account = await suite.api.phoneUser(suite.nextPhone());
    const first = phone();
    await bind(account, bindBody(await wxLogin(first.wx)));
    const second = phone();
    const refused = await bind(account, bindBody(await wxLogin(second.wx)));
    expect(refused).toMatchObject({ statusCode: 409, apiCode: 409 });
    const identities = (await suite.api.profile(account.access_token, { withIdentities: true })).body.data.identities;
    expect(identities).toEqual([expect.objectContaining({ userIdInIdp: first.sim.openid })]);
  });

  it('refuses no token, a dead code, an unknown connection and fields BindWxByCodeOptions lacks', async () => {
    const account = await suite.api.phoneUser(suite.nextPhone());
    const { wx } = phone();
    const code = await wxLogin(wx);
    const anonymous = await suite.api.pooled(BIND, bindBody(code), PROBE);
    expect(anonymous).toMatchObject({ status: 401, body: { statusCode: 401, apiCode: 2020 } });
    const connection = await bind(account, { code, extIdpConnidentifier: 'nope' });
    expect(connection).toMatchObject({ statusCode: 404 });
    expect(await bind(account, bindBody('not-a-code'))).toMatchObject({ statusCode: 400, data: { errcode: 40029 } });
    expect(await bind(account, { ...bindBody(code), signature: 's' }, PROBE)).toMatchObject({ statusCode: 400, apiCode: 400 });
    expect(await bind(account, { extIdpConnidentifier: 'my-wxapp' }, PROBE)).toMatchObject({ statusCode: 400 });
    // None of it bound anything.
    expect((await suite.api.profile(account.access_token, { withIdentities: true })).body.data.identities).toEqual([]);
  });
});
