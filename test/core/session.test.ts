/**
 * The session a mini program keeps across launches: read from wx storage once, served from memory,
 * kept by profile updates, ended locally when the token expires.
 */
import { TOKEN_KEY, USER_KEY, type User } from '../../lib/core';
import { failureOf, json, recordEvents, startFakeServer, useWorld } from './world';

const world = useWorld();

const DAY_MS = 24 * 3600 * 1000;

/** Signs a fresh phone in and hands back its storage, as the previous launch left it. */
async function signedInPhone() {
  const phone = world.phone();
  const user = await world.core().loginByCode();
  return { ...phone, user };
}

describe('session across launches', () => {
  test('a relaunched app is signed in without any request, reading storage at most twice', async () => {
    const { sim, user } = await signedInPhone();
    const next = world.phone({ storage: sim.storage });
    const core = world.core();

    expect(core.isLoggedIn()).toBe(true);
    expect(core.getUser()?.id).toBe(user.id);
    expect(core.getToken()).toBe(user.token);
    expect(next.sim.counters.requests).toHaveLength(0);
    expect(next.sim.counters.login).toBe(0);
    expect(next.sim.counters.storage.syncReads).toBeLessThanOrEqual(2);
  });

  test('20 getCurrentUser calls read storage zero times', async () => {
    const { sim, user } = await signedInPhone();
    const next = world.phone({ storage: sim.storage });
    const core = world.core();
    expect(core.isLoggedIn()).toBe(true);
    const readsAfterLoad = next.sim.counters.storage.syncReads;

    for (let i = 0; i < 20; i++) {
      const current = await core.getCurrentUser();
      expect(current?.id).toBe(user.id);
    }

    expect(next.sim.counters.requests).toHaveLength(20);
    expect(next.sim.counters.storage.syncReads).toBe(readsAfterLoad);
  });

  test('getCurrentUser returns the user fresh from Authing and keeps the token', async () => {
    const { user } = await signedInPhone();
    const core = world.core();

    const current = await core.getCurrentUser();

    expect(current).toMatchObject({ id: user.id, openid: user.openid });
    expect(core.getToken()).toBe(user.token);
  });

  test('getCurrentUser answers null without a request when no one is signed in', async () => {
    const { sim } = world.phone();
    const core = world.core();

    expect(await core.getCurrentUser()).toBeNull();
    expect(sim.counters.requests).toHaveLength(0);
  });
});

describe('updateProfile', () => {
  test('saves the nickname, keeps the token and emits USER_UPDATED', async () => {
    const { sim, user } = await signedInPhone();
    const core = world.core();
    const events = recordEvents(core);

    const updated = await core.updateProfile({ nickname: 'Bob' });

    expect(updated.nickname).toBe('Bob');
    expect(updated.id).toBe(user.id);
    expect(core.isLoggedIn()).toBe(true);
    expect(core.getToken()).toBe(user.token);
    expect(core.getUser()?.nickname).toBe('Bob');
    expect(sim.storage.peek(TOKEN_KEY)).toBe(user.token);
    expect((sim.storage.peek(USER_KEY) as User).nickname).toBe('Bob');
    expect(events).toEqual(['USER_UPDATED']);
    expect((await core.getCurrentUser())?.nickname).toBe('Bob');
  });

  test('the next launch sees the new nickname and is still signed in', async () => {
    const { sim, user } = await signedInPhone();
    await world.core().updateProfile({ nickname: '小明' });

    world.phone({ storage: sim.storage });
    const core = world.core();

    expect(core.getToken()).toBe(user.token);
    expect(core.getUser()?.nickname).toBe('小明');
  });

  test('keeps the token when Authing answers the user with `token: null` (the seed SDK logged the user out here)', async () => {
    const { sim, user } = await signedInPhone();
    const authing = await startFakeServer(() =>
      json({ data: { updateUser: { ...user, nickname: 'Bob', token: null, tokenExpiredAt: null } } }),
    );
    try {
      const core = world.core({ host: authing.url });
      const events = recordEvents(core);

      const updated = await core.updateProfile({ nickname: 'Bob' });

      expect(updated.nickname).toBe('Bob');
      expect(core.isLoggedIn()).toBe(true);
      expect(core.getToken()).toBe(user.token);
      expect(sim.storage.peek(TOKEN_KEY)).toBe(user.token);
      expect(events).toEqual(['USER_UPDATED']);
      expect(authing.received[0].headers.authorization).toBe(`Bearer ${user.token}`);
      world.phone({ storage: sim.storage });
      expect(world.core({ host: authing.url }).getToken()).toBe(user.token);
    } finally {
      await authing.close();
    }
  });

  test('a reply that arrives after logout does not sign the user back in', async () => {
    const { sim, user } = await signedInPhone();
    let releaseUpdate!: () => void;
    const updateHeld = new Promise<void>((resolve) => (releaseUpdate = resolve));
    let updateArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (updateArrived = resolve));
    const authing = await startFakeServer(async (req) => {
      if (req.path !== '/graphql/v2') return json({ code: 200, message: '退出登录成功' });
      updateArrived();
      await updateHeld; // Authing is slow to answer the update…
      return json({ data: { updateUser: { ...user, nickname: 'Bob' } } }); // …and answers with the user's token, as it does
    });
    try {
      const core = world.core({ host: authing.url });
      const events = recordEvents(core);
      const update = core.updateProfile({ nickname: 'Bob' });
      await arrived;

      await core.logout(); // the user signs out meanwhile
      releaseUpdate();
      await update.catch(() => undefined);

      expect(core.isLoggedIn()).toBe(false);
      expect(core.getUser()).toBeNull();
      expect(sim.storage.has(TOKEN_KEY)).toBe(false);
      expect(events).toEqual(['SIGNED_OUT']);
    } finally {
      releaseUpdate();
      await authing.close();
    }
  });

  test('not signed in: NOT_LOGGED_IN and no request', async () => {
    const { sim } = world.phone();
    const core = world.core();

    const error = await failureOf(core.updateProfile({ nickname: 'Bob' }));

    expect(error.code).toBe('NOT_LOGGED_IN');
    expect(sim.counters.requests).toHaveLength(0);
  });
});

describe('an expired token', () => {
  test('is seen locally: isLoggedIn false, and checkLoginStatus answers status false with no request', async () => {
    const { sim } = await signedInPhone();
    sim.resetCounters();
    const later = world.core({}, { now: () => Date.now() + 16 * DAY_MS });

    expect(later.isLoggedIn()).toBe(false);
    expect(later.getUser()).toBeNull();
    const status = await later.checkLoginStatus();
    expect(status.status).toBe(false);
    expect(sim.counters.requests).toHaveLength(0);
  });

  test('calls that need a user fail with NOT_LOGGED_IN and say the login expired, with no request', async () => {
    const { sim } = await signedInPhone();
    sim.resetCounters();
    const later = world.core({}, { now: () => Date.now() + 16 * DAY_MS });

    const error = await failureOf(later.updateProfile({ nickname: 'late' }));

    expect(error.code).toBe('NOT_LOGGED_IN');
    expect(error.message).toMatch(/过期/);
    expect(await later.getCurrentUser()).toBeNull();
    expect(sim.counters.requests).toHaveLength(0);
  });

  test('a token still valid today is checked with Authing and answers status true', async () => {
    const { user } = await signedInPhone();
    const core = world.core();

    const status = await core.checkLoginStatus();

    expect(status.status).toBe(true);
    expect(status.data?.id).toBe(user.id);
  });
});

describe('onAuthStateChange', () => {
  test('an unsubscribed listener hears nothing more; the others still do', async () => {
    world.phone();
    const core = world.core();
    const gone = jest.fn();
    const kept = jest.fn();
    const unsubscribe = core.onAuthStateChange(gone);
    core.onAuthStateChange(kept);

    unsubscribe();
    await core.loginByCode();
    await core.logout();

    expect(gone).not.toHaveBeenCalled();
    expect(kept.mock.calls.map(([event]) => event)).toEqual(['SIGNED_IN', 'SIGNED_OUT']);
  });

  test('SIGNED_OUT carries an empty session, and logout revokes the token at Authing', async () => {
    await signedInPhone();
    const core = world.core();
    const token = core.getToken()!;
    const sessions: Array<{ token: string | null; user: User | null }> = [];
    core.onAuthStateChange((_event, session) => sessions.push(session));

    await core.logout();

    expect(sessions).toEqual([{ token: null, user: null }]);
    expect(core.isLoggedIn()).toBe(false);
    expect((await core.checkLoginStatus(token)).status).toBe(false);
  });
});

describe('the accessToken option', () => {
  test('starts signed in with that token, and getCurrentUser fetches its user', async () => {
    const { user } = await signedInPhone();
    const { sim } = world.phone(); // another phone, empty storage
    const core = world.core({ accessToken: user.token! });

    expect(core.isLoggedIn()).toBe(true);
    expect(core.getToken()).toBe(user.token);
    const current = await core.getCurrentUser();
    expect(current?.id).toBe(user.id);
    expect(core.getUser()?.id).toBe(user.id);
    expect(sim.storage.peek(TOKEN_KEY)).toBe(user.token);
  });
});

describe('a token Authing no longer accepts', () => {
  test('logged out elsewhere: getCurrentUser answers null and the session ends with SIGNED_OUT', async () => {
    const { sim, user } = await signedInPhone();
    const core = world.core();
    const events = recordEvents(core);
    await fetch(`${world.emulator().url}/api/v2/logout?app_id=${world.emulator().options.appId}`, {
      headers: { authorization: `Bearer ${user.token}` },
    });

    expect(await core.getCurrentUser()).toBeNull();

    expect(core.isLoggedIn()).toBe(false);
    expect(events).toEqual(['SIGNED_OUT']);
    expect(sim.storage.has(TOKEN_KEY)).toBe(false);
  });

  test('checkLoginStatus() reports status false and ends the local session', async () => {
    const { user } = await signedInPhone();
    const core = world.core();
    const events = recordEvents(core);
    await fetch(`${world.emulator().url}/api/v2/logout?app_id=${world.emulator().options.appId}`, {
      headers: { authorization: `Bearer ${user.token}` },
    });

    const status = await core.checkLoginStatus();

    expect(status.status).toBe(false);
    expect(core.isLoggedIn()).toBe(false);
    expect(events).toEqual(['SIGNED_OUT']);
  });

  describe('expired on Authing’s clock', () => {
    const late = useWorld();

    test('getCurrentUser answers null and signs out', async () => {
      late.phone();
      const core = late.core();
      await core.loginByCode();
      const clock = await fetch(`${late.emulator().url}/__emulator/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advanceMs: 16 * DAY_MS }),
      });
      expect(clock.status).toBe(200);

      expect(await core.getCurrentUser()).toBeNull();
      expect(core.isLoggedIn()).toBe(false);
    });
  });
});
