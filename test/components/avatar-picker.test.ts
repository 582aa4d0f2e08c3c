// <avatar-picker> from the built miniprogram_dist, against the emulator.
import { attr, captureWarnings, domClass, textOf, useComponentEnv } from './harness';

const env = useComponentEnv();

/** The phone's WeChat user signed in through the app's client, before the picker is shown. */
async function signedIn(phone: ReturnType<typeof env.phone>) {
  const core = env.coreFor(phone);
  const client = core.getClient(env.appProps());
  const user = await client.loginByCode();
  return { client, user };
}

describe('avatar-picker, base library 2.21.2+ (chooseAvatar)', () => {
  test('signed in: shows the current avatar, and the picked one is uploaded and saved', async () => {
    const phone = env.phone({ SDKVersion: '3.4.0' });
    const { client, user } = await signedIn(phone);
    const m = env.mount('avatar-picker', phone);
    const button = m.node('wx-button');
    expect(attr(button, 'openType')).toBe('chooseAvatar');
    expect(button.event.chooseavatar.handler).toBe('onChooseAvatar');
    expect(attr(button, 'ariaLabel')).toBe('更换头像');
    expect(attr(m.node('wx-image'), 'src')).toBe(user.photo);

    const picked = await phone.sim.chooseAvatar('choose');
    await m.fire('.authing-avatar', 'tap');
    await m.fire('.authing-avatar', 'chooseavatar', picked);
    await m.settle();

    expect(m.events.map((e) => e.type)).toEqual(['success']);
    const updated = m.events[0].detail;
    expect(updated.id).toBe(user.id);
    expect(updated.photo).toMatch(/^http/);
    expect(updated.photo).not.toBe(user.photo);
    expect(phone.sim.counters.uploads).toEqual([expect.objectContaining({ filePath: picked!.avatarUrl })]);
    expect(client.getUser()?.photo).toBe(updated.photo);
    expect(attr(m.node('wx-image'), 'src')).toBe(updated.photo);
    expect((await env.emulator().users()).find((u) => u.id === user.id)?.photo).toBe(updated.photo);
  });

  test('not signed in: no chooseAvatar open-type, and a tap is `fail` NOT_LOGGED_IN before any picker', async () => {
    const phone = env.phone({ SDKVersion: '3.4.0' });
    const m = env.mount('avatar-picker', phone, { props: env.appProps() });
    expect(attr(m.node('wx-button'), 'openType')).toBe('');
    expect(textOf(m.node('wx-button'))).toBe('头像');

    await m.fire('.authing-avatar', 'tap');
    await m.settle();

    expect(m.events).toEqual([{ type: 'fail', detail: expect.objectContaining({ code: 'NOT_LOGGED_IN' }) }]);
    expect(phone.sim.counters.uploads).toEqual([]);
  });

  test('follows the session: a login after mount shows the avatar and enables the picker; detached, it stops listening', async () => {
    const phone = env.phone({ SDKVersion: '3.4.0' });
    const m = env.mount('avatar-picker', phone, { props: env.appProps() });
    const client = m.core.getClient(env.appProps());
    expect(m.comp.data.loggedIn).toBe(false);

    const user = await client.loginByCode();
    expect(m.comp.data).toMatchObject({ loggedIn: true, avatarUrl: user.photo });
    expect(attr(m.node('wx-button'), 'openType')).toBe('chooseAvatar');

    m.detach();
    await client.logout();
    expect(m.comp.data).toMatchObject({ loggedIn: true, avatarUrl: user.photo });
  });

  test('a chooseAvatar event without a file (closed sheet): `cancel`, nothing uploaded, nothing shown', async () => {
    const phone = env.phone({ SDKVersion: '3.4.0' });
    await signedIn(phone);
    const m = env.mount('avatar-picker', phone);

    await m.fire('.authing-avatar', 'chooseavatar', { errMsg: 'chooseAvatar:fail cancel' });
    await m.settle();

    expect(m.events).toEqual([{ type: 'cancel', detail: expect.objectContaining({ code: 'CANCELLED' }) }]);
    expect(phone.sim.counters.uploads).toEqual([]);
    expect(phone.sim.ui).toEqual([]);
  });
});

describe('avatar-picker, base library below 2.21.2 (chooseMedia)', () => {
  test('the tap opens chooseMedia; the picked image is saved', async () => {
    const phone = env.phone({ SDKVersion: '2.20.0' });
    const { user } = await signedIn(phone);
    const m = env.mount('avatar-picker', phone);
    expect(attr(m.node('wx-button'), 'openType')).toBe('');

    await m.fire('.authing-avatar', 'tap');
    await m.settle();

    expect(m.events).toEqual([
      { type: 'success', detail: expect.objectContaining({ id: user.id, photo: expect.stringMatching(/^http/) }) },
    ]);
    expect(phone.sim.counters.uploads).toHaveLength(1);
  });

  test('the picker closed: `cancel`, nothing uploaded, nothing shown', async () => {
    const phone = env.phone({ SDKVersion: '2.20.0' });
    await signedIn(phone);
    const m = env.mount('avatar-picker', phone);
    phone.sim.setNextPick('cancel');

    await m.fire('.authing-avatar', 'tap');
    await m.settle();

    expect(m.events).toEqual([{ type: 'cancel', detail: expect.objectContaining({ code: 'CANCELLED' }) }]);
    expect(phone.sim.counters.uploads).toEqual([]);
    expect(phone.sim.ui).toEqual([]);
  });
});

describe('avatar-picker: texts, slot, classes, size', () => {
  test('lang="en-US", size, shape, slot and external classes', async () => {
    const phone = env.phone({ SDKVersion: '3.4.0' });
    const { appId, host } = env.appProps();
    const m = env.mount('avatar-picker', phone, {
      template: `<avatar-picker id="subject" app-id="${appId}" host="${host}" lang="en-US" size="160rpx" shape="square" custom-class="framed" placeholder-class="grey"><text>✎</text></avatar-picker>`,
    });
    const button = m.node('wx-button');
    expect(attr(button, 'ariaLabel')).toBe('Change avatar');
    expect(attr(button, 'style')).toBe('width: 160rpx; height: 160rpx;');
    expect(domClass(m, 'wx-button')).toContain('framed');
    expect(domClass(m, 'wx-button')).toContain('authing-avatar--square');
    expect(domClass(m, 'wx-button > wx-view')).toContain('grey');
    expect(m.comp.dom?.querySelector('wx-button')?.textContent).toContain('Avatar');
    expect(m.comp.dom?.querySelector('wx-button')?.textContent).toContain('✎');
  });
});

describe('avatar-picker: typed properties', () => {
  test('an unknown shape warns and the avatar is a circle', async () => {
    const warnings = captureWarnings();
    const phone = env.phone({ SDKVersion: '3.4.0' });
    const m = env.mount('avatar-picker', phone, { props: { ...env.appProps(), shape: 'round' } });
    expect(warnings).toEqual([[expect.stringMatching(/shape="round" is none of "circle", "square"; using "circle"/)]]);
    expect(domClass(m, 'wx-button')).toContain('authing-avatar--circle');
    expect(domClass(m, 'wx-button')).not.toContain('round');
  });
});
