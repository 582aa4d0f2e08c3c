/**
 * The getPhoneNumber button's `code` (base library 2.21.2+): no encryptedData, so no session_key race.
 */
import { ErrorCodes } from '../../lib/core';
import { emulatorUsers, failureOf, recordEvents, useWorld } from './world';

const world = useWorld({ rotateSessionKey: 'always' });

describe('phone code flow', () => {
  test('loginByPhoneCode(detail.code) signs in the user with the phone', async () => {
    const { sim } = world.phone({ SDKVersion: '2.21.2' });
    const core = world.core();
    const events = recordEvents(core);
    await core.codes.prefetch();
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13700137001' });
    expect(detail.code).toEqual(expect.any(String));

    const user = await core.loginByPhoneCode(detail.code!);

    expect(user.phone).toBe('13700137001');
    expect(user.openid).toBe(sim.openid);
    expect(core.getUser()?.phone).toBe('13700137001');
    expect(events).toEqual(['SIGNED_IN']);
    expect(sim.counters.login).toBe(1);
  });

  test('the order does not matter: a wx.login made after the button still works', async () => {
    const { wx, sim } = world.phone();
    await wx.login(); // an earlier launch registered this phone's WeChat user
    const core = world.core();
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13700137002' });

    const user = await core.loginByPhoneCode(detail.code!);

    expect(user.phone).toBe('13700137002');
    expect(sim.counters.login).toBe(2);
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

  test('getPhoneByCode returns countryCode, phoneNumber and purePhoneNumber and signs no one in', async () => {
    const { wx, sim } = world.phone();
    await wx.login();
    const core = world.core();
    const events = recordEvents(core);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13700137003' });
    const usersBefore = await emulatorUsers(world.emulator());

    const phone = await core.getPhoneByCode(detail.code!);

    expect(phone).toMatchObject({ countryCode: '86', phoneNumber: '13700137003', purePhoneNumber: '13700137003' });
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
});
