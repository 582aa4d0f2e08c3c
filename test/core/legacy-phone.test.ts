/**
 * The legacy phone button (iv + encryptedData): the wx.login code must exist before the tap, since
 * wx.login may rotate the session_key the encryptedData was made under.
 */
import { ErrorCodes } from '../../lib/core';
import { emulatorUsers, failureOf, recordEvents, startSlowProxy, useWorld } from './world';

describe('legacy phone login, emulator rotating the session_key at every wx.login', () => {
  const world = useWorld({ rotateSessionKey: 'always' });

  test('code prefetched before the button: loginByPhone signs in the user with that phone', async () => {
    const { sim } = world.phone();
    const core = world.core();
    const events = recordEvents(core);
    await core.codes.prefetch();
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13800138001' });

    const user = await core.loginByPhone(await core.codes.take(), detail.iv!, detail.encryptedData!);

    expect(user.phone).toBe('13800138001');
    expect(user.phoneVerified).toBe(true);
    expect(core.getUser()?.phone).toBe('13800138001');
    expect(events).toEqual(['SIGNED_IN']);
    expect(sim.counters.login).toBe(1);
    const stored = (await emulatorUsers(world.emulator())).find((u) => u.id === user.id);
    expect(stored?.phone).toBe('13800138001');
  });

  test('a component keeping the code fresh on screen: its tap logs in (no wx.login between the tap and the exchange)', async () => {
    const { sim } = world.phone();
    // A slow link to Authing: a wx.login started after the tap reaches WeChat before Authing exchanges the code.
    const slowAuthing = await startSlowProxy(world.emulator().url, 300);
    const core = world.core({ host: slowAuthing.url });
    const release = core.codes.keepFresh(); // what the phone button does while attached
    try {
      await core.codes.prefetch();
      const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13800138004' });

      const user = await core.loginByPhone(await core.codes.take(), detail.iv!, detail.encryptedData!);

      expect(user.phone).toBe('13800138004');
    } finally {
      release();
      await slowAuthing.close();
    }
  });

  test('button first, wx.login after: an AuthingError says the session_key changed, and the session is kept', async () => {
    const { sim } = world.phone();
    const onError = jest.fn();
    const core = world.core({ onError });
    const signedIn = await core.loginByCode(); // the silent login that registered this phone's WeChat user
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13800138002' });

    // The wrong order: no code was held, so one is fetched now, after the button.
    const error = await failureOf(core.loginByPhone(await core.codes.take(), detail.iv!, detail.encryptedData!));

    expect(typeof error.code).toBe('number');
    expect(error.message).toMatch(/session_key/);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(error.code, error.message, error.data);
    expect(core.getUser()?.id).toBe(signedIn.id);
    expect(core.getUser()?.phone ?? null).toBeNull();
  });

  test('an empty iv or encryptedData (a denied button) is refused before any request', async () => {
    const { sim } = world.phone();
    const core = world.core();
    await core.codes.prefetch();
    const denied = await sim.getPhoneNumber('deny');
    const requestsBefore = sim.counters.requests.length;

    const error = await failureOf(core.loginByPhone(await core.codes.take(), denied.iv as string, denied.encryptedData as string));

    expect(error.code).toBe(ErrorCodes.INVALID_ARGUMENT);
    expect(sim.counters.requests.length).toBe(requestsBefore);
    expect(core.isLoggedIn()).toBe(false);
  });

  test('getPhone returns the number and signs no one in', async () => {
    const { sim } = world.phone();
    const core = world.core();
    const events = recordEvents(core);
    await core.codes.prefetch();
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13800138003' });
    const usersBefore = await emulatorUsers(world.emulator());

    const phone = await core.getPhone(await core.codes.take(), detail.iv!, detail.encryptedData!);

    expect(phone).toMatchObject({ countryCode: '86', phoneNumber: '13800138003', purePhoneNumber: '13800138003' });
    expect(phone.openid).toBe(sim.openid);
    expect(core.isLoggedIn()).toBe(false);
    expect(events).toEqual([]);
    expect(sim.storage.has('_authing_token')).toBe(false);
    expect(await emulatorUsers(world.emulator())).toHaveLength(usersBefore.length);
  });
});

describe('legacy phone login, emulator rotating the session_key at every other wx.login', () => {
  const world = useWorld({ rotateSessionKey: 'alternate' });

  test('the correct order works login after login, as the same user', async () => {
    const { sim } = world.phone();
    const ids: string[] = [];
    for (let round = 0; round < 4; round++) {
      const core = world.core();
      await core.codes.prefetch();
      const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13900139000' });
      const user = await core.loginByPhone(await core.codes.take(), detail.iv!, detail.encryptedData!);
      expect(user.phone).toBe('13900139000');
      ids.push(user.id);
    }
    expect(new Set(ids).size).toBe(1);
    expect(sim.counters.login).toBe(4);
  });
});
