/**
 * Figure 1: the bytes the library adds to a mini program after 构建 npm.
 *   raw       the files as 构建 npm wrote them;
 *   minified  as upload compression ships them (JS through esbuild's minifier, WXSS/WXML/JSON
 *             with the project's own minifiers), no ES5 transform;
 *   gzip      each minified file deflated on its own, as a zip of the package does;
 *   compiled  what miniprogram-ci's getCompiledResult outputs with the upload defaults (ES6 → ES5,
 *             minified), for the files WeChat keeps.
 * "Kept" files are those miniprogram-ci's analyseCode finds the app using: WeChat's upload drops
 * the rest. For the anchor, every file 构建 npm wrote is counted as well.
 */
import { transformSync } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { minifyWxml, minifyWxss } from '../build/components';
import { analyseCode, compile, footprint as compiledFootprint } from '../build/miniprogram-ci-runner';
import type { PackedApp } from './apps';

export interface Bytes {
  files: number;
  raw: number;
  minified: number;
  gzip: number;
}

export interface AppFootprint {
  kind: string;
  /** Files the app uses under miniprogram_npm/ (relative to the app), and their bytes. */
  keptFiles: string[];
  kept: Bytes;
  /** The kept JavaScript alone. */
  keptJs: Bytes;
  /** Every file 构建 npm wrote (source maps aside: they are not part of the package). */
  all: Bytes;
  /** Kept bytes under miniprogram_npm/ in getCompiledResult's output. */
  compiled: { bytes: number; files: number } | { error: string };
}

const NPM = 'miniprogram_npm/';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? listFiles(file) : [file];
  });
}

/** A file's bytes as upload compression would leave them. */
function minified(file: string): Buffer {
  const source = readFileSync(file, 'utf8');
  const ext = path.extname(file);
  if (ext === '.js') return Buffer.from(transformSync(source, { loader: 'js', minify: true, legalComments: 'none', charset: 'utf8' }).code);
  if (ext === '.wxss') return Buffer.from(minifyWxss(source));
  if (ext === '.wxml') return Buffer.from(minifyWxml(source));
  if (ext === '.json') return Buffer.from(JSON.stringify(JSON.parse(source)));
  return readFileSync(file);
}

export function measureFiles(files: readonly string[]): Bytes {
  const total: Bytes = { files: files.length, raw: 0, minified: 0, gzip: 0 };
  for (const file of files) {
    const small = minified(file);
    total.raw += statSync(file).size;
    total.minified += small.length;
    total.gzip += gzipSync(small, { level: 9 }).length;
  }
  return total;
}

/** analyseCode (always) and getCompiledResult (when `compiled`), each in its own child process. */
export async function measureFootprint(app: PackedApp, compiled: boolean): Promise<AppFootprint> {
  const compiling = compiled
    ? compile(app.dir, { timeoutMs: 150_000 }).then(
        ({ result }) => {
          const used = compiledFootprint(result, NPM);
          return { bytes: used.usedBytes, files: used.usedFiles };
        },
        (error: unknown) => ({ error: error instanceof Error ? error.message.split('\n')[0] : String(error) }),
      )
    : Promise.resolve({ error: 'skipped (BENCH_SKIP_COMPILE=1)' });
  const analysis = await analyseCode(app.dir, { timeoutMs: 120_000 });
  const keptFiles = analysis.result.files
    .filter((file) => file.moduleId !== null && file.path.startsWith(NPM))
    .map((file) => file.path)
    .sort();
  const absolute = keptFiles.map((file) => path.join(app.dir, file));
  return {
    kind: app.spec.kind,
    keptFiles,
    kept: measureFiles(absolute),
    keptJs: measureFiles(absolute.filter((file) => file.endsWith('.js'))),
    all: measureFiles(listFiles(path.join(app.dir, NPM)).filter((file) => !file.endsWith('.map'))),
    compiled: await compiling,
  };
}
