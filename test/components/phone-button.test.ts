// <phone-button> from the built miniprogram_dist, against the emulator (rotating the session_key at every other wx.login).
import {
  attr,
  captureWarnings,
  domClass,
  GETPHONE_PATH,
  PHONE_CODE_LOGIN_PATH,
  PHONE_LOGIN_PATH,
  requestsTo,
  textOf,
  TOKEN_KEY,
  until,
  useComponentEnv,
  watchLogins,
} from './harness';

const env = useComponentEnv(['--rotate-session-key', 'alternate']);

const MODERN = '3.4.0';
/** The last base library without getPhoneNumber's `code`: iv + encryptedData only. */
const LEGACY = '2.21.1';

function clientOf(m: ReturnType<typeof env.mount>) {
  return m.core.getClient(env.appProps());
}

describe('phone-button, base library 2.21.2+ (phone code)', () => {
  test('renders an open-type="getPhoneNumber" button and signs the user in with the tapped phone', async () => {
    const phone = env.phone({ SDKVersion: MODERN });
    const m = env.mount('phone-button', phone, { props: env.appProps() });
    const button = m.node('wx-button');
    expect(attr(button, 'openType')).toBe('getPhoneNumber');
    expect(button.event.getphonenumber.handler).toBe('onGetPhoneNumber');
    expect(attr(button, 'phoneNumberNoQuotaToast')).toBe(true);
    expect(textOf(button)).toBe('手机号快捷登录');
    await until(() => clientOf(m).codes.hasUsableCode(), 'the prefetched login code');
    // The identity source the v3 call names is looked up on attach, before any tap.
    await until(() => requestsTo(phone.sim, `/api/v2/applications/${env.appProps().appId}/public-config`) === 1, 'the public config');

    await m.fire('.authing-button', 'getphonenumber', await phone.sim.getPhoneNumber('allow', { phoneNumber: '13800138001' }));
    await m.settle();

    expect(m.events.map((e) => e.type)).toEqual(['success']);
    const user = m.events[0].detail;
    // A v3 login: the user of the id token's claims, in the same User shape as the other logins.
    expect(user).toMatchObject({ id: expect.any(String), phone: '13800138001', phoneVerified: true, token: expect.any(String) });
    // The session: in the shared client and in wx storage, where a relaunch finds it.
    const stored = phone.sim.storage.read(TOKEN_KEY);
    expect(stored).toEqual({ found: true, value: user.token });
    expect(clientOf(m).getUser()?.id).toBe(user.id);
    expect(requestsTo(phone.sim, PHONE_CODE_LOGIN_PATH)).toBe(1);
    expect(phone.sim.ui).toEqual([]);
    expect(m.comp.data.loading).toBe(false);
  });

  test('a double tap is one billed request: busy, the button loses its open-type and ignores the second event', async () => {
    const phone = env.phone({ SDKVersion: MODERN });
    const m = env.mount('phone-button', phone, { props: env.appProps() });
    await until(() => clientOf(m).codes.hasUsableCode(), 'the prefetched login code');
    const first = await phone.sim.getPhoneNumber('allow');
    const second = await phone.sim.getPhoneNumber('allow');

    await m.fire('.authing-button', 'getphonenumber', first);
    const busy = m.node('wx-button');
    expect(attr(busy, 'openType')).toBe('');
    expect(attr(busy, 'ariaBusy')).toBe(true);
    expect(domClass(m, 'wx-button')).toContain('authing--loading');
    await m.fire('.authing-button', 'getphonenumber', second);
    await m.settle();

    expect(requestsTo(phone.sim, PHONE_CODE_LOGIN_PATH)).toBe(1);
    expect(m.events.map((e) => e.type)).toEqual(['success']);
    expect(attr(m.node('wx-button'), 'openType')).toBe('getPhoneNumber');
  });

  test('the user says no: `cancel`, no request, nothing shown', async () => {
    const phone = env.phone({ SDKVersion: MODERN });
    const m = env.mount('phone-button', phone, { props: env.appProps() });

    await m.fire('.authing-button', 'getphonenumber', await phone.sim.getPhoneNumber('deny'));
    await m.settle();

    expect(m.events).toEqual([{ type: 'cancel', detail: expect.objectContaining({ code: 'CANCELLED' }) }]);
    expect(requestsTo(phone.sim, PHONE_CODE_LOGIN_PATH)).toBe(0);
    expect(phone.sim.ui.filter((u) => u.api === 'showModal' || u.api === 'showToast')).toEqual([]);
    expect(phone.sim.storage.has(TOKEN_KEY)).toBe(false);
  });

  test.each([
    ['quota', 'PHONE_QUOTA_EXHAUSTED', 1400001],
    ['no-permission', 'NO_PERMISSION', undefined],
    ['privacy', 'PRIVACY_NOT_AUTHORIZED', 104],
  ] as const)('WeChat refuses (%s): `fail` with code %s and the errno kept in data', async (outcome, code, errno) => {
    const phone = env.phone({ SDKVersion: MODERN });
    const m = env.mount('phone-button', phone, { props: env.appProps() });

    await m.fire('.authing-button', 'getphonenumber', await phone.sim.getPhoneNumber(outcome));
    await m.settle();

    expect(m.events).toHaveLength(1);
    expect(m.events[0]).toMatchObject({ type: 'fail', detail: { code } });
    expect((m.events[0].detail.data as { errno?: number }).errno).toBe(errno);
    expect(requestsTo(phone.sim, PHONE_CODE_LOGIN_PATH)).toBe(0);
    // WeChat shows its own quota notice (phone-number-no-quota-toast): no second one from us.
    const toasts = phone.sim.ui.filter((u) => u.api === 'showToast');
    expect(toasts).toHaveLength(outcome === 'quota' ? 0 : 1);
    expect(phone.sim.ui.filter((u) => u.api === 'showModal')).toEqual([]);
  });

  test('phone-number-no-quota-toast="{{false}}" is passed to the button, and then the quota failure gets our toast', async () => {
    const phone = env.phone({ SDKVersion: MODERN });
    const m = env.mount('phone-button', phone, { props: { ...env.appProps(), phoneNumberNoQuotaToast: false } });
    expect(attr(m.node('wx-button'), 'phoneNumberNoQuotaToast')).toBe(false);

    await m.fire('.authing-button', 'getphonenumber', await phone.sim.getPhoneNumber('quota'));
    await m.settle();

    expect(m.events[0]).toMatchObject({ type: 'fail', detail: { code: 'PHONE_QUOTA_EXHAUSTED' } });
    expect(phone.sim.ui).toEqual([{ api: 'showToast', options: { title: '手机号验证次数已用完', icon: 'none' } }]);
  });

  test('mode="phone" reads the number and signs no one in', async () => {
    const phone = env.phone({ SDKVersion: MODERN });
    await phone.wx.login(); // an earlier launch registered this WeChat user
    const m = env.mount('phone-button', phone, { props: { ...env.appProps(), mode: 'phone' } });
    expect(textOf(m.node('wx-button'))).toBe('获取手机号');

    await m.fire('.authing-button', 'getphonenumber', await phone.sim.getPhoneNumber('allow', { phoneNumber: '13800138002' }));
    await m.settle();

    expect(m.events).toEqual([
      {
        type: 'success',
        detail: expect.objectContaining({ countryCode: '86', phoneNumber: '13800138002', purePhoneNumber: '13800138002' }),
      },
    ]);
    expect(phone.sim.storage.has(TOKEN_KEY)).toBe(false);
    expect(requestsTo(phone.sim, PHONE_CODE_LOGIN_PATH)).toBe(0);
  });

  test('disabled: no open-type, aria-disabled, the disabled class, and an event is ignored', async () => {
    const phone = env.phone({ SDKVersion: MODERN });
    const m = env.mount('phone-button', phone, { props: { ...env.appProps(), disabled: true } });
    const button = m.node('wx-button');
    expect(attr(button, 'openType')).toBe('');
    expect(attr(button, 'disabled')).toBe(true);
    expect(attr(button, 'ariaDisabled')).toBe(true);
    expect(domClass(m, 'wx-button')).toContain('authing--disabled');

    await m.fire('.authing-button', 'getphonenumber', await phone.sim.getPhoneNumber('deny'));
    expect(m.events).toEqual([]);
  });
});

describe('phone-button, base library below 2.21.2 (iv + encryptedData)', () => {
  test('tap after tap on one button, with the session_key rotating at every other wx.login: each exchange uses a code from before its tap', async () => {
    const phone = env.phone({ SDKVersion: LEGACY });
    const timeline = watchLogins(phone, [PHONE_LOGIN_PATH]);
    const m = env.mount('phone-button', phone, { props: env.appProps() });
    const client = clientOf(m);
    const ids: string[] = [];

    for (let round = 1; round <= 4; round++) {
      await until(() => client.codes.hasUsableCode(), `round ${round}: a held code`);
      const loginsAtTap = phone.sim.counters.login;
      const detail = await phone.sim.getPhoneNumber('allow', { phoneNumber: '13900139001' });
      expect(detail.code).toBeUndefined();

      await m.fire('.authing-button', 'getphonenumber', detail);
      await m.settle();

      const exchange = timeline.requests.filter((r) => r.path === PHONE_LOGIN_PATH)[round - 1];
      expect(exchange.logins).toBe(loginsAtTap);
      expect(m.events[round - 1]).toMatchObject({ type: 'success', detail: { phone: '13900139001' } });
      ids.push(String(m.events[round - 1].detail.id));
    }
    expect(new Set(ids).size).toBe(1);
    expect(timeline.loginsDuringExchange).toBe(0);
    expect(phone.sim.storage.read(TOKEN_KEY)).toMatchObject({ found: true });
  });

  test('mode="phone": getPhone with the held code', async () => {
    const phone = env.phone({ SDKVersion: LEGACY });
    const m = env.mount('phone-button', phone, { props: { ...env.appProps(), mode: 'phone' } });
    await until(() => clientOf(m).codes.hasUsableCode(), 'the held code');

    await m.fire('.authing-button', 'getphonenumber', await phone.sim.getPhoneNumber('allow', { phoneNumber: '13900139002' }));
    await m.settle();

    expect(m.events).toEqual([{ type: 'success', detail: expect.objectContaining({ purePhoneNumber: '13900139002' }) }]);
    expect(requestsTo(phone.sim, GETPHONE_PATH)).toBe(1);
    expect(phone.sim.storage.has(TOKEN_KEY)).toBe(false);
  });

  test('a held code is refreshed at 4 minutes, so a tap at 5½ minutes still exchanges a live code', async () => {
    jest.useFakeTimers({ advanceTimers: true, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const phone = env.phone({ SDKVersion: LEGACY });
    const timeline = watchLogins(phone, [PHONE_LOGIN_PATH]);
    const m = env.mount('phone-button', phone, { props: env.appProps() });
    try {
      const client = clientOf(m);
      await until(() => client.codes.hasUsableCode(), 'the first held code');
      expect(phone.sim.counters.login).toBe(1);

      // Four minutes on both clocks: the core replaces the code before WeChat would refuse it.
      await env.emulator().advanceClock(4 * 60 * 1000);
      jest.advanceTimersByTime(4 * 60 * 1000);
      await until(() => phone.sim.counters.login === 2 && (client.codes.age() ?? Infinity) < 60 * 1000, 'the refreshed code');

      // Another minute and a half: the first code would now be 5½ minutes old, dead at WeChat.
      await env.emulator().advanceClock(90 * 1000);
      jest.advanceTimersByTime(90 * 1000);
      expect(phone.sim.counters.login).toBe(2);
      await m.fire('.authing-button', 'getphonenumber', await phone.sim.getPhoneNumber('allow', { phoneNumber: '13900139003' }));
      await m.settle();

      expect(m.events).toEqual([{ type: 'success', detail: expect.objectContaining({ phone: '13900139003' }) }]);
      expect(timeline.requests.find((r) => r.path === PHONE_LOGIN_PATH)?.logins).toBe(2);
      expect(timeline.loginsDuringExchange).toBe(0);
    } finally {
      m.detach();
      jest.useRealTimers();
    }
  });
});

describe('phone-button: back from the background', () => {
  test('the page shows again after timers slept past the code’s lifetime: a new code is fetched before the tap', async () => {
    jest.useFakeTimers({ advanceTimers: true, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const phone = env.phone({ SDKVersion: LEGACY });
    const timeline = watchLogins(phone, [PHONE_LOGIN_PATH]);
    const m = env.mount('phone-button', phone, { props: env.appProps() });
    try {
      const client = clientOf(m);
      await until(() => client.codes.hasUsableCode(), 'the first held code');
      // Ten minutes in the background: WeChat suspended the timers, so the refresh never ran.
      jest.setSystemTime(Date.now() + 10 * 60 * 1000);
      await env.emulator().advanceClock(10 * 60 * 1000);
      expect(client.codes.hasUsableCode()).toBe(false);

      m.pageShow();
      await until(() => client.codes.hasUsableCode(), 'the code fetched on page show');
      expect(phone.sim.counters.login).toBe(2);
      await m.fire('.authing-button', 'getphonenumber', await phone.sim.getPhoneNumber('allow'));
      await m.settle();

      expect(m.events.map((e) => e.type)).toEqual(['success']);
      expect(timeline.requests.find((r) => r.path === PHONE_LOGIN_PATH)?.logins).toBe(2);
    } finally {
      m.detach();
      jest.useRealTimers();
    }
  });
});

describe('phone-button: which client', () => {
  test('no app-id: the client the app created first, so the button signs in the app’s own session', async () => {
    const phone = env.phone({ SDKVersion: MODERN });
    const core = env.coreFor(phone);
    const appClient = core.getClient(env.appProps()); // what `new AuthenticationClient({ appId, host })` registers
    const m = env.mount('phone-button', phone);
    await until(() => appClient.codes.hasUsableCode(), 'the prefetched code on the app’s client');

    await m.fire('.authing-button', 'getphonenumber', await phone.sim.getPhoneNumber('allow'));
    await m.settle();

    expect(m.events.map((e) => e.type)).toEqual(['success']);
    expect(appClient.isLoggedIn()).toBe(true);
    expect(m.core.getDefaultClient()).toBe(appClient);
  });

  test('no app-id and no client: `fail` NO_CLIENT, and nothing is sent', async () => {
    const phone = env.phone({ SDKVersion: MODERN });
    await phone.wx.login(); // the button needs a WeChat user to answer for
    const m = env.mount('phone-button', phone);

    await m.fire('.authing-button', 'getphonenumber', await phone.sim.getPhoneNumber('allow'));
    await m.settle();

    expect(m.events).toEqual([{ type: 'fail', detail: expect.objectContaining({ code: 'NO_CLIENT' }) }]);
    expect(phone.sim.counters.requests).toEqual([]);
  });
});

describe('phone-button: texts, slot, classes', () => {
  test('lang="en-US": English text and aria label', async () => {
    const phone = env.phone({ SDKVersion: MODERN });
    const m = env.mount('phone-button', phone, { props: { ...env.appProps(), lang: 'en-US' } });
    const button = m.node('wx-button');
    expect(textOf(button)).toBe('Log in with phone number');
    expect(attr(button, 'ariaLabel')).toBe('Log in with phone number');
  });

  test('slot content and external classes reach the button', async () => {
    const phone = env.phone({ SDKVersion: MODERN });
    const { appId, host } = env.appProps();
    const m = env.mount('phone-button', phone, {
      template: `<phone-button id="subject" app-id="${appId}" host="${host}" custom-class="my-button" label-class="my-label" aria-label="用手机号登录">
        <text>本机号码一键登录</text>
      </phone-button>`,
    });

    expect(domClass(m, 'wx-button')).toContain('my-button');
    expect(m.comp.dom?.querySelector('wx-button wx-view')?.textContent).toBe('本机号码一键登录');
    expect(domClass(m, 'wx-button > wx-text')).toContain('my-label');
    expect(attr(m.node('wx-button'), 'ariaLabel')).toBe('用手机号登录');
  });
});

describe('phone-button: state classes and typed properties', () => {
  test('disabled-class reaches the button only while it is disabled', async () => {
    const phone = env.phone({ SDKVersion: MODERN });
    const { appId, host } = env.appProps();
    const m = env.mount('phone-button', phone, {
      template: `<phone-button id="subject" app-id="${appId}" host="${host}" disabled="{{off}}" disabled-class="dimmed" />`,
    });
    expect(domClass(m, 'wx-button')).not.toContain('dimmed');
    m.comp.setData({ off: true });
    await m.settle();
    expect(domClass(m, 'wx-button')).toContain('dimmed');
    expect(domClass(m, 'wx-button')).toContain('authing--disabled');
  });

  test('a mode set after attach changes the button; an unknown one warns and falls back to "login"', async () => {
    const warnings = captureWarnings();
    const phone = env.phone({ SDKVersion: MODERN });
    const { appId, host } = env.appProps();
    const m = env.mount('phone-button', phone, {
      template: `<phone-button id="subject" app-id="${appId}" host="${host}" mode="{{mode || 'login'}}" />`,
    });
    expect(textOf(m.node('wx-button'))).toBe('手机号快捷登录');
    m.comp.setData({ mode: 'phone' });
    await m.settle();
    expect(textOf(m.node('wx-button'))).toBe('获取手机号');
    m.comp.setData({ mode: 'number' });
    await m.settle();
    expect(warnings).toEqual([[expect.stringMatching(/mode="number" is none of "login", "phone"; using "login"/)]]);
    expect(textOf(m.node('wx-button'))).toBe('手机号快捷登录');
  });

  test('an unknown mode warns and the button logs in, as mode="login"', async () => {
    const warnings = captureWarnings();
    const phone = env.phone({ SDKVersion: MODERN });
    const m = env.mount('phone-button', phone, { props: { ...env.appProps(), mode: 'number' } });
    expect(warnings).toEqual([[expect.stringMatching(/mode="number" is none of "login", "phone"; using "login"/)]]);
    expect(textOf(m.node('wx-button'))).toBe('手机号快捷登录');
  });
});
