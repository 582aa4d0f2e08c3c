/**
 * The size of Authing's own current mini-program SDK, @authing/miniapp (packages/miniapp in
 * Authing/authing-js-sdk, v5.1.21 at the time of writing), beside ours in figure 1. It is not on
 * npm, so the bench builds it from a checkout the caller names in BENCH_AUTHING_MINIAPP_SRC (a
 * folder holding packages/miniapp/src/index.ts); its code never enters this repository. Its
 * runtime dependencies (@authing/authingmove-core, @authing/authingmove-api-proxy) are installed
 * with npm into a temporary folder as its package.json declares them, and the whole is bundled
 * and minified by esbuild as build/bundle.ts does ours, for WeChat: AuthingMove's two mode
 * constants set to "wx" (what its webpack build's DefinePlugin sets for the wx target). Its
 * webpack plugin (Authing/AuthingMove packages/webpack-plugin) does two more things, left out: it
 * prefers `<file>.wx.js` where one exists (none does in these sources) and rewrites the global
 * `wx` to an imported AuthingMove (one `typeof wx` probe in src/helpers/utils.ts): a few bytes.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { wechatBuildOptions } from '../build/bundle';
import { npmInstall } from './apps';

export const SOURCE_ENV = 'BENCH_AUTHING_MINIAPP_SRC';
export const NOT_MEASURED = `not measured: set ${SOURCE_ENV} to a checkout of Authing/authing-js-sdk`;

/** The bundle's file name in the folder the caller gives (figure 7 loads it from there). */
export const AUTHING_MINIAPP_FILE = 'authing-miniapp.js';

export type MiniappSize =
  | {
      version: string;
      installed: string[];
      minified: number;
      gzip: number;
      inputs: number;
      /**
       * With Authing's own RSA package, @authing/miniapp-jsencrypt (packages/miniapp-jsencrypt in the
       * same checkout): what an app needs for the RSA password sign-in, whose encryptFunction the SDK
       * leaves to the app. Absent when the checkout lacks it.
       */
      withRsa?: { minified: number; gzip: number };
    }
  | { notMeasured: string }
  | { error: string };

/** Builds and measures it; with `keepIn`, the bundle is also written there as AUTHING_MINIAPP_FILE. */
export async function measureAuthingMiniapp(checkout = process.env[SOURCE_ENV], keepIn?: string): Promise<MiniappSize> {
  if (!checkout) return { notMeasured: NOT_MEASURED };
  const packageDir = path.resolve(checkout, 'packages', 'miniapp');
  const entry = path.join(packageDir, 'src', 'index.ts');
  if (!existsSync(entry)) return { error: `${SOURCE_ENV}=${checkout} holds no packages/miniapp/src/index.ts` };
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
    dependencies?: Record<string, string>;
  };
  const deps = await mkdtemp(path.join(tmpdir(), 'authing-miniapp-deps-'));
  try {
    await writeFile(path.join(deps, 'package.json'), JSON.stringify({ private: true, dependencies: manifest.dependencies ?? {} }));
    const installed = await npmInstall(deps);
    const result = await build({
      ...wechatBuildOptions({ __authing_move_mode__: '"wx"', __authing_move_src_mode__: '"wx"' }),
      entryPoints: [entry],
      nodePaths: [path.join(deps, 'node_modules')],
      write: false,
      logLevel: 'error',
    });
    const code = result.outputFiles[0].contents;
    const jsencrypt = path.resolve(checkout, 'packages', 'miniapp-jsencrypt', 'lib', 'index.js');
    let withRsa: { minified: number; gzip: number } | undefined;
    if (existsSync(jsencrypt)) {
      const both = await build({
        ...wechatBuildOptions({ __authing_move_mode__: '"wx"', __authing_move_src_mode__: '"wx"' }),
        stdin: {
          contents: `export * from ${JSON.stringify(entry)};\nexport { encryptFunction } from ${JSON.stringify(jsencrypt)};\n`,
          resolveDir: packageDir,
          loader: 'ts',
        },
        nodePaths: [path.join(deps, 'node_modules')],
        write: false,
        logLevel: 'error',
      });
      const bothCode = both.outputFiles[0].contents;
      withRsa = { minified: bothCode.length, gzip: gzipSync(bothCode, { level: 9 }).length };
    }
    if (keepIn) {
      await mkdir(keepIn, { recursive: true });
      await writeFile(path.join(keepIn, AUTHING_MINIAPP_FILE), code);
    }
    return {
      version: manifest.version,
      installed,
      minified: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      inputs: Object.keys(result.metafile?.inputs ?? {}).length,
      ...(withRsa ? { withRsa } : {}),
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await rm(deps, { recursive: true, force: true });
  }
}
