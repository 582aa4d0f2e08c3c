/**
 * The prebuilt components → `<outDir>/<name>/index.{js,json,wxml,wxss}` and `<outDir>/common/index.{js,wxss}`.
 *
 * Every component and the full client must share one core module instance (one session, one
 * login in flight, one held wx.login code), so `lib/core` is never bundled here: imports of it
 * become `require('../core')`, the core bundle another step writes to `<outDir>/core.js`. The
 * code the components share becomes `require('../common/index')` for the same reason. Their shared
 * styles stay a file of their own, which each component's WXSS names with `@import`: WeChat
 * compiles it once, and miniprogram-simulate inlines it.
 */
import { build, type Plugin } from 'esbuild';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { esmToCommonJs } from './bundle';

const ROOT = resolve(__dirname, '..');
const SOURCE = join(ROOT, 'components');
const CORE = join(ROOT, 'lib', 'core');
const COMMON = join(SOURCE, 'common');

/** Component folders: every folder under components/ with an index.json, except the shared code. */
export async function componentNames(): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(SOURCE, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'common') continue;
    const json = await stat(join(SOURCE, entry.name, 'index.json')).catch(() => null);
    if (json) names.push(entry.name);
  }
  return names.sort();
}

function isInside(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder + sep);
}

/** Rewrites imports of the core (and, for components, of common/) into requires of the shared files. */
function sharedModules(externalCommon: boolean): Plugin {
  return {
    name: 'authing-shared-modules',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = resolve(args.resolveDir, args.path);
        if (isInside(target, CORE)) {
          // core.js is the bundle of lib/core/index.ts: a deeper import would name something it may not export.
          if (target !== CORE && target !== join(CORE, 'index') && target !== join(CORE, 'index.ts')) {
            return { errors: [{ text: `import lib/core itself, not ${args.path}: the components share its public index only` }] };
          }
          return { path: '../core', external: true };
        }
        if (externalCommon && isInside(target, COMMON)) return { path: '../common/index', external: true };
        return undefined;
      });
    },
  };
}

async function bundle(entry: string, outfile: string, externalCommon: boolean): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    // ESM, then CommonJS by esmToCommonJs: no interop prelude or export getters in what ships.
    format: 'esm',
    platform: 'neutral',
    target: 'es2017',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [sharedModules(externalCommon)],
  });
  await writeFile(outfile, esmToCommonJs(await readFile(outfile, 'utf8'), outfile));
}

/** Comments and layout out; wxss is otherwise shipped as written (WeChat's wcsc compiles it on upload). */
export function minifyWxss(source: string): string {
  return (
    source
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>+~])\s*/g, '$1')
      // Only the space after a colon: before one it can be a descendant combinator (`.a :first-child`).
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim()
  );
}

/** Templates keep their text (slot fallbacks, aria labels) but lose the indentation between tags. */
export function minifyWxml(source: string): string {
  return source
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

async function copyWxss(from: string, to: string): Promise<void> {
  await writeFile(to, minifyWxss(await readFile(from, 'utf8')));
}

export async function buildComponents(outDir: string): Promise<void> {
  await bundle(join(COMMON, 'index.ts'), join(outDir, 'common', 'index.js'), false);
  await copyWxss(join(COMMON, 'index.wxss'), join(outDir, 'common', 'index.wxss'));
  for (const name of await componentNames()) {
    const from = join(SOURCE, name);
    const to = join(outDir, name);
    await mkdir(to, { recursive: true });
    await bundle(join(from, 'index.ts'), join(to, 'index.js'), true);
    await copyFile(join(from, 'index.json'), join(to, 'index.json'));
    await writeFile(join(to, 'index.wxml'), minifyWxml(await readFile(join(from, 'index.wxml'), 'utf8')));
    await copyWxss(join(from, 'index.wxss'), join(to, 'index.wxss'));
  }
}

/** Byte sizes of what buildComponents wrote, for the build log. */
export async function componentSizes(outDir: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const file of ['common/index.js', 'common/index.wxss']) sizes[file] = (await stat(join(outDir, file))).size;
  for (const name of await componentNames()) {
    for (const ext of ['js', 'json', 'wxml', 'wxss']) {
      const file = join(outDir, name, `index.${ext}`);
      sizes[`${name}/index.${ext}`] = (await stat(file)).size;
    }
  }
  return sizes;
}

// Run directly (`node -r esbuild-register build/components.ts <outDir>`) for a quick look.
if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  const outDir = resolve(process.argv[2] ?? join(ROOT, 'miniprogram_dist'));
  buildComponents(outDir)
    .then(() => componentSizes(outDir))
    .then((sizes) => {
      for (const [file, size] of Object.entries(sizes)) console.log(`${String(size).padStart(7)}  ${join(outDir, file)}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
