/**
 * The two phone-side bundles in miniprogram_dist/:
 *   core.js   lib/core/index.ts: the lean client the components use;
 *   index.js  lib/index.ts: the full AuthenticationClient (authing-js-sdk + shims), which requires
 *             './core.js' at run time instead of carrying its own copy of the core;
 *   v3.js     lib/v3/index.ts: the v3 client (Authing), requiring './core.js' the same way.
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { wxBundlePlugin } from './wx-bundle-plugin';

/**
 * Browser and Node globals that do not exist in WeChat's JS engine. Defining them as undefined
 * makes the bundle behave as it will on the phone (`typeof window` is "undefined"), lets esbuild
 * drop the dead browser branches, and keeps the bundle from touching them at all.
 */
export const ABSENT_GLOBALS = [
  'window',
  'self',
  'global',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'XMLHttpRequest',
  'WebSocket',
  'fetch',
  'FormData',
  'Blob',
  'File',
  'FileReader',
  'Image',
  'TextEncoder',
  'TextDecoder',
  'atob',
  'btoa',
  'crypto',
  'msCrypto',
  'Buffer',
  'process',
  'setImmediate',
];

export interface BundleResult {
  file: string;
  metafile: Metafile;
}

function sdkVersion(root: string): string {
  return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * How any code is bundled for WeChat here: CommonJS, ES2017, minified, the globals WeChat lacks
 * defined as undefined. Ours adds its own settings (common below); the bench builds Authing's
 * @authing/miniapp with these too, so the two sizes compare like with like.
 */
export function wechatBuildOptions(define: Record<string, string> = {}): BuildOptions {
  const absent: Record<string, string> = {};
  for (const name of ABSENT_GLOBALS) absent[name] = 'undefined';
  return {
    bundle: true,
    // WeChat modules are CommonJS (module, exports, require); neutral: no Node builtins, no browser field swaps.
    format: 'cjs',
    platform: 'neutral',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['browser', 'import', 'default'],
    // Keeps async/await; lowers ?. ?? and object spread, which older WeChat engines lack.
    target: 'es2017',
    minify: true,
    legalComments: 'none',
    // Chinese messages stay as UTF-8 bytes instead of longer \u escapes.
    charset: 'utf8',
    define: { ...absent, ...define },
    // A BigInt literal fails the build here rather than on an old iPhone.
    supported: { bigint: false },
    metafile: true,
    logLevel: 'warning',
  };
}

function common(root: string): BuildOptions {
  return {
    ...wechatBuildOptions({ __SDK_VERSION__: JSON.stringify(sdkVersion(root)), 'process.env.NODE_ENV': '"production"' }),
    // authing-js-sdk's classes redeclare fields their base sets (NaiveHttpClient.options …);
    // define semantics would reset them to undefined.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  };
}

/** WeChat refuses code generation from strings; BigInt is missing on older engines. */
const FORBIDDEN: Array<[RegExp, string]> = [
  [/(^|[^\w$.])eval\s*\(/, 'eval('],
  [/(^|[^\w$.])Function\s*\(/, 'Function('],
  [/(^|[^\w$.])BigInt\b/, 'BigInt'],
];

export function assertWeChatSafe(file: string): void {
  const code = readFileSync(file, 'utf8');
  for (const [pattern, what] of FORBIDDEN) {
    if (pattern.test(code)) throw new Error(`${file} contains ${what}, which WeChat cannot run`);
  }
}

export interface OutputSize {
  bytes: number;
  gzipBytes: number;
}

export function outputSize(file: string): OutputSize {
  const code = readFileSync(file);
  return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** The one `export{local as name,…};` esbuild's minified ESM output ends with. */
const ESM_EXPORTS = /export\{([\w$]+(?: as [\w$]+)?(?:,[\w$]+(?: as [\w$]+)?)*)\};\s*$/;

/** One `import{name as local,…}from"path";` of an external module in esbuild's minified ESM output. */
const ESM_IMPORT = /import\{([\w$]+(?: as [\w$]+)?(?:,[\w$]+(?: as [\w$]+)?)*)\}from"([^"]+)";/g;

/** `a as b` list entries → `b:a`-style object entries (`swap`: `name:local` for exports, `local` side for imports). */
function entries(list: string, exporting: boolean): string {
  return list
    .split(',')
    .map((entry) => {
      const [left, right = left] = entry.split(' as ');
      if (left === right) return left;
      return exporting ? `${right}:${left}` : `${left}:${right}`;
    })
    .join(',');
}

/**
 * esbuild's ESM output as a CommonJS module: each named import of an external file becomes a
 * destructured `require`, the closing export list `module.exports = {…}`. Its CJS output would
 * instead carry a helper prelude, a getter per export and `(0, x.f)()` calls (≈0.5 KB in core.js,
 * which every mini program with a component ships). The shipped modules export only functions,
 * classes and constants and import only names, so plain properties are the same API. Any other
 * import or export form fails the build.
 */
export function esmToCommonJs(code: string, file: string): string {
  const match = ESM_EXPORTS.exec(code);
  let body = match ? code.slice(0, match.index) : code;
  body = body.replace(ESM_IMPORT, (_all, list: string, from: string) => `const{${entries(list, false)}}=require(${JSON.stringify(from)});`);
  if (/(^|[;}])\s*(import|export)\b/.test(body)) {
    throw new Error(`${file}: an import or export form esmToCommonJs does not know is left in the ESM output`);
  }
  return `"use strict";${body}${match ? `module.exports={${entries(match[1], true)}};` : ''}\n`;
}

/** A lean bundle: esbuild's ESM output rewritten as plain CommonJS (no interop prelude). */
async function bundleLean(root: string, file: string, entry: string, plugins: Plugin[] = []): Promise<BundleResult> {
  const result = await build({ ...common(root), format: 'esm', entryPoints: [entry], outfile: file, plugins });
  writeFileSync(file, esmToCommonJs(readFileSync(file, 'utf8'), file));
  assertWeChatSafe(file);
  return { file, metafile: result.metafile as Metafile };
}

export function bundleCore(root: string, outdir: string): Promise<BundleResult> {
  return bundleLean(root, path.join(outdir, 'core.js'), path.join(root, 'lib', 'core', 'index.ts'));
}

/** The v3 client, with the core required from './core.js' (one core module: one session). */
export function bundleV3(root: string, outdir: string): Promise<BundleResult> {
  return bundleLean(root, path.join(outdir, 'v3.js'), path.join(root, 'lib', 'v3', 'index.ts'), [
    wxBundlePlugin({ root, coreExternal: './core.js' }),
  ]);
}

export async function bundleFull(root: string, outdir: string): Promise<BundleResult> {
  const file = path.join(outdir, 'index.js');
  const result = await build({
    ...common(root),
    entryPoints: [path.join(root, 'lib', 'index.ts')],
    outfile: file,
    // The two web APIs authing-js-sdk's WeChat-usable paths need, as small module-local stand-ins.
    inject: [path.join(root, 'lib', 'full', 'shims', 'url.ts'), path.join(root, 'lib', 'full', 'shims', 'url-search-params.ts')],
    plugins: [wxBundlePlugin({ root, coreExternal: './core.js' })],
  });
  assertWeChatSafe(file);
  return { file, metafile: result.metafile as Metafile };
}

/** Every phone-side bundle, as `gulp build` and the bench make them: one list of entry points. */
export async function bundleLibrary(root: string, outdir: string): Promise<{ core: BundleResult; full: BundleResult; v3: BundleResult }> {
  const [core, full, v3] = await Promise.all([bundleCore(root, outdir), bundleFull(root, outdir), bundleV3(root, outdir)]);
  return { core, full, v3 };
}
