// <login-button> from the built miniprogram_dist, against the emulator (rotating the session_key at every other wx.login).
import { attr, captureWarnings, domClass, LOGIN_PATH, requestsTo, textOf, TOKEN_KEY, until, useComponentEnv, watchLogins } from './harness';

const env = useComponentEnv(['--rotate-session-key', 'alternate']);

function clientOf(m: ReturnType<typeof env.mount>) {
  return m.core.getClient(env.appProps());
}

describe('login-button, mode="silent" (default)', () => {
  test('a plain button; the tap logs in with the code prefetched on attach and stores the session', async () => {
    const phone = env.phone();
    const m = env.mount('login-button', phone, { props: env.appProps() });
    const button = m.node('wx-button');
    expect(attr(button, 'openType')).toBeFalsy();
    expect(button.event.tap.handler).toBe('onTap');
    expect(textOf(button)).toBe('微信一键登录');
    await until(() => clientOf(m).codes.hasUsableCode(), 'the prefetched code');

    await m.fire('.authing-button', 'tap');
    await m.settle();

    expect(m.events.map((e) => e.type)).toEqual(['success']);
    const user = m.events[0].detail;
    expect(user).toMatchObject({ openid: phone.sim.openid, token: expect.any(String) });
    expect(phone.sim.storage.read(TOKEN_KEY)).toEqual({ found: true, value: user.token });
    expect(phone.sim.counters.login).toBe(1);
    expect(requestsTo(phone.sim, LOGIN_PATH)).toBe(1);
  });

  test('a double tap is one login request', async () => {
    const phone = env.phone();
    const m = env.mount('login-button', phone, { props: env.appProps() });

    await m.fire('.authing-button', 'tap');
    expect(attr(m.node('wx-button'), 'ariaBusy')).toBe(true);
    await m.fire('.authing-button', 'tap');
    await m.settle();

    expect(requestsTo(phone.sim, LOGIN_PATH)).toBe(1);
    expect(m.events.map((e) => e.type)).toEqual(['success']);
  });

  test('no app-id and no client: `fail` NO_CLIENT with a toast, nothing sent', async () => {
    const phone = env.phone();
    const m = env.mount('login-button', phone);

    await m.fire('.authing-button', 'tap');
    await m.settle();

    expect(m.events).toEqual([{ type: 'fail', detail: expect.objectContaining({ code: 'NO_CLIENT' }) }]);
    expect(phone.sim.counters.requests).toEqual([]);
    expect(phone.sim.ui).toEqual([{ api: 'showToast', options: { title: '登录组件未配置 app-id', icon: 'none' } }]);
  });

  test('the app creates its client after the button attached (a page’s onLoad): the tap finds it', async () => {
    const phone = env.phone();
    const m = env.mount('login-button', phone);
    const appClient = m.core.getClient(env.appProps());

    await m.fire('.authing-button', 'tap');
    await m.settle();

    expect(m.events.map((e) => e.type)).toEqual(['success']);
    expect(appClient.isLoggedIn()).toBe(true);
  });

  test('error-toast="{{false}}": the failure is only an event', async () => {
    const phone = env.phone();
    const m = env.mount('login-button', phone, { props: { errorToast: false } });

    await m.fire('.authing-button', 'tap');
    await m.settle();

    expect(m.events.map((e) => e.type)).toEqual(['fail']);
    expect(phone.sim.ui).toEqual([]);
  });

  test('lang="en-US", slot content and external classes', async () => {
    const phone = env.phone();
    const { appId, host } = env.appProps();
    const m = env.mount('login-button', phone, {
      template: `<login-button id="subject" app-id="${appId}" host="${host}" lang="en-US" custom-class="wide" label-class="bold">Sign in</login-button>`,
    });

    expect(attr(m.node('wx-button'), 'ariaLabel')).toBe('Log in with WeChat');
    expect(domClass(m, 'wx-button')).toContain('wide');
    expect(domClass(m, 'wx-button > wx-text')).toContain('bold');
    expect(m.comp.dom?.querySelector('wx-button wx-view')?.textContent).toBe('Sign in');
  });
});

describe('login-button, mode="profile", base library 2.21.2+', () => {
  test('avatar button + nickname input, then login, upload and profile', async () => {
    const phone = env.phone({ SDKVersion: '3.4.0' });
    const m = env.mount('login-button', phone, { props: { ...env.appProps(), mode: 'profile' } });
    const avatarButton = m.node('wx-button', 0);
    expect(attr(avatarButton, 'openType')).toBe('chooseAvatar');
    expect(avatarButton.event.chooseavatar.handler).toBe('onChooseAvatar');
    const input = m.node('wx-input');
    expect(attr(input, 'type')).toBe('nickname');
    expect(attr(input, 'placeholder')).toBe('请输入昵称');
    const submit = m.node('wx-button', 1);
    expect(textOf(submit)).toBe('登录');
    expect(attr(submit, 'openType')).toBeFalsy();

    const picked = await phone.sim.chooseAvatar('choose');
    await m.fire('.authing-profile__avatar', 'chooseavatar', picked);
    expect(attr(m.node('wx-image'), 'src')).toBe(picked!.avatarUrl);
    await m.fire('.authing-profile__nickname', 'input', { value: 'Bob' });
    await m.fire('.authing-button', 'tap');
    await m.settle();

    expect(m.events.map((e) => e.type)).toEqual(['success']);
    const user = m.events[0].detail;
    expect(user.nickname).toBe('Bob');
    expect(user.photo).toMatch(/^http/);
    expect(user.photo).not.toBe(picked!.avatarUrl);
    expect(phone.sim.counters.uploads).toHaveLength(1);
    expect(phone.sim.counters.uploads[0].filePath).toBe(picked!.avatarUrl);
    // Photo and nickname are saved together: one GraphQL call after the login.
    expect(phone.sim.counters.requests.filter((r) => r.url.endsWith('/graphql/v2'))).toHaveLength(1);
    const stored = (await env.emulator().users()).find((u) => u.id === user.id);
    expect(stored).toMatchObject({ nickname: 'Bob', photo: user.photo });
    expect(clientOf(m).getUser()).toMatchObject({ nickname: 'Bob', photo: user.photo });
  });

  test('a nickname WeChat refuses (nicknamereview pass=false) is not saved', async () => {
    const phone = env.phone({ SDKVersion: '3.4.0' });
    const m = env.mount('login-button', phone, { props: { ...env.appProps(), mode: 'profile' } });

    await m.fire('.authing-profile__nickname', 'input', { value: 'bad name' });
    await m.fire('.authing-profile__nickname', 'nicknamereview', { pass: false, timeout: false });
    await m.fire('.authing-button', 'tap');
    await m.settle();

    expect(m.events.map((e) => e.type)).toEqual(['success']);
    expect(m.events[0].detail.nickname ?? null).toBeNull();
    expect(phone.sim.counters.uploads).toHaveLength(0);
  });

  test('lang="en-US"', async () => {
    const phone = env.phone({ SDKVersion: '3.4.0' });
    const m = env.mount('login-button', phone, { props: { ...env.appProps(), mode: 'profile', lang: 'en-US' } });
    expect(attr(m.node('wx-input'), 'placeholder')).toBe('Enter a nickname');
    expect(textOf(m.node('wx-button', 1))).toBe('Log in');
    expect(textOf(m.node('wx-button', 0))).toBe('Choose avatar');
  });
});

describe('login-button, mode="profile", base libraries below 2.21.2', () => {
  test('below 2.10.4: the silent login button (getUserInfo only answers "微信用户" since 2021-04-13), no profile prompt', async () => {
    const phone = env.phone({ SDKVersion: '2.9.0' });
    const m = env.mount('login-button', phone, { props: { ...env.appProps(), mode: 'profile' } });
    const button = m.node('wx-button');
    expect(attr(button, 'openType')).toBeFalsy();
    expect(button.event.getuserinfo).toBeUndefined();
    expect(textOf(button)).toBe('微信一键登录');

    await m.fire('.authing-button', 'tap');
    await m.settle();

    expect(m.events).toEqual([{ type: 'success', detail: expect.objectContaining({ openid: phone.sim.openid }) }]);
    expect(phone.sim.ui).toEqual([]);
    expect(requestsTo(phone.sim, LOGIN_PATH)).toBe(1);
  });

  test('2.10.4 – 2.21.1: wx.getUserProfile from the tap, with the held code', async () => {
    const phone = env.phone({ SDKVersion: '2.15.0' });
    const timeline = watchLogins(phone, [LOGIN_PATH]);
    const m = env.mount('login-button', phone, { props: { ...env.appProps(), mode: 'profile' } });
    expect(attr(m.node('wx-button'), 'openType')).toBeFalsy();
    expect(textOf(m.node('wx-button'))).toBe('授权登录');
    await until(() => clientOf(m).codes.hasUsableCode(), 'a held code');

    await m.fire('.authing-button', 'tap');
    await m.settle();

    expect(m.events).toEqual([{ type: 'success', detail: expect.objectContaining({ openid: phone.sim.openid }) }]);
    expect(timeline.requests.find((r) => r.path === LOGIN_PATH)?.logins).toBe(1);
  });

  test('a held code gone stale while timers slept (app in background): the tap reports LOGIN_CODE_UNAVAILABLE instead of a wx.login after the tap, and the next tap works', async () => {
    jest.useFakeTimers({ advanceTimers: true, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const phone = env.phone({ SDKVersion: '2.15.0' });
    const timeline = watchLogins(phone, [LOGIN_PATH]);
    const m = env.mount('login-button', phone, { props: { ...env.appProps(), mode: 'profile' } });
    try {
      const client = clientOf(m);
      await until(() => client.codes.hasUsableCode(), 'a held code');
      // Six minutes pass with no timer firing, as when WeChat suspends a backgrounded mini program.
      jest.setSystemTime(Date.now() + 6 * 60 * 1000);
      await env.emulator().advanceClock(6 * 60 * 1000);
      const loginsAtTap = phone.sim.counters.login;

      await m.fire('.authing-button', 'tap');
      await m.settle();

      expect(m.events).toEqual([{ type: 'fail', detail: expect.objectContaining({ code: 'LOGIN_CODE_UNAVAILABLE' }) }]);
      expect(requestsTo(phone.sim, LOGIN_PATH)).toBe(0);
      await until(() => client.codes.hasUsableCode(), 'the code fetched for the next tap');
      expect(phone.sim.counters.login).toBe(loginsAtTap + 1);

      await m.fire('.authing-button', 'tap');
      await m.settle();
      expect(m.events[1]).toMatchObject({ type: 'success' });
      expect(timeline.loginsDuringExchange).toBe(0);
    } finally {
      m.detach();
      jest.useRealTimers();
    }
  });
});

describe('login-button: typed properties', () => {
  test('an unknown mode warns once, naming the property, and the button works as mode="silent"', async () => {
    const warnings = captureWarnings();
    const phone = env.phone({ SDKVersion: '3.4.0' });
    const m = env.mount('login-button', phone, { props: { ...env.appProps(), mode: 'profil' } });

    expect(warnings).toEqual([[expect.stringMatching(/mode="profil" is none of "silent", "profile"; using "silent"/)]]);
    expect(m.comp.dom?.querySelector('wx-input')).toBeNull();
    expect(textOf(m.node('wx-button'))).toBe('微信一键登录');
    await m.fire('.authing-button', 'tap');
    await m.settle();
    expect(m.events.map((e) => e.type)).toEqual(['success']);
  });

  test('an unknown lang warns and falls back to the client’s language', async () => {
    const warnings = captureWarnings();
    const phone = env.phone();
    const m = env.mount('login-button', phone, { props: { ...env.appProps(), lang: 'en' } });
    expect(warnings).toEqual([[expect.stringMatching(/lang="en" is none of "", "zh-CN", "en-US"/)]]);
    expect(textOf(m.node('wx-button'))).toBe('微信一键登录');
  });
});
