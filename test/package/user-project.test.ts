/**
 * A newcomer's project, set up as the README tells them: both packages installed from what
 * `npm pack` makes of this repository (the SDK, and the emulator from emulator/), the emulator
 * started with `npx authing-wxapp-emulator`, and the project's own jest test of its login page run
 * through `authing-wxapp-sdk/testing`. The project lives in a temp folder this suite owns; it
 * resolves both packages from its own node_modules only.
 *
 * Expects the build (`npm test` builds first): miniprogram_dist/, testing/dist/, emulator/dist/.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { npmCommand, packTarball } from '../../build/demo';

const ROOT = resolve(__dirname, '../..');
// Installing from the npm cache and running a second jest take a while on a shared 2-core machine.
jest.setTimeout(240_000);

/** The user's login page: a Page that logs in with the SDK and shows who logged in. */
const LOGIN_PAGE = `const { AuthenticationClient } = require('authing-wxapp-sdk');
const config = require('../../config');

const authing = new AuthenticationClient({ appId: config.appId, host: config.host });

Page({
  data: { nickname: '', loggedIn: false },
  async onLogin() {
    const user = await authing.loginByCode();
    this.setData({ loggedIn: Boolean(user.token), nickname: user.nickname || user.id });
  },
});
`;

const CONFIG = `module.exports = {
  host: process.env.AUTHING_HOST,
  appId: process.env.AUTHING_APP_ID,
  wechatAppId: process.env.WECHAT_APPID,
};
`;

/** The user's test: the page on a simulated phone, and the README's own example against the same emulator. */
const LOGIN_TEST = `const { createWx } = require('authing-wxapp-sdk/testing');
const config = require('../../config');

function loadPage(wx) {
  globalThis.wx = wx;
  let page;
  globalThis.Page = (definition) => { page = definition; };
  jest.isolateModules(() => require('./login'));
  page.setData = (patch) => Object.assign(page.data, patch);
  return page;
}

test('the login page logs a WeChat user in', async () => {
  const { wx, sim } = createWx({ emulator: config.host, appid: config.wechatAppId });
  const page = loadPage(wx);
  await page.onLogin();
  expect(page.data.loggedIn).toBe(true);
  expect(page.data.nickname).toEqual(expect.any(String));
  expect(sim.counters.login).toBe(1);
  expect(wx.getStorageSync('_authing_token')).toMatch(/./); // the session survives a relaunch
});

test('a WeChat user logs in by phone (the README example)', async () => {
  const { wx, sim } = createWx({ emulator: config.host, appid: config.wechatAppId });
  const { code } = await new Promise((resolve, reject) => wx.login({ success: resolve, fail: reject }));
  const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13800138000' });
  const response = await new Promise((resolve, reject) =>
    wx.request({
      url: config.host + '/connections/social/wechat-miniprogram/auth-by-phone',
      method: 'POST',
      header: { 'x-authing-app-id': config.appId },
      data: { code, iv: detail.iv, encryptedData: detail.encryptedData },
      success: resolve,
      fail: reject,
    }),
  );
  expect(response.data).toMatchObject({ code: 200, data: { phone: '13800138000', token: expect.any(String) } });
});

test('the emulator also starts in code', async () => {
  const { startEmulator } = require('authing-wxapp-emulator');
  const emulator = await startEmulator({ port: 0 });
  try {
    expect(emulator.url).toMatch(/^http:\\/\\/127\\.0\\.0\\.1:\\d+$/);
  } finally {
    await emulator.close();
  }
});
`;

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolveRun) => {
    execFile(command, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolveRun({ code, output: `${stdout}${stderr}` });
    });
  });
}

/**
 * better-sqlite3 has no prebuilt binary reachable here and compiles from source (~85 s). Its
 * installer, prebuild-install, first looks for a "local prebuild" under the name it would download;
 * offering the binary this repository's install built (same version, same Node ABI) makes the
 * user's install take it instead. If the user project resolves another version, the name differs
 * and it compiles as a user's machine would.
 */
async function localPrebuild(dir: string): Promise<void> {
  const sqlite = join(ROOT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(sqlite, 'package.json'), 'utf8')) as { version: string };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  await mkdir(dir, { recursive: true });
  const tar = await run('tar', ['-czf', join(dir, name), 'build/Release/better_sqlite3.node'], sqlite);
  if (tar.code !== 0) throw new Error(`tar failed: ${tar.output}`);
}

/** `npx authing-wxapp-emulator …` in the project, in its own process group (npm exec runs the bin as a child). */
interface Banner {
  url: string;
  appId: string;
  wechatAppId: string;
}

function startEmulatorCli(cwd: string): { child: ChildProcess; banner: Promise<Banner>; stop(): Promise<void> } {
  const [command, args] = npmCommand(['exec', '--offline', '--', 'authing-wxapp-emulator', '--port', '0', '--db', ':memory:']);
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  // What it prints on start is what a user copies into their config: the URL and both app ids.
  const banner = new Promise<Banner>((resolveBanner, reject) => {
    const read = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /listening on (http:\/\/\S+)/.exec(out);
      const appId = /Authing appId\s+(\S+)/.exec(out);
      const wechatAppId = /WeChat appid\s+(\S+)/.exec(out);
      if (url && appId && wechatAppId) resolveBanner({ url: url[1], appId: appId[1], wechatAppId: wechatAppId[1] });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then(() => reject(new Error(`npx authing-wxapp-emulator exited before listening:\n${out}`)));
  });
  banner.catch(() => undefined);
  return {
    child,
    banner,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

let work: string;
let project: string;
let emulator: ReturnType<typeof startEmulatorCli> | undefined;
let packs: Array<{ name: string; dir: string; file: string }> = [];

beforeAll(async () => {
  for (const built of ['miniprogram_dist/index.js', 'testing/dist/index.js', 'emulator/dist/cli.js']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is not built: run \`npm run build\` first`);
  }
  work = await mkdtemp(join(tmpdir(), 'authing-user-project-'));
  project = join(work, 'my-miniprogram');
  await mkdir(join(project, 'pages', 'login'), { recursive: true });

  packs = await Promise.all([packTarball(ROOT), packTarball(join(ROOT, 'emulator'))]);
  const [sdk, emu] = packs;
  for (const pack of packs) await copyFile(pack.file, join(work, pack.name));

  await writeFile(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'my-miniprogram',
        private: true,
        dependencies: { 'authing-wxapp-sdk': `file:../${sdk.name}` },
        devDependencies: { 'authing-wxapp-emulator': `file:../${emu.name}` },
        allowScripts: { 'better-sqlite3': true },
        jest: { testEnvironment: 'node' },
      },
      null,
      2,
    ),
  );
  await writeFile(join(project, 'config.js'), CONFIG);
  await writeFile(join(project, 'pages', 'login', 'login.js'), LOGIN_PAGE);
  await writeFile(join(project, 'pages', 'login', 'login.test.js'), LOGIN_TEST);
  await localPrebuild(join(work, 'prebuilds'));

  // prebuild-install reads where local prebuilds are from the environment npm gives install scripts.
  const install = await run(...npmCommand(['install', '--prefer-offline', '--no-audit', '--no-fund']), project, {
    ...process.env,
    npm_config_better_sqlite3_local_prebuilds: join(work, 'prebuilds'),
  });
  if (install.code !== 0) throw new Error(`npm install in the user project failed:\n${install.output}`);
}, 240_000);

afterAll(async () => {
  await emulator?.stop();
  await Promise.all(packs.map((pack) => rm(pack.dir, { recursive: true, force: true })));
  if (work) await rm(work, { recursive: true, force: true });
});

test('the packed SDK and emulator install into a fresh project, which resolves them from its own node_modules', () => {
  for (const name of ['authing-wxapp-sdk', 'authing-wxapp-emulator']) {
    const resolved = createRequire(join(project, 'package.json')).resolve(`${name}/package.json`);
    expect(resolved).toBe(join(project, 'node_modules', name, 'package.json'));
  }
  const emulatorPackage = join(project, 'node_modules', 'authing-wxapp-emulator');
  expect(existsSync(join(emulatorPackage, 'dist', 'index.d.ts'))).toBe(true);
  expect(existsSync(join(emulatorPackage, 'src'))).toBe(false);
  expect(existsSync(join(project, 'node_modules', 'esbuild-register'))).toBe(false);
  expect(existsSync(join(project, 'node_modules', '.bin', 'authing-wxapp-emulator'))).toBe(true);
});

test("`npx authing-wxapp-emulator` serves the project's own jest test of its login page", async () => {
  emulator = startEmulatorCli(project);
  const { url, appId, wechatAppId } = await emulator.banner;

  // The repository's jest binary runs the user's test; every module it loads comes from the project.
  const result = await run(
    process.execPath,
    [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--rootDir', project],
    project,
    {
      ...process.env,
      AUTHING_HOST: url,
      AUTHING_APP_ID: appId,
      WECHAT_APPID: wechatAppId,
    },
  );
  expect(result.output).toMatch(/Tests:\s+3 passed, 3 total/);
  expect(result.code).toBe(0);
});
