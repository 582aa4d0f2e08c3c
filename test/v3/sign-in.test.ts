/**
 * The v3 client's sign-in methods, end to end through the wx simulator against the emulator: the
 * requests are the ones Authing's mini-program SDK sends, and each login is one session shared by
 * every client of the app.
 */
import { getClient, ErrorCodes, OIDC_KEY, TOKEN_KEY } from '../../lib/core';
import { bodiesTo, failureOf, headersTo, recordEvents, requestsTo, useV3World } from './world';

const world = useV3World();

/** The wx.login and wx.request calls this phone makes from now on, in the order they start. */
function recordCalls(wx: { login: (...args: never[]) => unknown; request: (...args: never[]) => unknown }): string[] {
  const calls: string[] = [];
  const { login, request } = wx;
  wx.login = (...args: never[]) => (calls.push('wx.login'), login.apply(wx, args));
  wx.request = (...args: never[]) => {
    const [options] = args as unknown as [{ url: string }];
    calls.push(`wx.request ${new URL(options.url).pathname}`);
    return request.apply(wx, args);
  };
  return calls;
}
let phoneSeq = 0;
const nextPhone = (): string => `1390000${String(++phoneSeq).padStart(4, '0')}`;

/** A user who signed up by SMS code and set a password, then signed out: what loginByPassword needs. */
async function userWithPassword(phone: string, password: string): Promise<void> {
  const authing = world.client();
  await authing.sendSms({ phoneNumber: phone, channel: 'CHANNEL_LOGIN' });
  await authing.loginByPassCode({ phone, passCode: await world.lastCode(phone, 'CHANNEL_LOGIN') });
  await authing.updatePassword({ newPassword: password });
  await authing.logout();
}

describe('loginByPassCode and sendSms / sendEmailCode', () => {
  test('an SMS code signs the user in (signed up on first use) with a refreshable v3 session', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    const events = recordEvents(authing.core);
    const phone = nextPhone();

    await authing.sendSms({ phoneNumber: phone, channel: 'CHANNEL_LOGIN' });
    const state = await authing.loginByPassCode({ phone, passCode: await world.lastCode(phone, 'CHANNEL_LOGIN') });

    expect(state).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String), id_token: expect.any(String) });
    expect(state.refresh_token).toEqual(expect.any(String));
    expect(state.expires_at).toBeGreaterThan(Date.now());
    expect(events).toEqual(['SIGNED_IN']);
    expect(authing.getUser()).toMatchObject({ phone });
    // The same session for every client of the app: the components' core sees it.
    expect(getClient({ appId: world.appId(), host: world.emulatorUrl() }).getToken()).toBe(state.id_token);
    expect(sim.storage.peek(TOKEN_KEY)).toBe(state.id_token);
    expect(sim.storage.peek(OIDC_KEY)).toMatchObject({ accessToken: state.access_token, refreshToken: state.refresh_token });
    // As Authing's SDK sends them: +86 by default, x-authing-app-id on the sign-in.
    expect(bodiesTo(sim, '/api/v3/send-sms')).toEqual([{ phoneNumber: phone, channel: 'CHANNEL_LOGIN', phoneCountryCode: '+86' }]);
    expect(bodiesTo(sim, '/api/v3/signin')).toEqual([
      {
        connection: 'PASSCODE',
        passCodePayload: { phone, passCode: expect.any(String), phoneCountryCode: '+86' },
        options: { scope: 'openid profile email phone username offline_access' },
      },
    ]);
    expect(headersTo(sim, '/api/v3/signin')[0]['x-authing-app-id']).toBe(world.appId());
  });

  test('an email code signs in by email', async () => {
    world.phone();
    const authing = world.client();
    await authing.sendEmailCode({ email: 'ana@example.com', channel: 'CHANNEL_LOGIN' });
    await authing.loginByPassCode({ email: 'ana@example.com', passCode: await world.lastCode('ana@example.com', 'CHANNEL_LOGIN') });
    expect(authing.getUser()).toMatchObject({ email: 'ana@example.com' });
  });

  test('a wrong code rejects with Authing’s code, reaches onError once, and leaves the session as it was', async () => {
    world.phone();
    const errors: unknown[] = [];
    const authing = world.client({ onError: (code) => errors.push(code) });
    const phone = nextPhone();
    await authing.sendSms({ phoneNumber: phone, channel: 'CHANNEL_LOGIN' });
    await authing.loginByPassCode({ phone, passCode: await world.lastCode(phone, 'CHANNEL_LOGIN') });
    const before = authing.core.getToken();

    const error = await failureOf(authing.loginByPassCode({ phone, passCode: '000000' }));

    expect(typeof error.code).toBe('number');
    expect(errors).toEqual([error.code]);
    expect(authing.core.getToken()).toBe(before);
  });
});

describe('loginByPassword', () => {
  test('sends the password RSA-encrypted with the key from /api/v3/system, read once per client', async () => {
    const phone = nextPhone();
    world.phone();
    await userWithPassword(phone, 'Str0ng-pass!');
    const { sim } = world.phone();
    const authing = world.client();

    await authing.loginByPassword({ phone, password: 'Str0ng-pass!' });
    await authing.logout();
    await authing.loginByPassword({ account: phone, password: 'Str0ng-pass!' });

    expect(authing.getUser()).toMatchObject({ phone });
    expect(requestsTo(sim, '/api/v3/system')).toBe(1);
    const [first] = bodiesTo(sim, '/api/v3/signin') as Array<{ passwordPayload: { password: string }; options: object }>;
    expect(first.passwordPayload.password).not.toContain('Str0ng');
    expect(first.passwordPayload.password.length).toBeGreaterThan(100);
    expect(first.options).toEqual({ scope: expect.any(String), passwordEncryptType: 'rsa' });
  });

  test('a wrong password is Authing’s error; passwordEncryptType none sends it as typed', async () => {
    const phone = nextPhone();
    world.phone();
    await userWithPassword(phone, 'Str0ng-pass!');
    const { sim } = world.phone();
    const authing = world.client();

    const error = await failureOf(authing.loginByPassword({ phone, password: 'wrong-pass-1' }));
    expect(typeof error.code).toBe('number');
    expect(authing.core.isLoggedIn()).toBe(false);

    await authing.loginByPassword({ phone, password: 'Str0ng-pass!' }, { passwordEncryptType: 'none' });
    expect(authing.core.isLoggedIn()).toBe(true);
    const sent = bodiesTo(sim, '/api/v3/signin') as Array<{ passwordPayload: { password: string } }>;
    expect(sent[1].passwordPayload.password).toBe('Str0ng-pass!');
  });

  test('SM2 without an encryptFunction fails before anything is sent', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    const error = await failureOf(authing.loginByPassword({ username: 'bob', password: 'x' }, { passwordEncryptType: 'sm2' }));
    expect(error.code).toBe(ErrorCodes.ENCRYPTION_ERROR);
    expect(requestsTo(sim, '/api/v3/signin')).toBe(0);
  });
});

describe('loginByCode (wechat_mini_program_code)', () => {
  test('the client gets a wx.login code and the identity source at launch: the tap waits for one request, no wx.login', async () => {
    const { sim, wx } = world.phone();
    const authing = world.client();
    // What the constructor started (shared, not repeated, by these two calls).
    await authing.core.codes.prefetch();
    await authing.core.connection.identifier();
    expect(sim.counters.login).toBe(1);
    expect(requestsTo(sim, `/api/v2/applications/${world.appId()}/public-config`)).toBe(1);
    const calls = recordCalls(wx);

    const state = await authing.loginByCode();

    // The sign-in goes first; the next code is fetched only once its exchange is over (for the next tap).
    expect(calls[0]).toBe('wx.request /api/v3/signin-by-mobile');
    expect(calls.slice(1)).toContain('wx.login');
    expect(state.id_token).toBe(authing.core.getToken());
    expect(bodiesTo(sim, '/api/v3/signin-by-mobile')).toEqual([
      {
        connection: 'wechat_mini_program_code',
        extIdpConnidentifier: expect.any(String),
        wechatMiniProgramCodePayload: { code: expect.any(String), encryptedData: '', iv: '' },
        options: { scope: 'openid profile email phone username offline_access' },
      },
    ]);
  });

  test('keepReady holds a fresh code while a page is shown: a tap 6 minutes after launch still needs no wx.login', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const { sim } = world.phone();
      const authing = world.client();
      const release = authing.keepReady();
      await authing.core.codes.prefetch();
      jest.advanceTimersByTime(6 * 60_000);
      await authing.core.codes.prefetch(); // the refresh the schedule started
      const logins = sim.counters.login;
      expect(logins).toBeGreaterThan(1);
      expect(authing.core.codes.hasUsableCode()).toBe(true);
      release();
    } finally {
      jest.useRealTimers();
    }
  });

  test('after a logout, the next WeChat login on the same page still waits for one request: the code was refilled', async () => {
    const { wx } = world.phone();
    const authing = world.client();
    await authing.loginByCode();
    await authing.logout();
    await authing.core.codes.prefetch(); // the refill started after the first login (shared, not repeated)
    const calls = recordCalls(wx);

    await authing.loginByCode();

    expect(calls[0]).toBe('wx.request /api/v3/signin-by-mobile');
  });

  test('a double tap is one login', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    const [a, b] = await Promise.all([authing.loginByCode(), authing.loginByCode()]);
    expect(a.id_token).toBe(b.id_token);
    expect(requestsTo(sim, '/api/v3/signin-by-mobile')).toBe(1);
  });

  test('logout while the login is in flight wins', async () => {
    world.phone();
    const authing = world.client();
    const login = authing.loginByCode();
    await authing.logout();
    const error = await failureOf(login);
    expect(error.code).toBe(ErrorCodes.CANCELLED);
    expect(authing.core.isLoggedIn()).toBe(false);
  });
});

describe('bad input', () => {
  test('a missing or wrong argument rejects INVALID_ARGUMENT naming it, sends nothing, and tells no onError', async () => {
    const { sim } = world.phone();
    const errors: unknown[] = [];
    const authing = world.client({ onError: (code) => errors.push(code) });
    const call = authing as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const launched = sim.counters.requests.length; // the identity-source lookup made when the client was created

    const cases: Array<[string, unknown[], RegExp]> = [
      ['loginByPassword', [{ account: 'bob' }], /password/],
      ['loginByPassCode', [{ phone: '13800000000' }], /passCode/],
      ['sendSms', [{ phoneNumber: '13800000000', channel: 'LOGIN' }], /channel/],
      ['updateUserInfo', [{ gender: 'X' }], /gender/],
      ['getPhone', [''], /phoneNumberCode/],
      ['updateAvatar', [42], /tempFilePath/],
    ];
    for (const [method, args, named] of cases) {
      const error = await failureOf(call[method](...args));
      expect(error.code).toBe(ErrorCodes.INVALID_ARGUMENT);
      expect(error.message).toMatch(named);
    }
    expect(sim.counters.requests).toHaveLength(launched);
    expect(errors).toEqual([]);
  });
});
