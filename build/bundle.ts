/**
 * The two phone-side bundles in miniprogram_dist/:
 *   core.js   lib/core/index.ts: the lean client the components use;
 *   index.js  lib/index.ts: the full AuthenticationClient (authing-js-sdk + shims), which requires
 *             './core.js' at run time instead of carrying its own copy of the core.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
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

function common(root: string): BuildOptions {
  const define: Record<string, string> = {
    __SDK_VERSION__: JSON.stringify(sdkVersion(root)),
    'process.env.NODE_ENV': '"production"',
  };
  for (const name of ABSENT_GLOBALS) define[name] = 'undefined';
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
    // authing-js-sdk's classes redeclare fields their base sets (NaiveHttpClient.options …);
    // define semantics would reset them to undefined.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    define,
    // A BigInt literal fails the build here rather than on an old iPhone.
    supported: { bigint: false },
    metafile: true,
    logLevel: 'warning',
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

/**
 * esbuild's ESM output with its closing export list turned into `module.exports = {…}`. Its CJS
 * output would instead carry a helper prelude and a getter per export (≈0.5 KB in core.js, which
 * every mini program with a component ships); core.js exports only functions, classes and
 * constants, so plain properties are the same API. It must import nothing (it requires nothing).
 */
export function esmToCommonJs(code: string): string {
  const match = ESM_EXPORTS.exec(code);
  const body = match ? code.slice(0, match.index) : code;
  if (!match || /(^|[;}])\s*(import|export)\b/.test(body)) {
    throw new Error('core.js: expected one closing export list and no imports in the ESM output');
  }
  const properties = match[1].split(',').map((entry) => {
    const [local, name = local] = entry.split(' as ');
    return local === name ? name : `${name}:${local}`;
  });
  return `"use strict";${body}module.exports={${properties.join(',')}};\n`;
}

export async function bundleCore(root: string, outdir: string): Promise<BundleResult> {
  const file = path.join(outdir, 'core.js');
  const result = await build({
    ...common(root),
    format: 'esm',
    entryPoints: [path.join(root, 'lib', 'core', 'index.ts')],
    outfile: file,
  });
  writeFileSync(file, esmToCommonJs(readFileSync(file, 'utf8')));
  assertWeChatSafe(file);
  return { file, metafile: result.metafile as Metafile };
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
