/**
 * The playground page in a real Chromium: the built components on glass-easel, signed in against
 * the emulator through the playground server. Each test drives the page as a person would (mouse,
 * keyboard, WeChat's sheets, the switches) and reads what the page shows: the events with their
 * detail, the signed-in user, the network panel, the buttons' attributes.
 *
 * Screenshots land in .test-output/playground/ (git-ignored); UPDATE_SCREENSHOTS=1 also refreshes
 * the README's copies in docs/images/.
 */
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page, Route } from 'playwright-core';
import { buildPlayground } from '../../playground/build';
import { startPlayground, type RunningPlayground } from '../../playground/server';
import { makePng } from '../../testing/fixture-image';
import { launchChromium, type RunningChromium } from '../../playground/chromium';

jest.setTimeout(60000);

const ROOT = resolve(__dirname, '..', '..');
const SHOTS = join(ROOT, '.test-output', 'playground');
const DOC_SHOTS = join(ROOT, 'docs', 'images');

let dir: string;
let playground: RunningPlayground;
let chromium: RunningChromium;
let page: Page;
/** Uncaught errors in the page: a test fails on any. */
let pageErrors: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authing-playground-'));
  await mkdir(SHOTS, { recursive: true });
  await buildPlayground(dir);
  [playground, chromium] = await Promise.all([startPlayground({ dir }), launchChromium()]);
});

afterAll(async () => {
  await chromium?.close();
  await playground?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  // A new phone each test: a new WeChat user, empty storage, a fresh page.
  page = await chromium.context.newPage();
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await open();
  await page.evaluate(() => localStorage.clear());
  await open();
});

afterEach(async () => {
  await page.close();
  expect(pageErrors).toEqual([]);
});

async function open(query = 'lang=en-US'): Promise<void> {
  await page.goto(`${playground.url}/?${query}`);
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  // Each component has drawn its button.
  await page.locator('authing-avatar button').waitFor();
}

async function screenshot(name: string): Promise<void> {
  const file = join(SHOTS, `${name}.png`);
  await page.locator('.pg-main').screenshot({ path: file });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(DOC_SHOTS, { recursive: true });
    await copyFile(file, join(DOC_SHOTS, `playground-${name}.png`));
  }
}

/** The events panel's entries, oldest first. */
async function events(): Promise<Array<{ component: string; type: string; detail: Record<string, unknown> }>> {
  const items = await page.locator('#events > li').evaluateAll((nodes) =>
    nodes.map((node) => ({
      component: (node as HTMLElement).dataset.component ?? '',
      type: (node as HTMLElement).dataset.type ?? '',
      detail: JSON.parse(node.querySelector('pre')?.textContent ?? 'null') as Record<string, unknown>,
    })),
  );
  return items.reverse();
}

async function nextEvent(count: number): Promise<{ component: string; type: string; detail: Record<string, unknown> }> {
  await page
    .locator('#events > li')
    .nth(count - 1)
    .waitFor();
  const all = await events();
  return all[count - 1];
}

/** Network panel rows whose path matches. */
function requestsTo(path: string): Locator {
  return page.locator(`#network tr[data-path="${path}"]`);
}

const LOGIN_PATH = '/connections/social/wechat-miniprogram/auth';
const UPLOAD_PATH = '/api/v2/upload';
const silentLogin = (): Locator => page.locator('authing-login').first().locator('button');
const phoneButton = (): Locator => page.locator('authing-phone button');
const avatarButton = (): Locator => page.locator('authing-avatar button');

async function answerSheet(testId: string, value: string): Promise<void> {
  await page.locator(`dialog[data-testid="${testId}"] button[data-value="${value}"]`).click();
}

async function signIn(): Promise<void> {
  const before = (await events()).length;
  await silentLogin().click();
  const event = await nextEvent(before + 1);
  expect(event).toMatchObject({ component: 'authing-login', type: 'success' });
}

test('shows the three components, with their accessible names, as glass-easel renders them', async () => {
  await expect(page.locator('authing-login button').first().getAttribute('aria-label')).resolves.toMatch(/WeChat/);
  await expect(phoneButton().getAttribute('open-type')).resolves.toBe('getPhoneNumber');
  await expect(page.locator('authing-login input[type="nickname"]').getAttribute('aria-label')).resolves.toBeTruthy();
  await expect(avatarButton().getAttribute('aria-label')).resolves.toBeTruthy();
  // The component's WXSS arrived scoped: the login button is WeChat green, 88rpx = 44px high.
  const style = await silentLogin().evaluate((node) => {
    const computed = getComputedStyle(node);
    return { background: computed.backgroundColor, height: computed.height };
  });
  expect(style).toEqual({ background: 'rgb(7, 193, 96)', height: '44px' });
  await expect(page.locator('#user').textContent()).resolves.toBe('(nobody)');
  await screenshot('default');
});

test('login: a tap signs in once, busy while the exchange is in flight; the user and the request show', async () => {
  // Hold Authing's answer until the busy state has been seen.
  let release!: () => void;
  const held = new Promise<void>((done) => (release = done));
  await page.route(`**${LOGIN_PATH}`, async (route: Route) => {
    await held;
    await route.continue();
  });
  await silentLogin().click();
  await expect(silentLogin().getAttribute('aria-busy')).resolves.toBe('true');
  // A second tap while busy is no second login.
  await silentLogin().click({ force: true });
  release();
  const event = await nextEvent(1);
  expect(event).toMatchObject({ component: 'authing-login', type: 'success' });
  expect(event.detail.id).toEqual(expect.any(String));
  await expect(silentLogin().getAttribute('aria-busy')).resolves.not.toBe('true');
  expect(await requestsTo(LOGIN_PATH).count()).toBe(1);
  await expect(requestsTo(LOGIN_PATH).first().getAttribute('data-outcome')).resolves.toBe('200');
  await expect(page.locator('#user').textContent()).resolves.toContain(String(event.detail.id));
  expect(await events()).toHaveLength(1);
  await screenshot('signed-in');
});

test('login from the keyboard: Tab to the button, Enter signs in', async () => {
  await silentLogin().focus();
  await page.keyboard.press('Enter');
  const event = await nextEvent(1);
  expect(event).toMatchObject({ component: 'authing-login', type: 'success' });
});

test('offline: the tap fails with a network error, and the session already held stays', async () => {
  await signIn();
  const user = await page.locator('#user').textContent();
  await page.locator('input[name="online"]').uncheck();
  await silentLogin().click();
  const event = await nextEvent(2);
  expect(event).toMatchObject({ component: 'authing-login', type: 'fail' });
  expect(event.detail.code).toEqual(expect.any(String));
  await expect(page.locator('#user').textContent()).resolves.toBe(user);
  await page.locator('input[name="online"]').check();
  await signIn();
});

describe.each([
  { lib: '3.4.0', sends: 'the phone code' },
  { lib: '2.21.1', sends: 'encryptedData only' },
])('phone button on base library $lib ($sends)', ({ lib }) => {
  beforeEach(async () => {
    await open(`lang=en-US&lib=${lib}`);
  });

  test('allow: WeChat sheet, then signed in with the phone number', async () => {
    await phoneButton().click();
    await answerSheet('sheet-phone', 'allow');
    const event = await nextEvent(1);
    expect(event).toMatchObject({ component: 'authing-phone', type: 'success' });
    expect(String(event.detail.phone)).toMatch(/^\d{11}$/);
    const sent = await page.locator('#network tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).title).join('\n'));
    // Before 2.21.2 WeChat gives no phone code: only the encrypted phone number can be sent.
    // From 2.21.2 the phone code goes instead, and no request carries encrypted data.
    const encrypted = /"encryptedData":"[^"]+"/;
    if (lib === '2.21.1') expect(sent).toMatch(encrypted);
    else expect(sent).not.toMatch(encrypted);
  });

  test('deny: a cancel event, not an error, and nobody signed in', async () => {
    await phoneButton().click();
    await answerSheet('sheet-phone', 'deny');
    const event = await nextEvent(1);
    expect(event).toMatchObject({ component: 'authing-phone', type: 'cancel' });
    await expect(page.locator('#user').textContent()).resolves.toBe('(nobody)');
  });

  test('quota used up and privacy not agreed: a fail event with a code the app can branch on', async () => {
    await phoneButton().click();
    await answerSheet('sheet-phone', 'quota');
    expect(await nextEvent(1)).toMatchObject({ type: 'fail', detail: { code: 'PHONE_QUOTA_EXHAUSTED' } });
    await phoneButton().click();
    await answerSheet('sheet-phone', 'privacy');
    expect(await nextEvent(2)).toMatchObject({ type: 'fail', detail: { code: 'PRIVACY_NOT_AUTHORIZED' } });
  });
});

test('avatar: signed in, pick a file in WeChat’s avatar sheet; it is uploaded and becomes the photo', async () => {
  await signIn();
  await expect(avatarButton().getAttribute('open-type')).resolves.toBe('chooseAvatar');
  await avatarButton().click();
  await page.locator('dialog[data-testid="sheet-choose-avatar"] input[type="file"]').setInputFiles({
    name: 'me.png',
    mimeType: 'image/png',
    buffer: makePng(8, 8, [30, 64, 175]),
  });
  const event = await nextEvent(2);
  expect(event).toMatchObject({ component: 'authing-avatar', type: 'success' });
  expect(String(event.detail.photo)).toMatch(/^https?:\/\//);
  expect(await requestsTo(UPLOAD_PATH).count()).toBe(1);
  await expect(page.locator('#user').textContent()).resolves.toContain(String(event.detail.photo));
  await page.locator('authing-avatar image').waitFor();
  await screenshot('avatar');
});

test('avatar: closing the sheet sends nothing and signs no one out', async () => {
  await signIn();
  await avatarButton().click();
  await answerSheet('sheet-choose-avatar', 'cancel');
  // WeChat fires no event for a closed avatar sheet: the component stays idle, nothing uploaded.
  await expect(avatarButton().getAttribute('aria-busy')).resolves.not.toBe('true');
  expect(await requestsTo(UPLOAD_PATH).count()).toBe(0);
  expect(await events()).toHaveLength(1);
});

test('profile login on 3.x: avatar and nickname typed in, one login saving both', async () => {
  const profile = page.locator('authing-login').nth(1);
  await profile.locator('button').first().click();
  await page.locator('dialog[data-testid="sheet-choose-avatar"] input[type="file"]').setInputFiles({
    name: 'me.png',
    mimeType: 'image/png',
    buffer: makePng(8, 8, [190, 18, 60]),
  });
  await profile.locator('input').fill('Playground Bob');
  await profile.locator('button').nth(1).click();
  const event = await nextEvent(1);
  expect(event).toMatchObject({ component: 'authing-login (profile)', type: 'success', detail: { nickname: 'Playground Bob' } });
  expect(String(event.detail.photo)).toMatch(/^https?:\/\//);
});

test('switches: base library 2.21.1 relaunches with WeChat’s profile sheet instead of the avatar button', async () => {
  await page.locator('select[name="lib"]').selectOption('2.21.1');
  await page.waitForURL(/lib=2\.21\.1/);
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  const profile = page.locator('authing-login').nth(1);
  await profile.locator('button').waitFor();
  expect(await profile.locator('input').count()).toBe(0);

  await profile.locator('button').click();
  await answerSheet('sheet-profile', 'deny');
  expect(await nextEvent(1)).toMatchObject({ component: 'authing-login (profile)', type: 'cancel' });
  await profile.locator('button').click();
  await answerSheet('sheet-profile', 'allow');
  expect(await nextEvent(2)).toMatchObject({ component: 'authing-login (profile)', type: 'success' });
});

test('switches: the language relaunches the components in Chinese', async () => {
  await page.locator('select[name="lang"]').selectOption('zh-CN');
  await page.waitForURL(/lang=zh-CN/);
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  await silentLogin().waitFor();
  await expect(silentLogin().getAttribute('aria-label')).resolves.toMatch(/微信/);
});

test('restyled: the external classes reach the buttons inside the components', async () => {
  await open('lang=en-US&styled=1');
  const background = await silentLogin().evaluate((node) => getComputedStyle(node).backgroundColor);
  expect(background).toBe('rgb(30, 64, 175)');
  await screenshot('restyled');
});
