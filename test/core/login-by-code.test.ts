/**
 * Silent WeChat login (loginByCode) against the emulator: what the mini program sees in the
 * promise, in wx storage and in onAuthStateChange.
 */
import { TOKEN_KEY, USER_KEY, type User } from '../../lib/core';
import { AUTH_PATH, emulatorUsers, recordEvents, requestsTo, useWorld } from './world';

const world = useWorld();

describe('loginByCode', () => {
  test('a silent login creates the Authing user and resolves it with a token', async () => {
    const { sim } = world.phone();
    const core = world.core();

    const user = await core.loginByCode();

    expect(user.id).toEqual(expect.any(String));
    expect(user.token).toEqual(expect.any(String));
    expect(user.openid).toBe(sim.openid);
    expect(core.isLoggedIn()).toBe(true);
    expect(core.getUser()?.id).toBe(user.id);
    expect(core.getToken()).toBe(user.token);
    const users = await emulatorUsers(world.emulator());
    expect(users.map((u) => u.id)).toContain(user.id);
    expect(sim.counters.login).toBe(1);
  });

  test('token and user are in wx storage before the promise resolves, and SIGNED_IN fires with them', async () => {
    const { sim } = world.phone();
    const core = world.core();
    const seenAtSignIn: Array<{ event: string; token: unknown; userId: unknown; sessionToken: string | null }> = [];
    core.onAuthStateChange((event, session) => {
      const stored = sim.storage.peek(USER_KEY) as User | undefined;
      seenAtSignIn.push({ event, token: sim.storage.peek(TOKEN_KEY), userId: stored?.id, sessionToken: session.token });
    });

    let storedWhenResolved: { token: unknown; user: unknown } | undefined;
    const user = await core.loginByCode().then((u) => {
      storedWhenResolved = { token: sim.storage.peek(TOKEN_KEY), user: sim.storage.peek(USER_KEY) };
      return u;
    });

    expect(storedWhenResolved?.token).toBe(user.token);
    expect(storedWhenResolved?.user).toMatchObject({ id: user.id, token: user.token });
    expect(seenAtSignIn).toEqual([{ event: 'SIGNED_IN', token: user.token, userId: user.id, sessionToken: user.token }]);
  });

  test('an app relaunched the moment the login resolves finds the user signed in', async () => {
    const { sim } = world.phone();
    const core = world.core();

    const relaunched = await core.loginByCode().then(() => {
      world.phone({ storage: sim.storage });
      return world.core();
    });

    expect(relaunched.isLoggedIn()).toBe(true);
    expect(relaunched.getUser()?.openid).toBe(sim.openid);
  });

  test('a second login on the same phone is the same Authing user', async () => {
    const { sim } = world.phone();
    const first = await world.core().loginByCode();
    const before = (await emulatorUsers(world.emulator())).length;

    const core = world.core();
    const second = await core.loginByCode();

    expect(second.id).toBe(first.id);
    expect(core.getUser()?.id).toBe(first.id);
    expect(await emulatorUsers(world.emulator())).toHaveLength(before);
    expect(sim.counters.login).toBe(2);
  });

  test('two concurrent logins make one wx.login and one request, and both get the same user', async () => {
    const { sim } = world.phone();
    const core = world.core();
    const events = recordEvents(core);

    const [a, b] = await Promise.all([core.loginByCode(), core.loginByCode()]);

    expect(a.id).toBe(b.id);
    expect(a.token).toBe(b.token);
    expect(sim.counters.login).toBe(1);
    expect(requestsTo(sim, AUTH_PATH)).toBe(1);
    expect(events).toEqual(['SIGNED_IN']);
  });

  test('a login after the first one settled is a new login, not the old result', async () => {
    const { sim } = world.phone();
    const core = world.core();

    const first = await core.loginByCode();
    const second = await core.loginByCode();

    expect(second.id).toBe(first.id);
    expect(sim.counters.login).toBe(2);
    expect(requestsTo(sim, AUTH_PATH)).toBe(2);
  });

  test('a code given by the app is used as is: no wx.login from the SDK', async () => {
    const { wx, sim } = world.phone();
    const core = world.core();
    const { code } = await wx.login();

    const user = await core.loginByCode(code);

    expect(user.openid).toBe(sim.openid);
    expect(sim.counters.login).toBe(1);
  });

  describe('with getUserInfo data from a code prefetched before the button', () => {
    test('rawData (sent as the seed SDK sends it, without signature): the profile is saved on the new user', async () => {
      const { sim } = world.phone();
      const core = world.core();
      await core.codes.prefetch();
      const detail = await sim.getUserInfo('allow');

      const user = await core.loginByCode(undefined, { rawData: detail.rawData });

      expect(user.nickname).toBe(detail.userInfo?.nickName);
      expect(user.photo).toBe(detail.userInfo?.avatarUrl);
      expect(sim.counters.login).toBe(1);
    });

    test('iv + encryptedData: decrypted under the prefetched code’s session_key and saved', async () => {
      const { sim } = world.phone();
      const core = world.core();
      await core.codes.prefetch();
      const detail = await sim.getUserInfo('allow');

      const user = await core.loginByCode(undefined, { iv: detail.iv, encryptedData: detail.encryptedData });

      expect(user.nickname).toBe(detail.userInfo?.nickName);
      expect(user.photo).toBe(detail.userInfo?.avatarUrl);
      expect(sim.counters.login).toBe(1);
    });
  });
});
