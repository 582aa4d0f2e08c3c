/**
 * Every way a request can fail reaches the app as an AuthingError with a code it can switch on,
 * reported once to onError, and none of them signs the user out.
 */
import { AuthCore, AuthingError, ErrorCodes, TOKEN_KEY, type CoreOptions } from '../../lib/core';
import { failureOf, json, recordEvents, startFakeServer, useWorld, type FakeServer } from './world';

const world = useWorld();

async function signedIn(options: Parameters<typeof world.core>[0] = {}) {
  const phone = world.phone();
  const core = world.core(options);
  const user = await core.loginByCode();
  return { ...phone, core, user };
}

describe('offline', () => {
  test('getCurrentUser rejects with NETWORK_ERROR, the session stays, onError hears it once', async () => {
    const onError = jest.fn();
    const { sim, core, user } = await signedIn({ onError });
    sim.setOffline(true);

    const error = await failureOf(core.getCurrentUser());

    expect(error.code).toBe(ErrorCodes.NETWORK_ERROR);
    expect(error.message).toEqual(expect.any(String));
    expect(core.isLoggedIn()).toBe(true);
    expect(core.getUser()?.id).toBe(user.id);
    expect(sim.storage.peek(TOKEN_KEY)).toBe(user.token);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith('NETWORK_ERROR', error.message, error.data);

    sim.setOffline(false);
    expect((await core.getCurrentUser())?.id).toBe(user.id);
  });

  test('a dropped updateProfile rejects with NETWORK_ERROR and leaves the stored user as it was', async () => {
    const { sim, core, user } = await signedIn();
    sim.failNextRequests(1);

    const error = await failureOf(core.updateProfile({ nickname: 'never saved' }));

    expect(error.code).toBe(ErrorCodes.NETWORK_ERROR);
    expect(core.getToken()).toBe(user.token);
    expect(core.getUser()?.nickname).toBe(user.nickname);
  });

  test('logout while offline still ends the local session with SIGNED_OUT and resolves', async () => {
    const { sim, core } = await signedIn();
    const events = recordEvents(core);
    sim.setOffline(true);

    await expect(core.logout()).resolves.toBeUndefined();

    expect(core.isLoggedIn()).toBe(false);
    expect(core.getUser()).toBeNull();
    expect(events).toEqual(['SIGNED_OUT']);
    expect(sim.storage.has(TOKEN_KEY)).toBe(false);
    world.phone({ storage: sim.storage });
    expect(world.core().isLoggedIn()).toBe(false);
  });

  test('an onError that throws does not change the error the caller catches', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const onError = jest.fn(() => {
        throw new Error('bug in the app’s handler');
      });
      const { sim, core } = await signedIn({ onError });
      sim.setOffline(true);

      const error = await failureOf(core.getCurrentUser());

      expect(error.code).toBe(ErrorCodes.NETWORK_ERROR);
      expect(onError).toHaveBeenCalledTimes(1);
    } finally {
      consoleError.mockRestore();
    }
  });
});

describe('Authing errors', () => {
  test('a used login code: Authing’s numeric code and message, onError once, the earlier session kept', async () => {
    const onError = jest.fn();
    const { wx } = world.phone();
    const core = world.core({ onError });
    const { code } = await wx.login();
    const user = await core.loginByCode(code);

    const error = await failureOf(core.loginByCode(code));

    // Authing's own numeric code (the emulator's choice of number is its business: 2038 or 400), never a string one.
    expect(typeof error.code).toBe('number');
    expect(error.code).not.toBe(200);
    expect(error.message).toMatch(/40163/);
    expect(error.data).toMatchObject({ errcode: 40163 });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(error.code, error.message, error.data);
    expect(core.getUser()?.id).toBe(user.id);
    expect(core.getToken()).toBe(user.token);
  });

  test('a GraphQL refusal carries Authing’s code: updateProfile of a field that needs verification', async () => {
    const onError = jest.fn();
    const { core, user } = await signedIn({ onError });

    const error = await failureOf(core.updateProfile({ phone: '13600136000' }));

    expect(typeof error.code).toBe('number');
    expect(error.code).not.toBe(200);
    expect(error.message).toEqual(expect.any(String));
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(error.code, error.message, error.data);
    expect(core.getToken()).toBe(user.token);
  });
});

describe('servers that do not answer as Authing does', () => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function coreAt(url: string, options: Omit<CoreOptions, 'appId' | 'host'> = {}): AuthCore {
    world.phone();
    return new AuthCore({ appId: world.emulator().options.appId, host: url, ...options });
  }

  test('no answer within `timeout`: TIMEOUT', async () => {
    server = await startFakeServer();
    const onError = jest.fn();
    const core = coreAt(server.url, { timeout: 300, onError });

    const error = await failureOf(core.loginByCode('a-code'));

    expect(error.code).toBe(ErrorCodes.TIMEOUT);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith('TIMEOUT', error.message, error.data);
    expect(server.received).toHaveLength(1);
  });

  test('a 502 HTML page from a proxy: HTTP_ERROR with statusCode 502', async () => {
    server = await startFakeServer({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    const onError = jest.fn();
    const core = coreAt(server.url, { onError });

    const error = await failureOf(core.loginByCode('a-code'));

    expect(error.code).toBe(ErrorCodes.HTTP_ERROR);
    expect(error.statusCode).toBe(502);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  test('a 502 on a GraphQL call: HTTP_ERROR with statusCode 502, and the session stays', async () => {
    server = await startFakeServer({ status: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' });
    const { user } = await signedIn();
    const core = coreAt(server.url, { accessToken: user.token! });
    expect(core.isLoggedIn()).toBe(true);

    const error = await failureOf(core.getCurrentUser());

    expect(error.code).toBe(ErrorCodes.HTTP_ERROR);
    expect(error.statusCode).toBe(502);
    expect(core.getToken()).toBe(user.token);
  });

  test('a 200 HTML page (captive portal): BAD_RESPONSE', async () => {
    server = await startFakeServer({ status: 200, contentType: 'text/html', body: '<html><body>请先登录 Wi-Fi</body></html>' });
    const onError = jest.fn();
    const core = coreAt(server.url, { onError });

    const error = await failureOf(core.loginByCode('a-code'));

    expect(error.code).toBe(ErrorCodes.BAD_RESPONSE);
    expect(error.statusCode).toBe(200);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(core.isLoggedIn()).toBe(false);
  });

  test('GraphQL answering `user: null` (a user deleted at Authing) is BAD_RESPONSE, not a TypeError', async () => {
    server = await startFakeServer(json({ data: { user: null } }));
    const { user } = await signedIn();
    const core = coreAt(server.url, { accessToken: user.token! });

    const error = await failureOf(core.getCurrentUser());

    expect(error.code).toBe(ErrorCodes.BAD_RESPONSE);
    expect(core.getToken()).toBe(user.token);
  });

  test('GraphQL answering `data: null` with no errors is BAD_RESPONSE, not a TypeError', async () => {
    server = await startFakeServer(json({ data: null }));
    const { user } = await signedIn();
    const core = coreAt(server.url, { accessToken: user.token! });

    const error = await failureOf(core.updateProfile({ nickname: 'Bob' }));

    expect(error.code).toBe(ErrorCodes.BAD_RESPONSE);
    expect(core.getToken()).toBe(user.token);
  });

  test('every failure is an AuthingError whose JSON is {code, message, data}', async () => {
    server = await startFakeServer({ status: 200, contentType: 'text/html', body: '<html></html>' });
    const core = coreAt(server.url);

    const error = await failureOf(core.loginByCode('a-code'));

    expect(error).toBeInstanceOf(AuthingError);
    expect(error).toBeInstanceOf(Error);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'BAD_RESPONSE', message: error.message, data: '<html></html>' });
  });

  test('getPhone answered `{code: 200, data: null}` is BAD_RESPONSE reported once, not a null phone', async () => {
    server = await startFakeServer(json({ code: 200, message: 'ok', data: null }));
    const onError = jest.fn();
    const core = coreAt(server.url, { onError });

    const error = await failureOf(core.getPhone('a-code', 'an-iv', 'encrypted'));

    expect(error.code).toBe(ErrorCodes.BAD_RESPONSE);
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

describe('wx.login failing', () => {
  test('offline: loginByCode rejects with NETWORK_ERROR, told to onError once, and sends nothing', async () => {
    const onError = jest.fn();
    const { sim } = world.phone();
    const core = world.core({ onError });
    sim.setOffline(true);

    const error = await failureOf(core.loginByCode());

    expect(error.code).toBe(ErrorCodes.NETWORK_ERROR);
    expect(error.data).toMatchObject({ errMsg: expect.stringMatching(/^login:fail/) });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(ErrorCodes.NETWORK_ERROR, error.message, error.data);
    expect(sim.counters.requests).toHaveLength(0);
  });
});

/** An unsigned JWT the SDK reads locally (sub + exp), as Authing's id token carries them. */
function localToken(sub: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, exp: Math.floor(Date.now() / 1000) + 3600, data: { id: sub } })}.sig`;
}

describe('storage WeChat will not write (full, or a value over 1 MB)', () => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('storage full: the login succeeds, onError hears STORAGE_FAILED once, and a relaunch is signed out', async () => {
    const onError = jest.fn();
    const { sim } = world.phone();
    // The app's own cache (ten keys just under 1 MB each) leaves no room for the session.
    for (let i = 0; i < 10; i++) expect(sim.storage.write(`app-cache-${i}`, 'x'.repeat(1024 * 1024 - 64))).toBeUndefined();
    const core = world.core({ onError });

    const user = await core.loginByCode();

    expect(core.isLoggedIn()).toBe(true);
    expect(core.getUser()?.id).toBe(user.id);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(ErrorCodes.STORAGE_FAILED, expect.stringMatching(/exceed storage max size/), expect.anything());
    expect(sim.storage.has(TOKEN_KEY)).toBe(false);

    world.phone({ storage: sim.storage });
    expect(world.core().isLoggedIn()).toBe(false);
  });

  test('a user over WeChat’s 1 MB per key: signed in for this launch, STORAGE_FAILED once, no half-written session', async () => {
    const token = localToken('u-big');
    server = await startFakeServer(json({ code: 200, message: 'ok', data: { id: 'u-big', token, nickname: 'x'.repeat(1024 * 1024 + 1) } }));
    const onError = jest.fn();
    const { sim } = world.phone();
    const core = new AuthCore({ appId: world.emulator().options.appId, host: server.url, onError });

    await core.loginByCode('a-code');

    expect(core.getToken()).toBe(token);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0][0]).toBe(ErrorCodes.STORAGE_FAILED);
    expect(onError.mock.calls[0][1]).toMatch(/entry size limit/);
    // The token alone was written before the user failed: it is taken back, so a relaunch finds no one.
    expect(sim.storage.has(TOKEN_KEY)).toBe(false);
  });
});
