/**
 * npm run demo:walk — the demo tapped through without WeChat DevTools: the built demo
 * (miniprogram_dev/), its pages rendered headlessly, `wx` the simulator, against the emulator.
 *
 *   npm run demo:walk                                   emulator at http://127.0.0.1:4000, or its own
 *   npm run demo:walk -- --emulator http://127.0.0.1:4001 --openid o_demo_alice --sdk-version 3.4.0
 *   npm run demo:walk -- --dir /tmp/some-built-demo
 *
 * Exits 1 when a step fails.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { probeEmulator, startEmulatorProcess, type EmulatorProcess } from '../test/support/emulator-process';
import { DEFAULT_EMULATOR_URL } from './lib/emulator-client';
import { scriptArgs } from './lib/script-args';
import { runWalkthrough } from './lib/walkthrough';

const ROOT = resolve(__dirname, '..');

async function main(): Promise<number> {
  const values = scriptArgs(
    { emulator: { type: 'string' }, dir: { type: 'string' }, openid: { type: 'string' }, 'sdk-version': { type: 'string' } },
    'usage: npm run demo:walk -- [--emulator URL] [--dir BUILT_DEMO] [--openid OPENID] [--sdk-version 3.4.0]',
  );
  if (!values) return 0;
  const dir = resolve(values.dir ?? join(ROOT, 'miniprogram_dev'));
  if (!existsSync(join(dir, 'miniprogram_npm', 'authing-wxapp-sdk'))) {
    console.error(`${dir} 里没有构建好的 demo（缺少 miniprogram_npm/authing-wxapp-sdk）：先运行 npx gulp demo 或 npm start`);
    return 1;
  }

  const wanted = (values.emulator ?? process.env.AUTHING_EMULATOR_URL ?? DEFAULT_EMULATOR_URL).replace(/\/+$/, '');
  let own: EmulatorProcess | null = null;
  let info = await probeEmulator(wanted);
  let url = wanted;
  if (!info) {
    own = await startEmulatorProcess();
    url = own.url;
    info = own;
  }

  const shownDir = dir.startsWith(ROOT + '/') ? relative(ROOT, dir) : dir;
  console.log('authing-wxapp-sdk demo walkthrough');
  console.log(`  demo      ${shownDir}/ (SDK from miniprogram_npm/authing-wxapp-sdk, pages via miniprogram-simulate)`);
  console.log(`  emulator  ${url} ${own ? `(none answered at ${wanted}: started one for this walk, in memory)` : '(already running)'}`);
  console.log(
    `  phone     ${values.openid ? `WeChat user ${values.openid}` : 'a new WeChat user'}, base library ${values['sdk-version'] ?? '3.4.0'}`,
  );
  console.log('');

  try {
    const result = await runWalkthrough({
      dir,
      emulatorUrl: url,
      appId: info.appId,
      wechatAppId: info.wechatAppId,
      openid: values.openid,
      SDKVersion: values['sdk-version'],
      print: (line) => console.log(line),
    });
    console.log('');
    if (result.failure) {
      console.log(`✘ 第 ${result.steps} 步失败（${result.passed}/${result.steps} 通过）：${result.failure.step}`);
      return 1;
    }
    console.log(`全部 ${result.passed} 步通过（${(result.durationMs / 1000).toFixed(1)} s）`);
    return 0;
  } finally {
    await own?.stop();
  }
}

main().then(
  // The SDK components keep timers for their login codes; the walk is done either way.
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
