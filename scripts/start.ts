/**
 * npm start — everything a fresh clone needs to see the SDK work:
 *   1. the local emulator (Authing + WeChat server), data in .emulator-data/ (kept across runs);
 *   2. the library build and the demo (miniprogram_dev/, the SDK installed from `npm pack`);
 *   3. the demo's test WeChat users seeded into the emulator;
 *   4. what to open, then it stays up until Ctrl-C (a clean stop keeps the data).
 *
 *   npm start                      port 4000
 *   npm start -- --port 4001       another port (the demo's config.js is built to match)
 *   npm start -- --log             print every request the emulator serves
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/src';
import { buildDemo } from '../build/demo';
import { probeEmulator } from '../test/support/emulator-process';
import { portAnswers } from './lib/emulator-client';
import { scriptArgs } from './lib/script-args';
import { seedTestUsers, type SeededUser, type TestUser } from './lib/seed';

const ROOT = resolve(__dirname, '..');
const DATA_DIR = join(ROOT, '.emulator-data');
const DEFAULT_PORT = 4000;

interface DemoConfig {
  appId: string;
  host: string;
  wechatAppId: string;
  emulator?: { testUsers?: TestUser[] };
}

class StartError extends Error {}

function runGulpBuild(): Promise<void> {
  return new Promise((resolveBuild, reject) => {
    // gulp's package exports hide bin/; its folder is found through the main entry.
    const gulpBin = join(dirname(createRequire(__filename).resolve('gulp')), 'bin', 'gulp.js');
    const child = spawn(process.execPath, [gulpBin, 'build'], { cwd: ROOT, stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? resolveBuild() : reject(new StartError(`gulp build failed (exit ${code}); see the output above`)),
    );
  });
}

/** A clear answer when the port is taken, before anything slow runs. */
async function checkPortFree(url: string, port: number): Promise<void> {
  const running = await probeEmulator(url);
  if (running) {
    throw new StartError(
      `${url} 上已经有一个模拟器在运行（另一个 npm start？）。\n` +
        `  · 直接用它：微信开发者工具打开本目录即可，或运行 npm run demo:walk\n` +
        `  · 或先在它的终端按 Ctrl-C 停止，再运行 npm start\n` +
        `  · 或换个端口同时运行：npm start -- --port ${port + 1}`,
    );
  }
  if (await portAnswers(url)) {
    throw new StartError(`端口 ${port} 已被其它程序占用（不是模拟器）。换个端口：npm start -- --port ${port + 1}`);
  }
}

async function startOrExplain(port: number, db: string, logRequests: boolean): Promise<RunningEmulator> {
  try {
    return await startEmulator({ port, db, logRequests });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartError(`端口 ${port} 刚刚被占用了。换个端口：npm start -- --port ${port + 1}`);
    }
    throw error;
  }
}

function banner(emulator: RunningEmulator, db: string, users: SeededUser[]): string {
  const rel = (path: string) => relative(ROOT, path) || '.';
  const lines = [
    '',
    '────────────────────────────────────────────────────────────────────────',
    ' authing-wxapp-sdk demo 已就绪',
    '',
    ` 模拟器（Authing + 微信服务端）  ${emulator.url}`,
    `   Authing appId   ${emulator.options.appId}`,
    `   小程序 appid    ${emulator.options.wechatAppId}`,
    `   小程序身份源标识 ${emulator.options.wechatConnectionIdentifier}（extIdpConnidentifier）`,
    `   数据            ${rel(db)}（Ctrl-C 停止后保留，下次 npm start 继续使用）`,
    '',
    ' 微信开发者工具：导入项目 → 目录选择',
    `   ${ROOT}`,
    '   （根目录的 project.config.json 指向 miniprogram_dev/，构建 npm 已完成，无需再点；',
    '    已关闭合法域名校验 urlCheck，才能访问 http://127.0.0.1）',
    '',
    ' 测试微信用户（首页「测试微信用户」里切换，wx.login 由模拟器为所选用户签发 code）：',
  ];
  for (const user of users) {
    const who = user.authingUserId
      ? `手机 ${user.phone}  昵称 ${user.currentNickname ?? '（无）'}  Authing 用户 ${user.authingUserId}`
      : user.note || '尚未注册 Authing';
    lines.push(`   ${user.name.padEnd(6)} ${user.openid.padEnd(14)} ${who}`);
  }
  lines.push(
    '   手机号按钮在开发者工具里需要已认证的小程序 appid；完整流程见下面的 demo:walk。',
    '',
    ' 没有开发者工具？另开一个终端：npm run demo:walk   （无界面地点完整个 demo）',
    ' 在浏览器里看组件（glass-easel）：npm run playground   （自带模拟器，打开 http://127.0.0.1:4100）',
    ' 改代码后重建 miniprogram_dev：npx gulp dev',
    '',
    ' Ctrl-C 停止（数据保留）',
    '────────────────────────────────────────────────────────────────────────',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const values = scriptArgs({ port: { type: 'string' }, log: { type: 'boolean' } }, 'usage: npm start [-- --port 4000] [-- --log]');
  if (!values) return;
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new StartError(`--port 需要 1–65535 的整数（收到 ${values.port}）`);
  const url = `http://127.0.0.1:${port}`;
  const db = join(DATA_DIR, 'emulator.db');

  console.log(`[1/4] 启动模拟器 ${url}（数据 ${relative(ROOT, db)}）`);
  await checkPortFree(url, port);
  const emulator = await startOrExplain(port, db, values.log ?? false);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n收到 ${signal}，正在停止模拟器…`);
    emulator.close().then(
      () => {
        console.log(`已停止。数据保留在 ${relative(ROOT, db)}`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error('停止模拟器时出错：', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('Ctrl-C'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    console.log('[2/4] 构建 SDK（gulp build → miniprogram_dist/）');
    await runGulpBuild();
    console.log('[3/4] 构建 demo（npm pack → miniprogram_dev/node_modules → 构建 npm → miniprogram_dev/miniprogram_npm）');
    await buildDemo({ host: port === DEFAULT_PORT ? undefined : emulator.url });

    console.log('[4/4] 预置测试微信用户');
    const config = require(join(ROOT, 'demo', 'config.js')) as DemoConfig;
    const users = await seedTestUsers(
      { url: emulator.url, appId: emulator.options.appId, wechatAppId: emulator.options.wechatAppId },
      config.emulator?.testUsers ?? [],
    );
    console.log(banner(emulator, db, users));
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof StartError) console.error(`\nnpm start: ${error.message}`);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
