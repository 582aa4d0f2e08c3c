/**
 * The session families of the built full client on a simulated phone, against the emulator:
 * refreshToken, checkLoginStatus, checkPasswordStrength, logout / logoutCurrent, the session found
 * again after a relaunch, and how failures reach the app (rejection `e.code` and onError).
 */
import { useEmulator } from '../support/emulator';
import {
  expectSignedInAs,
  expectSignedOut,
  failureOf,
  launch,
  newEmail,
  newPhoneNumber,
  PASSWORD,
  sessionOf,
  smsCode,
  type Phone,
} from './families.kit';

const emulator = useEmulator();

async function signedIn(phone: Phone = launch(emulator()), email = newEmail('sess')) {
  await phone.client.registerByEmail(email, PASSWORD).catch(() => undefined);
  const user = await phone.client.loginByEmail(email, PASSWORD);
  return { ...phone, email, user, token: user.token as string };
}

describe('refreshToken', () => {
  it('gives a new token that the client stores and uses; the old token stays valid', async () => {
    const me = await signedIn();
    const events: string[] = [];
    me.client.onAuthStateChange((event) => events.push(event));

    const refreshed = await me.client.refreshToken();
    expect(refreshed).toEqual({ token: expect.any(String), iat: expect.any(Number), exp: expect.any(Number) });
    expect(refreshed.token).not.toBe(me.token);
    expectSignedInAs(me, { id: me.user.id, token: refreshed.token });
    expect(events).toEqual(['TOKEN_REFRESHED']);

    await expect(me.client.checkLoginStatus(me.token)).resolves.toMatchObject({ status: true, data: { id: me.user.id } });
    await expect(me.client.checkLoginStatus()).resolves.toMatchObject({ status: true, data: { id: me.user.id } });
    await expect(me.client.getCurrentUser()).resolves.toMatchObject({ id: me.user.id });
  });
});

describe('checkLoginStatus', () => {
  it('signed in: Authing’s JWTTokenStatus for the stored token', async () => {
    const me = await signedIn();
    const status = await me.client.checkLoginStatus();
    expect(status).toMatchObject({ code: 200, status: true, exp: expect.any(Number), iat: expect.any(Number), data: { id: me.user.id } });
  });

  it('signed out: status false, and no request', async () => {
    const phone = launch(emulator());
    await expect(phone.client.checkLoginStatus()).resolves.toMatchObject({ status: false, code: 2020 });
    expect(phone.sim.counters.requests).toEqual([]);
  });

  it('a token that is not Authing’s: status false; the session is untouched', async () => {
    const me = await signedIn();
    await expect(me.client.checkLoginStatus('not-a-token')).resolves.toMatchObject({ status: false });
    expect(sessionOf(me).token).toBe(me.token);
  });
});

describe('checkPasswordStrength', () => {
  it('answers valid / not valid with a message', async () => {
    const phone = launch(emulator());
    await expect(phone.client.checkPasswordStrength('abc')).resolves.toEqual({ valid: false, message: expect.any(String) });
    await expect(phone.client.checkPasswordStrength('strong-passw0rd')).resolves.toEqual({ valid: true, message: expect.any(String) });
  });

  it('sends the password as stock authing-js-sdk does: the GraphQL variable `password`, as given', async () => {
    const bodies: unknown[] = [];
    const phone = launch(emulator(), {
      wrapWx: (wx) => ({
        ...wx,
        request: (options: Parameters<typeof wx.request>[0]) => {
          bodies.push(options.data);
          return wx.request(options);
        },
      }),
    });
    const secret = 'my-Secret-passw0rd';
    await expect(phone.client.checkPasswordStrength(secret)).resolves.toMatchObject({ valid: true });
    // authing-js-sdk 4.23.55 src/lib/authentication/AuthenticationClient.ts checkPasswordStrength: `{ password }`.
    expect(bodies).toEqual([expect.objectContaining({ variables: { password: secret } })]);
  });
});

describe('logout', () => {
  it('logout(): the session is gone from the client and wx storage, and the old token is reported invalid', async () => {
    const me = await signedIn();
    const events: string[] = [];
    me.client.onAuthStateChange((event) => events.push(event));

    await expect(me.client.logout()).resolves.toBeUndefined();
    expectSignedOut(me);
    expect(events).toEqual(['SIGNED_OUT']);
    await expect(me.client.getCurrentUser()).resolves.toBeNull();
    await expect(me.client.checkLoginStatus(me.token)).resolves.toMatchObject({ status: false });
    expect(me.errors).toEqual([]);
  });

  it('logoutCurrent(): this device is signed out, its token invalid; the account’s other device stays signed in', async () => {
    const email = newEmail('two');
    const phoneA = await signedIn(launch(emulator()), email);
    const phoneB = await signedIn(launch(emulator()), email);

    await expect(phoneA.client.logoutCurrent()).resolves.toBeUndefined();
    expectSignedOut(phoneA);
    await expect(phoneA.client.checkLoginStatus(phoneA.token)).resolves.toMatchObject({ status: false });

    await expect(phoneB.client.checkLoginStatus()).resolves.toMatchObject({ status: true });
    await expect(phoneB.client.getCurrentUser()).resolves.toMatchObject({ id: phoneA.user.id });
    expect(phoneA.errors).toEqual([]);
  });
});

describe('a token Authing no longer accepts', () => {
  // Its own emulator: moving the clock must not expire the other suites' tokens and codes.
  const late = useEmulator();

  it('getCurrentUser resolves null and signs out; checkLoginStatus(token) reports it invalid', async () => {
    const me = await signedIn(launch(late()));
    await fetch(`${late().url}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: (late().options.tokenTtlSeconds + 60) * 1000 }),
    });
    await expect(me.client.checkLoginStatus(me.token)).resolves.toMatchObject({ status: false });
    await expect(me.client.getCurrentUser()).resolves.toBeNull();
    expectSignedOut(me);
  });
});

describe('relaunch', () => {
  it('a second launch over the same wx storage finds the session without a request; getCurrentUser works', async () => {
    const first = await signedIn();
    const second = launch(emulator(), { storage: first.sim.storage });
    expect(second.sim.counters.requests).toEqual([]);
    expect(second.sim.counters.login).toBe(0);
    expect(second.client.tokenProvider.getToken()).toBe(first.token);
    expect(second.client.core.getUser()).toMatchObject({ id: first.user.id, email: first.email });

    await expect(second.client.getCurrentUser()).resolves.toMatchObject({ id: first.user.id, email: first.email });
    expect(second.sim.counters.requests.map((request) => new URL(request.url).pathname)).toEqual(['/graphql/v2']);
  });

  it('a relaunch after logout finds no session', async () => {
    const first = await signedIn();
    await first.client.logout();
    const second = launch(emulator(), { storage: first.sim.storage });
    expect(second.client.tokenProvider.getToken()).toBeNull();
    await expect(second.client.getCurrentUser()).resolves.toBeNull();
    expect(second.sim.counters.requests).toEqual([]);
  });
});

describe('errors', () => {
  it('GraphQL: a wrong password rejects with Authing’s 2333, reported to onError once; the session stays', async () => {
    const me = await signedIn();
    const failure = await failureOf(me.client.loginByEmail(me.email, 'wrong password'));
    expect(failure).toBeInstanceOf(me.full.AuthingError);
    expect(failure.code).toBe(2333);
    expect(me.errors).toEqual([2333]);
    expect(sessionOf(me).token).toBe(me.token);
  });

  it('REST: sendSmsCode with a malformed phone rejects with 400, reported to onError once', async () => {
    const phone = launch(emulator());
    const failure = await failureOf(phone.client.sendSmsCode('12-34'));
    expect(failure).toBeInstanceOf(phone.full.AuthingError);
    expect(failure.code).toBe(400);
    expect(phone.errors).toEqual([400]);
  });

  it('offline: NETWORK_ERROR from core and authing-js-sdk calls alike, once each to onError; the session survives', async () => {
    const me = await signedIn();
    me.sim.setOffline(true);

    expect((await failureOf(me.client.getCurrentUser())).code).toBe('NETWORK_ERROR');
    expect((await failureOf(me.client.updateProfile({ nickname: 'Offline' }))).code).toBe('NETWORK_ERROR');
    expect((await failureOf(me.client.listUdv())).code).toBe('NETWORK_ERROR');
    expect(me.errors).toEqual(['NETWORK_ERROR', 'NETWORK_ERROR', 'NETWORK_ERROR']);
    expectSignedInAs(me, me.user);

    me.sim.setOffline(false);
    await expect(me.client.getCurrentUser()).resolves.toMatchObject({ id: me.user.id });
  });

  it('offline before the public key was fetched: a password login fails with NETWORK_ERROR, then works once online', async () => {
    const phone = launch(emulator());
    const email = newEmail('later');
    await launch(emulator()).client.registerByEmail(email, PASSWORD);
    phone.sim.setOffline(true);
    expect((await failureOf(phone.client.loginByEmail(email, PASSWORD))).code).toBe('NETWORK_ERROR');
    expect(phone.errors).toEqual(['NETWORK_ERROR']);
    phone.sim.setOffline(false);
    const user = await phone.client.loginByEmail(email, PASSWORD);
    expectSignedInAs(phone, user);
  });

  it('a call that needs a signed-in user, made signed out, rejects with NOT_LOGGED_IN and sends nothing', async () => {
    const phone = launch(emulator());
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['updateProfile', () => phone.client.updateProfile({ nickname: 'x' })],
      ['listUdv', () => phone.client.listUdv()],
      ['setUdv', () => phone.client.setUdv('k', 1)],
    ];
    for (const [name, call] of calls) {
      const failure = await failureOf(call());
      expect([name, failure.code]).toEqual([name, 'NOT_LOGGED_IN']);
    }
    expect(phone.sim.counters.requests).toEqual([]);
  });

  it('an SMS code used once cannot sign in again (2001)', async () => {
    const phone = launch(emulator());
    const number = newPhoneNumber();
    const code = await smsCode(emulator(), phone.client, number);
    await phone.client.loginByPhoneCode(number, code);
    const again = launch(emulator());
    expect((await failureOf(again.client.loginByPhoneCode(number, code))).code).toBe(2001);
    expect(again.errors).toEqual([2001]);
    expectSignedOut(again);
  });
});
