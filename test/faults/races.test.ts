/**
 * Replies that land after the user changed their mind: logout wins over a login in flight, the
 * login started last wins over an earlier one, and an app relaunched over the same storage is not
 * overwritten by the previous launch's late reply. Orders come from timers and the simulator's
 * latency (Node runs timers in order of expiry), never from measuring time.
 */
import { AuthCore, ErrorCodes, TOKEN_KEY, type User } from '../../lib/core';
import { createWx } from '../../testing';
import { loadPackage } from '../build/stub-wx';
import { failureOf, json, recordEvents, startFakeServer, useWorld, type FakeServer } from '../core/world';
import type { Core, Full } from '../full/families.kit';

const world = useWorld();

/** Every wx.login and wx.request takes this long: a login is two of them, so it is still in flight after 10 ms. */
const LATENCY_MS = 15;
const TRIALS = 100;

function later(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('logout during a WeChat login (the core)', () => {
  test(`${TRIALS} trials, logout 0–10 ms after the login starts: signed out every time, the reply installs nothing`, async () => {
    const outcomes: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const { sim } = world.phone({ latencyMs: LATENCY_MS });
      const core = world.core();
      const events = recordEvents(core);
      let loggedOut = false;

      const login = core.loginByCode();
      const logout = later(trial % 11).then(() => core.logout().then(() => void (loggedOut = true)));
      const [loginResult] = await Promise.allSettled([login, logout]);
      // Anything still on its way would have arrived by now: the exchange is done.
      await later(0);

      expect(loggedOut).toBe(true);
      expect(core.isLoggedIn()).toBe(false);
      expect(core.getToken()).toBeNull();
      expect(sim.storage.has(TOKEN_KEY)).toBe(false);
      expect(events).not.toContain('SIGNED_IN');
      outcomes.push(loginResult.status === 'rejected' ? String((loginResult.reason as { code?: unknown }).code) : 'resolved');
    }
    expect(new Set(outcomes)).toEqual(new Set([ErrorCodes.CANCELLED]));
  });

  test('logout of a signed-in user while a second login runs: signed out, the second login lands nowhere', async () => {
    const { sim } = world.phone({ latencyMs: LATENCY_MS });
    const core = world.core();
    await core.loginByCode();
    const events = recordEvents(core);

    const login = core.loginByCode();
    await core.logout();

    expect((await failureOf(login)).code).toBe(ErrorCodes.CANCELLED);
    expect(core.isLoggedIn()).toBe(false);
    expect(sim.storage.has(TOKEN_KEY)).toBe(false);
    expect(events).toEqual(['SIGNED_OUT']);
  });

  test('CANCELLED is not told to onError: the user chose it', async () => {
    const onError = jest.fn();
    world.phone({ latencyMs: LATENCY_MS });
    const core = world.core({ onError });

    const login = core.loginByCode();
    await core.logout();

    expect((await failureOf(login)).code).toBe(ErrorCodes.CANCELLED);
    expect(onError).not.toHaveBeenCalled();
  });
});

/** Authing stand-in: a login with code `slow-*` is answered after `fast-*` ones, each with its own user and token. */
function token(sub: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, exp: Math.floor(Date.now() / 1000) + 3600, data: { id: sub } })}.sig`;
}

describe('two logins at once, and a relaunch mid-flight', () => {
  let server: FakeServer;
  let releaseSlow: () => void;
  beforeEach(async () => {
    let release!: () => void;
    const slowGate = new Promise<void>((resolve) => (release = resolve));
    releaseSlow = release;
    server = await startFakeServer(async (req) => {
      const { code } = JSON.parse(req.text) as { code: string };
      if (code.startsWith('slow')) await slowGate;
      const user: User = { id: code, token: token(code), nickname: code, photo: null };
      return json({ code: 200, message: 'ok', data: user });
    });
  });
  afterEach(async () => {
    releaseSlow();
    await server.close();
  });

  function coreAt(): AuthCore {
    return new AuthCore({ appId: world.emulator().options.appId, host: server.url });
  }

  test('the later login answers first: it is the session; the earlier one’s late reply is CANCELLED', async () => {
    const { sim } = world.phone();
    const core = coreAt();
    const events = recordEvents(core);

    const earlier = core.loginByCode('slow-a');
    const latest = await core.loginByCode('fast-b');
    releaseSlow();

    expect((await failureOf(earlier)).code).toBe(ErrorCodes.CANCELLED);
    expect(core.getUser()?.id).toBe(latest.id);
    expect(sim.storage.peek(TOKEN_KEY)).toBe(latest.token);
    expect(events).toEqual(['SIGNED_IN']);
  });

  test('the earlier login answers first: both land in turn, and the later one is the session', async () => {
    const { sim } = world.phone();
    const core = coreAt();
    const events = recordEvents(core);

    const first = await core.loginByCode('fast-a');
    const second = core.loginByCode('slow-b');
    releaseSlow();
    const latest = await second;

    expect(first.id).toBe('fast-a');
    expect(core.getUser()?.id).toBe(latest.id);
    expect(sim.storage.peek(TOKEN_KEY)).toBe(latest.token);
    expect(events).toEqual(['SIGNED_IN', 'SIGNED_IN']);
  });

  test('a double tap is one login: one request, one SIGNED_IN', async () => {
    world.phone();
    const core = coreAt();
    const events = recordEvents(core);

    const [a, b] = await Promise.all([core.loginByCode('fast-x'), core.loginByCode('fast-x')]);

    expect(a).toBe(b);
    expect(server.received).toHaveLength(1);
    expect(events).toEqual(['SIGNED_IN']);
  });

  test('relaunch mid-flight: the new launch signs in; the old launch’s late reply does not overwrite its storage', async () => {
    const { sim } = world.phone();
    const old = coreAt();
    const stale = old.loginByCode('slow-old');

    world.phone({ storage: sim.storage });
    const relaunched = coreAt();
    const user = await relaunched.loginByCode('fast-new');
    releaseSlow();

    expect((await failureOf(stale)).code).toBe(ErrorCodes.CANCELLED);
    expect(sim.storage.peek(TOKEN_KEY)).toBe(user.token);
    world.phone({ storage: sim.storage });
    expect(coreAt().getUser()?.id).toBe('fast-new');
  });
});

describe('logout during the full client’s logins', () => {
  test.each([
    ['logout', 0],
    ['logout', 3],
    ['logout', 7],
    ['logout', 10],
    ['logoutCurrent', 0],
    ['logoutCurrent', 7],
  ] as const)('loginByEmail, %s after %i ms: signed out, the reply installs nothing', async (signOut, delay) => {
    const emu = world.emulator();
    const { wx, sim } = createWx({ emulator: emu.url, appid: emu.options.wechatAppId, latencyMs: LATENCY_MS });
    const { full } = loadPackage<Full, Core>(wx);
    const client = new full.AuthenticationClient({ appId: emu.options.appId, host: emu.url });
    const email = `race-${signOut}-${delay}@example.com`;
    await client.registerByEmail(email, 'Passw0rd!');
    // The public key is fetched by the registration: the login below is one GraphQL request.
    const events: string[] = [];
    client.onAuthStateChange((event: string) => events.push(event));

    const login = client.loginByEmail(email, 'Passw0rd!');
    await later(delay);
    await client[signOut]();
    const outcome = await login.then(
      () => 'resolved',
      (error: { code?: unknown }) => String(error.code),
    );

    expect(outcome).toBe(ErrorCodes.CANCELLED);
    expect(client.core.getToken()).toBeNull();
    expect(sim.storage.has(TOKEN_KEY)).toBe(false);
    expect(events).not.toContain('SIGNED_IN');
  });
});
