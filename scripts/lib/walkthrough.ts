/**
 * The demo, tapped through headlessly: every component and client call the demo shows, on the
 * BUILT demo (miniprogram_dev/, the SDK from miniprogram_npm/), against the emulator. Each step
 * reads its result from what the page displays (its notice and user card), as a person would.
 */
import { request } from 'node:http';
import { join, relative, resolve } from 'node:path';
import { startHost, until, type MiniProgramHost, type PageHandle } from './miniprogram-host';

export interface WalkOptions {
  /** The built demo. */
  dir: string;
  emulatorUrl: string;
  /** The emulator's Authing app id (sent by the demo's client). */
  appId: string;
  /** The emulator's mini program appid (the simulated phone's). */
  wechatAppId: string;
  /** A WeChat user to be; default a new one, so every walk starts from a first login. */
  openid?: string;
  /** Base library of the simulated phone; default the simulator's (3.4.0). */
  SDKVersion?: string;
  print: (line: string) => void;
}

export interface WalkResult {
  steps: number;
  passed: number;
  /** The first failing step, which ends the walk. */
  failure: { step: string; error: string } | null;
  durationMs: number;
}

/** demo/config.js. */
export interface DemoConfig {
  appId: string;
  host: string;
  wechatAppId: string;
  emulator?: { bridge?: boolean; testUsers?: Array<{ openid: string; name: string; nickname?: string; phone?: string; note?: string }> };
}

interface Notice {
  id: number;
  type: 'success' | 'fail' | 'cancel';
  title: string;
  lines: string[];
}

interface UserCard {
  id: string;
  nickname: string;
  phone: string;
  photo: string;
  openid: string;
}

const LOGIN_BUTTON = '.authing-button';

function noticeOf(page: PageHandle): Notice | null {
  return (page.data.notice as Notice | null) ?? null;
}

function noticeId(page: PageHandle): number {
  return noticeOf(page)?.id ?? 0;
}

/** Waits for the page's next notice and checks its kind; returns it. */
async function nextNotice(page: PageHandle, after: number, type: Notice['type']): Promise<Notice> {
  await until(() => noticeId(page) > after, `a notice on ${page.path}`);
  const notice = noticeOf(page)!;
  if (notice.type !== type) throw new Error(`expected ${type}, the page shows ${notice.type}: ${notice.title} ${notice.lines.join(' / ')}`);
  return notice;
}

function userOf(page: PageHandle): UserCard | null {
  return (page.data.user as UserCard | null) ?? null;
}

function describeUser(user: UserCard | null): string {
  if (!user) return '未登录';
  return `${user.nickname || '（无昵称）'} · 手机 ${user.phone || '未绑定'} · id ${user.id}`;
}

/** The uploaded avatar must be a real, fetchable image. */
function fetchHead(url: string): Promise<{ status: number; type: string; bytes: number }> {
  return new Promise((resolveFetch, reject) => {
    request(url, { method: 'GET', timeout: 5000 }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolveFetch({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), bytes }));
    })
      .on('error', reject)
      .end();
  });
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function randomPhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

export async function runWalkthrough(options: WalkOptions): Promise<WalkResult> {
  const started = Date.now();
  const { print } = options;
  const result: WalkResult = { steps: 0, passed: 0, failure: null, durationMs: 0 };
  let host: MiniProgramHost | null = null;
  let index: PageHandle | null = null;
  let profile: PageHandle | null = null;
  let v3: PageHandle | null = null;

  const step = async (title: string, run: () => Promise<string[]>): Promise<boolean> => {
    if (result.failure) return false;
    result.steps += 1;
    const number = String(result.steps).padStart(2);
    try {
      const lines = await run();
      result.passed += 1;
      print(`✔ ${number}. ${title}`);
      for (const line of lines) print(`       ${line}`);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result.failure = { step: title, error: message };
      print(`✘ ${number}. ${title}`);
      print(`       ${message}`);
      return false;
    }
  };

  // A seeded test user keeps the phone they have; anyone else gets a number no one has yet.
  const demoConfig = require(join(resolve(options.dir), 'config.js')) as DemoConfig;
  const seeded = (demoConfig.emulator?.testUsers ?? []).find((u) => options.openid && u.openid === options.openid);
  const phoneNumber = seeded?.phone ?? randomPhone();
  let firstPhoto = '';

  await step('启动小程序：app.js 创建唯一的 AuthenticationClient', async () => {
    // Before app.js reads it: this walk's emulator, and no DevTools bridge (the simulator plays WeChat).
    demoConfig.host = options.emulatorUrl;
    demoConfig.appId = options.appId;
    demoConfig.wechatAppId = options.wechatAppId;
    if (demoConfig.emulator) demoConfig.emulator.bridge = false;
    host = await startHost({
      dir: options.dir,
      phone: { emulator: options.emulatorUrl, appid: options.wechatAppId, openid: options.openid, SDKVersion: options.SDKVersion },
    });
    const config = host.app.config as DemoConfig;
    const sdk = relative(host.dir, host.resolvedPackage('authing-wxapp-sdk'));
    assert(sdk.startsWith('miniprogram_npm/'), `require('authing-wxapp-sdk') resolved to ${sdk}, not miniprogram_npm/`);
    return [`appId ${config.appId} · host ${config.host}`, `require('authing-wxapp-sdk') → ${sdk}`];
  });

  await step('打开登录页：getCurrentUser', async () => {
    index = await host!.openPage('pages/index/index');
    assert(userOf(index) === null, `a new phone should be signed out, the page shows ${describeUser(userOf(index))}`);
    return ['用户卡片：未登录'];
  });

  await step('点「微信一键登录」（login-button，静默登录）', async () => {
    const before = noticeId(index!);
    await index!.fire(LOGIN_BUTTON, 'tap', {}, '#login-silent');
    const notice = await nextNotice(index!, before, 'success');
    const user = userOf(index!);
    assert(user, 'the user card is empty after the login');
    assert(host!.sim.storage.read('_authing_token').found, 'no token in wx storage after the login');
    return [
      `${notice.title}：${notice.lines[0]}`,
      `用户 ${user.id} · openid ${user.openid || host!.sim.openid}`,
      'token 已写入 wx storage（_authing_token）',
    ];
  });

  await step('头像昵称登录：选头像、填昵称、点「登录」（login-button mode="profile"）', async () => {
    const avatar = await host!.sim.chooseAvatar('choose');
    assert(avatar, 'the simulator gave no chooseAvatar detail');
    await index!.fire('.authing-profile__avatar', 'chooseavatar', avatar, '#login-profile');
    await index!.fire('.authing-profile__nickname', 'input', { value: '演示用户' }, '#login-profile');
    const before = noticeId(index!);
    await index!.fire(LOGIN_BUTTON, 'tap', {}, '#login-profile');
    const notice = await nextNotice(index!, before, 'success');
    const user = userOf(index!)!;
    assert(user.nickname === '演示用户', `nickname is ${user.nickname}`);
    assert(user.photo, 'no avatar URL after the profile login');
    firstPhoto = user.photo;
    return [`${notice.title}：昵称 ${user.nickname}`, `头像 ${user.photo}`];
  });

  await step('手机号登录，用户点「拒绝」（phone-button → cancel）', async () => {
    const before = noticeId(index!);
    await index!.fire(LOGIN_BUTTON, 'getphonenumber', await host!.sim.getPhoneNumber('deny'), '#login-phone');
    const notice = await nextNotice(index!, before, 'cancel');
    assert(
      host!.sim.ui.every((call) => call.api !== 'showToast'),
      'a cancel must not show an error toast',
    );
    return [`${notice.title}（没有弹出错误提示）`];
  });

  await step(`手机号登录，用户点「允许」（phone-button，${phoneNumber}）`, async () => {
    const before = noticeId(index!);
    await index!.fire(LOGIN_BUTTON, 'getphonenumber', await host!.sim.getPhoneNumber('allow', { phoneNumber }), '#login-phone');
    const notice = await nextNotice(index!, before, 'success');
    const user = userOf(index!)!;
    assert(user.phone === phoneNumber, `phone on the card is ${user.phone}`);
    return [`${notice.title}：${describeUser(user)}`];
  });

  await step('进入个人资料页：getCurrentUser 从 Authing 读取', async () => {
    index!.lifetime('hide');
    profile = await host!.openPage('pages/profile/index');
    const user = userOf(profile);
    assert(user, 'the profile page shows no user');
    assert(user.phone === phoneNumber && user.nickname === '演示用户', `unexpected user ${describeUser(user)}`);
    return [describeUser(user), `头像 ${user.photo}`];
  });

  await step('获取手机号（phone-button mode="phone"，不登录）', async () => {
    const before = noticeId(profile!);
    await profile!.fire(LOGIN_BUTTON, 'getphonenumber', await host!.sim.getPhoneNumber('allow', { phoneNumber }), '#get-phone');
    const notice = await nextNotice(profile!, before, 'success');
    const phone = profile!.data.phone as { countryCode: string; purePhoneNumber: string };
    assert(phone.purePhoneNumber === phoneNumber, `got ${phone.purePhoneNumber}`);
    return [`${notice.title}：${notice.lines[0]}`];
  });

  await step('点头像更换（avatar-picker：选择 → 上传 → updateProfile）', async () => {
    const avatar = await host!.sim.chooseAvatar('choose');
    const before = noticeId(profile!);
    await profile!.fire('.authing-avatar', 'chooseavatar', avatar, '#avatar');
    const notice = await nextNotice(profile!, before, 'success');
    const photo = userOf(profile!)!.photo;
    assert(photo && photo !== firstPhoto, `the avatar URL did not change (${photo})`);
    const fetched = await fetchHead(photo);
    assert(fetched.status === 200 && fetched.type.startsWith('image/'), `GET ${photo} → ${fetched.status} ${fetched.type}`);
    return [`${notice.title}：${photo}`, `GET 该地址 → ${fetched.status} ${fetched.type}, ${fetched.bytes} bytes`];
  });

  await step('修改昵称并保存（updateProfile）', async () => {
    await profile!.fire('#nickname', 'input', { value: '小程序测试员' });
    const before = noticeId(profile!);
    await profile!.fire('#save-nickname', 'tap');
    const notice = await nextNotice(profile!, before, 'success');
    await profile!.call('refresh');
    const user = userOf(profile!)!;
    assert(user.nickname === '小程序测试员', `Authing has nickname ${user.nickname}`);
    return [`${notice.title}：${notice.lines[0]}`, `getCurrentUser 确认：${describeUser(user)}`];
  });

  await step('断网时保存昵称：错误显示（NETWORK_ERROR）', async () => {
    await profile!.fire('#nickname', 'input', { value: '离线昵称' });
    host!.sim.setOffline(true);
    try {
      const before = noticeId(profile!);
      await profile!.fire('#save-nickname', 'tap');
      const notice = await nextNotice(profile!, before, 'fail');
      assert(notice.lines.includes('code: NETWORK_ERROR'), `the page shows ${notice.lines.join(' / ')}`);
      return [`${notice.title}：${notice.lines.join(' · ')}`];
    } finally {
      host!.sim.setOffline(false);
    }
  });

  await step('退出登录（logout）', async () => {
    const before = noticeId(profile!);
    await profile!.fire('#logout', 'tap');
    const notice = await nextNotice(profile!, before, 'success');
    assert(userOf(profile!) === null, 'the card still shows a user');
    assert(!host!.sim.storage.read('_authing_token').found, 'the token is still in wx storage');
    const client = host!.app.authing as { getCurrentUser(): Promise<unknown> };
    assert((await client.getCurrentUser()) === null, 'getCurrentUser still answers a user');
    return [`${notice.title}：${notice.lines[0]}`, 'getCurrentUser → null'];
  });

  const v3Phone = randomPhone();
  await step(`v3 页：短信验证码登录（Authing.sendSms + loginByPassCode，${v3Phone}）`, async () => {
    profile!.lifetime('hide');
    v3 = await host!.openPage('pages/v3/index');
    await v3.fire('#phone', 'input', { value: v3Phone });
    let before = noticeId(v3);
    await v3.fire('#send-code', 'tap');
    await nextNotice(v3, before, 'success');
    // The emulator sends no SMS: the code is at its control API, as the page's hint says.
    const { messages } = (await (await fetch(`${options.emulatorUrl}/__emulator/messages`)).json()) as {
      messages: Array<{ recipient: string; scene: string; code: string }>;
    };
    const sms = messages.filter((m) => m.recipient === v3Phone && m.scene === 'CHANNEL_LOGIN').pop();
    assert(sms, `no SMS code for ${v3Phone} at /__emulator/messages`);
    await v3.fire('#pass-code', 'input', { value: sms.code });
    before = noticeId(v3);
    await v3.fire('#login-pass-code', 'tap');
    const notice = await nextNotice(v3, before, 'success');
    const state = v3.data.state as { refreshable: boolean } | null;
    assert(state && state.refreshable, 'the page shows no refreshable v3 session');
    assert(userOf(v3)?.phone === v3Phone, `the card shows ${describeUser(userOf(v3))}`);
    return [`${notice.title}：${notice.lines.join(' · ')}`];
  });

  await step('v3 页：立即续期（refreshToken，refresh token 轮换）', async () => {
    const before = noticeId(v3!);
    await v3!.fire('#refresh', 'tap');
    const notice = await nextNotice(v3!, before, 'success');
    return [`${notice.title}：${notice.lines[0]}`];
  });

  await step('v3 页：退出并撤销（logout → /oidc/token/revocation）', async () => {
    const before = noticeId(v3!);
    await v3!.fire('#v3-logout', 'tap');
    const notice = await nextNotice(v3!, before, 'success');
    await until(() => v3!.data.state === null && userOf(v3!) === null, 'the v3 page to show no session');
    assert(!host!.sim.storage.read('_authing_token').found, 'the token is still in wx storage');
    return [`${notice.title}：${notice.lines[0]}`];
  });

  // The components keep login codes fresh on timers; the walk is over.
  for (const page of [index as PageHandle | null, profile as PageHandle | null, v3 as PageHandle | null]) page?.detach();
  result.durationMs = Date.now() - started;
  return result;
}
