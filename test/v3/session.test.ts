/**
 * A v3 session over time: renewed before it expires (one exchange however many calls wait), kept
 * when the renewal cannot reach Authing, ended when Authing says the refresh token is dead, and
 * revoked at Authing on logout. Both clocks (phone and emulator) move, so tokens really expire.
 */
import { ErrorCodes, OIDC_KEY, REFRESH_MARGIN_MS, TOKEN_KEY } from '../../lib/core';
import { bodiesTo, failureOf, recordEvents, requestsTo, signInByPhone, useV3World } from './world';

const world = useV3World();
/** The emulator's default access-token lifetime (15 days). */
const TTL_MS = 15 * 24 * 3600 * 1000;
let phoneSeq = 0;
const nextPhone = (): string => `1370000${String(++phoneSeq).padStart(4, '0')}`;

/** Another device (or a stolen copy) revoking this refresh token at Authing. */
async function revokeElsewhere(token: string): Promise<void> {
  const response = await fetch(`${world.emulatorUrl()}/oidc/token/revocation`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: world.appId(), token }).toString(),
  });
  expect(response.status).toBe(200);
}

/** A signed-in phone whose session is inside the renewal margin, not yet expired, and what onError heard. */
async function signedInNearExpiry() {
  const { sim } = world.phone();
  const errors: unknown[] = [];
  const authing = world.client({ onError: (code) => errors.push(code) });
  await signInByPhone(world, authing, nextPhone());
  const before = (await authing.getLoginState())!;
  await world.advance(TTL_MS - 45_000);
  return { sim, authing, errors, before };
}

describe('renewal near expiry', () => {
  test('a call within a minute of expiry renews first, rotating the refresh token, and the call goes through', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());
    const before = (await authing.getLoginState())!;
    const events = recordEvents(authing.core);
    await world.advance(TTL_MS - REFRESH_MARGIN_MS / 2);
    const requestsBefore = sim.counters.requests.length;

    const profile = await authing.getUserInfo();

    expect(profile.userId).toBe(authing.getUser()!.id);
    expect(sim.counters.requests.slice(requestsBefore).map((r) => new URL(r.url).pathname)).toEqual(['/oidc/token', '/api/v3/get-profile']);
    expect(bodiesTo(sim, '/oidc/token')).toEqual([{ grant_type: 'refresh_token', redirect_uri: '', refresh_token: before.refresh_token }]);
    const after = (await authing.getLoginState())!;
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.expires_at).toBeGreaterThan(before.expires_at);
    expect(events).toEqual(['TOKEN_REFRESHED', 'USER_UPDATED']);
    expect(sim.storage.peek(TOKEN_KEY)).toBe(after.id_token);
    expect(sim.storage.peek(OIDC_KEY)).toMatchObject({ refreshToken: after.refresh_token });
  });

  test('five calls at once near expiry share one renewal (a rotated refresh token works once only)', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());
    await world.advance(TTL_MS - 1000);

    const profiles = await Promise.all([1, 2, 3, 4, 5].map(() => authing.getUserInfo()));

    expect(new Set(profiles.map((p) => p.userId)).size).toBe(1);
    expect(requestsTo(sim, '/oidc/token')).toBe(1);
    expect(authing.core.isLoggedIn()).toBe(true);
  });

  test('past expiry the session is renewed rather than lost; the components’ core sees the new token', async () => {
    world.phone();
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());
    await world.advance(TTL_MS + 3600_000);
    expect(authing.core.isLoggedIn()).toBe(false); // the id token has expired here…

    const state = await authing.getLoginState(); // …and is renewed with the refresh token

    expect(state).not.toBeNull();
    expect(authing.core.isLoggedIn()).toBe(true);
    expect(authing.core.getToken()).toBe(state!.id_token);
  });

  test('refreshToken() renews on demand; the spent refresh token is dead at Authing afterwards', async () => {
    world.phone();
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());
    const before = (await authing.getLoginState())!;

    const after = await authing.refreshToken();

    expect(after.refresh_token).not.toBe(before.refresh_token);
    const reuse = await fetch(`${world.emulatorUrl()}/oidc/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-authing-app-id': world.appId(),
        'x-emulator-probe': 'reused refresh token',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', redirect_uri: '', refresh_token: before.refresh_token! }).toString(),
    });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('renewal by the access token’s own expiry', () => {
  test('an access token about to expire is renewed even while the id token has long to live', async () => {
    const { sim } = world.phone();
    const first = world.client();
    await signInByPhone(world, first, nextPhone());
    // Authing may give the access token a shorter life than the id token: as a relaunch would find it.
    const stored = sim.storage.peek(OIDC_KEY) as { expiresAt: number };
    sim.storage.write(OIDC_KEY, { ...stored, expiresAt: world.now() + REFRESH_MARGIN_MS / 2 });
    const { resetClients } = await import('../../lib/core');
    resetClients();
    const relaunched = world.client({ extIdpConnidentifier: 'my-wxapp' });
    const requestsBefore = requestsTo(sim, '/oidc/token');

    const state = await relaunched.getLoginState();

    expect(requestsTo(sim, '/oidc/token')).toBe(requestsBefore + 1);
    expect(state!.expires_at).toBeGreaterThan(world.now() + REFRESH_MARGIN_MS);
  });
});

describe('renewal that fails', () => {
  test('a revoked refresh token ends the session: SIGNED_OUT, SESSION_EXPIRED to the caller and onError once', async () => {
    const { sim } = world.phone();
    const errors: unknown[] = [];
    const authing = world.client({ onError: (code) => errors.push(code) });
    await signInByPhone(world, authing, nextPhone());
    await revokeElsewhere((await authing.getLoginState())!.refresh_token!);
    const events = recordEvents(authing.core);
    await world.advance(TTL_MS - 1000);
    const profileReads = requestsTo(sim, '/api/v3/get-profile');

    const error = await failureOf(authing.getUserInfo());

    expect(error.code).toBe(ErrorCodes.SESSION_EXPIRED);
    expect(errors).toEqual([ErrorCodes.SESSION_EXPIRED]);
    expect(events).toEqual(['SIGNED_OUT']);
    expect(authing.core.isLoggedIn()).toBe(false);
    expect(await authing.getLoginState()).toBeNull();
    expect(sim.storage.peek(TOKEN_KEY)).toBeFalsy();
    expect(requestsTo(sim, '/api/v3/get-profile')).toBe(profileReads);
  });

  test('offline during the renewal keeps the session; back online the next call renews and works', async () => {
    const { sim, authing, errors, before } = await signedInNearExpiry();
    const events = recordEvents(authing.core);

    sim.setOffline(true);
    const error = await failureOf(authing.getUserInfo());
    expect(error.code).toBe(ErrorCodes.NETWORK_ERROR);
    // Still signed in with the tokens it had: only Authing may end a session.
    expect(authing.core.isLoggedIn()).toBe(true);
    expect((await authing.getLoginState())!.refresh_token).toBe(before.refresh_token);
    expect(events).toEqual([]);
    expect(errors.every((code) => code === ErrorCodes.NETWORK_ERROR)).toBe(true);

    // Past expiry, still offline: the session is kept (getLoginState answers it, expired), nothing is lost.
    await world.advance(60_000);
    expect((await authing.getLoginState())!.refresh_token).toBe(before.refresh_token);

    sim.setOffline(false);
    const profile = await authing.getUserInfo();
    expect(profile.userId).toBe(authing.getUser()!.id);
    expect((await authing.getLoginState())!.refresh_token).not.toBe(before.refresh_token);
  });

  test('a renewal that fails once while the token is still valid goes unheard: the call goes on with the token it has', async () => {
    const { sim, authing, errors, before } = await signedInNearExpiry();

    sim.failNextRequests(1); // the renewal's request
    const profile = await authing.getUserInfo();

    expect(profile.userId).toBe(authing.getUser()!.id);
    expect(errors).toEqual([]);
    expect(requestsTo(sim, '/oidc/token')).toBe(1);
    expect((await authing.getLoginState())!.refresh_token).not.toBe(before.refresh_token); // renewed on this later call
  });

  test('a logout while a renewal is in flight wins: the renewed tokens are not installed', async () => {
    world.phone({ latencyMs: 30 });
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());
    await world.advance(TTL_MS - 1000);

    const call = failureOf(authing.getUserInfo());
    await authing.logout();

    expect((await call).code).toBe(ErrorCodes.CANCELLED);
    expect(authing.core.isLoggedIn()).toBe(false);
    expect(await authing.getLoginState()).toBeNull();
  });
});

describe('logout and local state', () => {
  test('logout ends the session here at once and revokes the grant at Authing: its tokens no longer work', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());
    const state = (await authing.getLoginState())!;
    const events = recordEvents(authing.core);

    await authing.logout();

    expect(events).toEqual(['SIGNED_OUT']);
    expect(bodiesTo(sim, '/oidc/token/revocation')).toEqual([{ client_id: world.appId(), token: state.refresh_token }]);
    const profile = await fetch(`${world.emulatorUrl()}/api/v3/get-profile`, {
      headers: { Authorization: state.access_token, 'x-emulator-probe': 'revoked token' },
    });
    expect(((await profile.json()) as { statusCode: number }).statusCode).not.toBe(200);
  });

  test('logout offline still signs out here', async () => {
    const { sim } = world.phone();
    const authing = world.client();
    await signInByPhone(world, authing, nextPhone());
    sim.setOffline(true);
    await authing.logout();
    expect(authing.core.isLoggedIn()).toBe(false);
    expect(sim.storage.peek(TOKEN_KEY)).toBeFalsy();
  });

  test('a relaunch finds the session without a request; clearLoginState ends it here without one', async () => {
    const { sim } = world.phone();
    const first = world.client();
    await signInByPhone(world, first, nextPhone());
    const state = (await first.getLoginState())!;

    const next = world.phone({ storage: sim.storage });
    const { resetClients } = await import('../../lib/core');
    resetClients();
    const relaunched = world.client({ extIdpConnidentifier: 'my-wxapp' }); // no lookup: only the session's own requests count
    expect(await relaunched.getLoginState()).toMatchObject({ access_token: state.access_token, refresh_token: state.refresh_token });
    const events = recordEvents(relaunched.core);
    relaunched.clearLoginState();
    expect(events).toEqual(['SIGNED_OUT']);
    expect(await relaunched.getLoginState()).toBeNull();
    expect(next.sim.counters.requests).toHaveLength(0);
  });
});
