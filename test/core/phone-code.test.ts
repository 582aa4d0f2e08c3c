/**
 * The getPhoneNumber button's `code` (base library 2.21.2+): no encryptedData, so no session_key race.
 * Sent as Authing's own clients send it: v3 `signin-by-mobile` / `get-wechat-miniprogram-phone`,
 * naming the app's WeChat mini-program identity source (`extIdpConnidentifier`).
 */
import { ErrorCodes, OIDC_KEY, TOKEN_KEY, type AuthCore, type AuthEvent } from '../../lib/core';
import type { Sim } from '../../testing';
import { emulatorUsers, failureOf, json, recordEvents, requestsTo, startFakeServer, useWorld } from './world';

const world = useWorld({ rotateSessionKey: 'always' });

const SIGNIN = '/api/v3/signin-by-mobile';
const PUBLIC_CONFIG = (appId: string): string => `/api/v2/applications/${appId}/public-config`;

function bodiesTo(sim: Sim, path: string): unknown[] {
  return sim.counters.requests.filter((r) => new URL(r.url).pathname === path).map((r) => r.data);
}

/** Resolves once the core has emitted `event` (the profile read after a v3 login arrives as USER_UPDATED). */
function nextEvent(core: AuthCore, event: AuthEvent): Promise<void> {
  return new Promise((resolve) => {
    const off = core.onAuthStateChange((e) => {
      if (e === event) {
        off();
        resolve();
      }
    });
  });
}

describe('phone code login (v3 signin-by-mobile)', () => {
  test('sends exactly what Authing’s mini-program SDK sends, and signs in the user with the phone', async () => {
    const { sim } = world.phone({ SDKVersion: '2.21.2' });
    const core = world.core();
    const events = recordEvents(core);
    const profileRead = nextEvent(core, 'USER_UPDATED');
    await core.codes.prefetch();
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13700137001' });

    const user = await core.loginByPhoneCode(detail.code!);

    const info = (await (await fetch(`${world.emulator().url}/__emulator/info`)).json()) as { wechatConnectionIdentifier: string };
    const [sent] = sim.counters.requests.filter((r) => new URL(r.url).pathname === SIGNIN);
    expect(sent.method).toBe('POST');
    expect(sent.data).toEqual({
      connection: 'wechat_mini_program_code_and_phone',
      extIdpConnidentifier: info.wechatConnectionIdentifier,
      wechatMiniProgramCodeAndPhonePayload: {
        wxPhoneInfo: { code: detail.code },
        wxLoginInfo: { code: expect.any(String), iv: '', encryptedData: '' },
      },
      options: { scope: 'openid profile email phone username offline_access' },
    });
    expect(sent.header['x-authing-app-id']).toBe(world.emulator().options.appId);
    expect(sent.header.Authorization).toBeUndefined();
    expect(requestsTo(sim, '/connections/social/wechat-miniprogram/auth-by-phone')).toBe(0);

    expect(user.phone).toBe('13700137001');
    expect(user.id).toEqual(expect.any(String));
    expect(core.getUser()?.phone).toBe('13700137001');
    expect(sim.counters.login).toBe(1);

    // Then the full profile, read as Authing's own client reads it, with the access token.
    await profileRead;
    expect(events).toEqual(['SIGNED_IN', 'USER_UPDATED']);
    const [profileRequest] = sim.counters.requests.filter((r) => new URL(r.url).pathname === '/api/v3/get-profile');
    expect(profileRequest.header.Authorization).toBe(core.session.getAccessToken());
    expect(core.getUser()).toMatchObject({ id: user.id, phone: '13700137001', token: user.token });
  });

  test('the session token is the id token; the access token is kept beside it and survives a relaunch', async () => {
    const { sim } = world.phone();
    const core = world.core();
    await core.codes.prefetch();
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13700137011' });

    const user = await core.loginByPhoneCode(detail.code!);

    const accessToken = core.session.getAccessToken();
    expect(accessToken).toEqual(expect.any(String));
    expect(accessToken).not.toBe(user.token);
    expect(core.getToken()).toBe(user.token);
    expect(sim.storage.read(TOKEN_KEY)).toMatchObject({ found: true, value: user.token });
    expect(sim.storage.read(OIDC_KEY)).toMatchObject({ found: true, value: { accessToken } });

    const relaunched = world.phone({ storage: sim.storage });
    const again = world.core();
    expect(relaunched.sim.storage).toBe(sim.storage);
    expect(again.getToken()).toBe(user.token);
    expect(again.session.getAccessToken()).toBe(accessToken);
  });

  test('every later call works on that session: getCurrentUser, updateProfile, checkLoginStatus, logout', async () => {
    const { sim } = world.phone();
    const core = world.core();
    await core.codes.prefetch();
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13700137012' });
    const user = await core.loginByPhoneCode(detail.code!);

    await expect(core.getCurrentUser()).resolves.toMatchObject({ id: user.id, phone: '13700137012' });
    await expect(core.updateProfile({ nickname: 'v3 用户' })).resolves.toMatchObject({ id: user.id, nickname: 'v3 用户' });
    await expect(core.checkLoginStatus()).resolves.toMatchObject({ status: true });

    await core.logout();
    expect(core.isLoggedIn()).toBe(false);
    expect(core.session.getAccessToken()).toBeNull();
    expect(sim.storage.has(OIDC_KEY)).toBe(false);
  });

  test('a v2 login after a v3 login leaves one session: the v3 access token is gone', async () => {
    const { wx, sim } = world.phone();
    await wx.login();
    const core = world.core();
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13700137013' });
    const phoneUser = await core.loginByPhoneCode(detail.code!);

    const silent = await core.loginByCode();

    expect(silent.id).toBe(phoneUser.id);
    expect(core.getToken()).toBe(silent.token);
    expect(core.session.getAccessToken()).toBeNull();
    expect(sim.storage.has(OIDC_KEY)).toBe(false);
  });

  test('the identity source is looked up once per client, before the tap when asked to, and never when given', async () => {
    const appId = world.emulator().options.appId;
    const first = world.phone();
    await first.wx.login(); // this phone's WeChat user
    const core = world.core();
    void core.prefetchConnection();
    await core.connection.identifier();
    expect(requestsTo(first.sim, PUBLIC_CONFIG(appId))).toBe(1);
    await core.loginByPhoneCode((await first.sim.getPhoneNumber('allow')).code!);
    await core.loginByPhoneCode((await first.sim.getPhoneNumber('allow')).code!);
    expect(requestsTo(first.sim, PUBLIC_CONFIG(appId))).toBe(1);

    const info = (await (await fetch(`${world.emulator().url}/__emulator/info`)).json()) as { wechatConnectionIdentifier: string };
    const second = world.phone();
    await second.wx.login();
    const configured = world.core({ extIdpConnidentifier: info.wechatConnectionIdentifier });
    await configured.loginByPhoneCode((await second.sim.getPhoneNumber('allow')).code!);
    expect(requestsTo(second.sim, PUBLIC_CONFIG(appId))).toBe(0);
  });

  test('an app without a WeChat mini-program identity source gets a coded error naming the console setting', async () => {
    const fake = await startFakeServer((req) =>
      req.path.endsWith('/public-config')
        ? json({ code: 200, message: '', data: { ecConnections: [{ type: 'wechat:pc', identifier: 'web-wechat' }] } })
        : json({ code: 500, message: 'unexpected' }),
    );
    try {
      const { sim } = world.phone();
      const errors: unknown[] = [];
      const core = world.core({ host: fake.url, onError: (code) => errors.push(code) });
      await core.codes.prefetch();
      const detail = await sim.getPhoneNumber('allow');

      const error = await failureOf(core.loginByPhoneCode(detail.code!));

      expect(error.code).toBe(ErrorCodes.MINIPROGRAM_CONNECTION_MISSING);
      expect(error.message).toMatch(/身份源/);
      expect(error.message).toMatch(/extIdpConnidentifier/);
      expect(errors).toEqual([ErrorCodes.MINIPROGRAM_CONNECTION_MISSING]);
      expect(fake.received.map((r) => r.path)).toEqual([PUBLIC_CONFIG(world.emulator().options.appId)]);
      // The held login code was not spent on a request that could not be made.
      expect(core.codes.hasFreshCode()).toBe(true);
    } finally {
      await fake.close();
    }
  });

  test('below 2.21.2 the button gives no code, and loginByPhoneCode refuses it without touching the held code', async () => {
    const { sim } = world.phone({ SDKVersion: '2.21.1' });
    const core = world.core();
    await core.codes.prefetch();
    const detail = await sim.getPhoneNumber('allow');
    expect(detail.code).toBeUndefined();
    const requestsBefore = sim.counters.requests.length;

    const error = await failureOf(core.loginByPhoneCode(detail.code as string));

    expect(error.code).toBe(ErrorCodes.INVALID_ARGUMENT);
    expect(sim.counters.requests.length).toBe(requestsBefore);
    // The held code must still serve the legacy fallback that follows (iv + encryptedData of this same tap).
    const user = await core.loginByPhone(await core.codes.take(), detail.iv!, detail.encryptedData!);
    expect(user.openid).toBe(sim.openid);
    expect(sim.counters.login).toBe(1);
  });

  test('a phone login started while the silent launch login is in flight is not swallowed by it', async () => {
    const { wx, sim } = world.phone();
    await wx.login(); // an earlier launch registered this phone's WeChat user
    const core = world.core();
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13700137005' });

    const silent = core.loginByCode(); // app.js, at launch
    const byPhone = core.loginByPhoneCode(detail.code!); // the user taps the phone button meanwhile

    const [silentUser, phoneUser] = await Promise.all([silent, byPhone]);
    expect(phoneUser.phone).toBe('13700137005');
    expect(phoneUser.id).toBe(silentUser.id);
  });
});

describe('getPhoneByCode (v3 get-wechat-miniprogram-phone)', () => {
  test('sends {extIdpConnidentifier, code}, reads phone_info, and signs no one in', async () => {
    const { wx, sim } = world.phone();
    await wx.login();
    const core = world.core();
    const events = recordEvents(core);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13700137003' });
    const usersBefore = await emulatorUsers(world.emulator());

    const phone = await core.getPhoneByCode(detail.code!);

    const info = (await (await fetch(`${world.emulator().url}/__emulator/info`)).json()) as { wechatConnectionIdentifier: string };
    expect(bodiesTo(sim, '/api/v3/get-wechat-miniprogram-phone')).toEqual([
      { extIdpConnidentifier: info.wechatConnectionIdentifier, code: detail.code },
    ]);
    expect(phone).toMatchObject({ countryCode: '86', phoneNumber: '13700137003', purePhoneNumber: '13700137003' });
    expect(phone.watermark).toMatchObject({ appid: world.emulator().options.wechatAppId, timestamp: expect.any(Number) });
    expect(core.isLoggedIn()).toBe(false);
    expect(events).toEqual([]);
    expect(sim.storage.has('_authing_token')).toBe(false);
    expect(await emulatorUsers(world.emulator())).toHaveLength(usersBefore.length);
  });

  test('a phone code is single use: the second exchange fails with Authing’s code', async () => {
    const { wx, sim } = world.phone();
    await wx.login();
    const core = world.core();
    const detail = await sim.getPhoneNumber('allow');
    await core.getPhoneByCode(detail.code!);

    const error = await failureOf(core.getPhoneByCode(detail.code!));

    expect(typeof error.code).toBe('number');
    expect(error.message).toEqual(expect.any(String));
    expect(error.message).not.toBe('');
  });

  test('a reply without phone_info is BAD_RESPONSE, never a null phone', async () => {
    const fake = await startFakeServer((req) =>
      req.path.endsWith('/public-config')
        ? json({ code: 200, message: '', data: { ecConnections: [{ type: 'wechat:miniprogram:default', identifier: 'wx-mp' }] } })
        : json({ statusCode: 200, message: '', data: {} }),
    );
    try {
      const { wx, sim } = world.phone();
      await wx.login();
      const core = world.core({ host: fake.url });
      const detail = await sim.getPhoneNumber('allow');

      const error = await failureOf(core.getPhoneByCode(detail.code!));

      expect(error.code).toBe(ErrorCodes.BAD_RESPONSE);
      expect(JSON.parse(fake.received[1].text)).toEqual({ extIdpConnidentifier: 'wx-mp', code: detail.code });
    } finally {
      await fake.close();
    }
  });
});
