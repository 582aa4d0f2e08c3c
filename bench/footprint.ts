/**
 * Figure 1: the bytes the library adds to a mini program after 构建 npm.
 *   raw       the files as 构建 npm wrote them;
 *   minified  as upload compression ships them (JS through esbuild's minifier, WXSS/WXML/JSON
 *             with the project's own minifiers), no ES5 transform;
 *   gzip      each minified file deflated on its own, as a zip of the package does;
 *   compiled  what miniprogram-ci's getCompiledResult outputs with the upload defaults (ES6 → ES5,
 *             minified), for the files WeChat keeps.
 * "Kept" files are those the app reaches (bench/miniprogram-require.ts): WeChat's upload drops
 * the rest. For the anchor, every file 构建 npm wrote is counted as well.
 */
import { transformSync } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { minifyWxml, minifyWxss } from '../build/components';
import { compile, footprint as compiledFootprint } from '../build/miniprogram-ci-runner';
import { reachableFiles } from './miniprogram-require';

export interface Bytes {
  files: number;
  raw: number;
  minified: number;
  gzip: number;
}

export interface CompiledBytes {
  /** Bytes of the kept files under miniprogram_npm/ in the compile result. */
  bytes: number;
  files: number;
  durationMs: number;
}

export interface AppFootprint {
  /** Files the app reaches, under miniprogram_npm/. */
  kept: Bytes;
  /** The kept bytes by file type (js, json, wxml, wxss). */
  keptByType: Record<string, Bytes>;
  keptFiles: string[];
  /** Every file 构建 npm wrote (source maps aside: they are not part of the package). */
  all: Bytes;
  compiled: CompiledBytes | { error: string };
  /** Requires nothing satisfies on the phone (Node built-ins a bundle left in). */
  unresolved: Array<{ from: string; id: string }>;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? listFiles(file) : [file];
  });
}

/** A file's bytes as upload compression would leave them. */
export function minifiedContent(file: string): Buffer {
  const source = readFileSync(file, 'utf8');
  switch (path.extname(file)) {
    case '.js':
      return Buffer.from(transformSync(source, { loader: 'js', minify: true, legalComments: 'none', charset: 'utf8' }).code);
    case '.wxss':
      return Buffer.from(minifyWxss(source));
    case '.wxml':
      return Buffer.from(minifyWxml(source));
    case '.json':
      return Buffer.from(JSON.stringify(JSON.parse(source)));
    default:
      return readFileSync(file);
  }
}

export function measureFiles(files: readonly string[]): Bytes {
  const total: Bytes = { files: files.length, raw: 0, minified: 0, gzip: 0 };
  for (const file of files) {
    const minified = minifiedContent(file);
    total.raw += statSync(file).size;
    total.minified += minified.length;
    total.gzip += gzipSync(minified, { level: 9 }).length;
  }
  return total;
}

const NPM_FOLDER = `miniprogram_npm${path.sep}`;

/** getCompiledResult for an app (upload defaults), in its own child process with a hard limit. Never rejects: a failure is the figure. */
export async function compiledSize(appDir: string): Promise<AppFootprint['compiled']> {
  try {
    const call = await compile(appDir, { timeoutMs: 150_000 });
    const used = compiledFootprint(call.result, 'miniprogram_npm/');
    return { bytes: used.usedBytes, files: used.usedFiles, durationMs: call.durationMs };
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

/** Sizes of one packed app; `compiled` comes from compiledSize (slow, so the caller runs those in parallel). */
export function measureFootprint(appDir: string, compiled: AppFootprint['compiled']): AppFootprint {
  const root = path.resolve(appDir);
  const reach = reachableFiles(root);
  const keptFiles = Array.from(reach.files)
    .filter((file) => path.relative(root, file).startsWith(NPM_FOLDER))
    .sort();
  const allFiles = listFiles(path.join(root, 'miniprogram_npm')).filter((file) => !file.endsWith('.map'));
  const keptByType: Record<string, Bytes> = {};
  for (const ext of Array.from(new Set(keptFiles.map((file) => path.extname(file).slice(1)))).sort()) {
    keptByType[ext] = measureFiles(keptFiles.filter((file) => path.extname(file) === `.${ext}`));
  }
  return {
    kept: measureFiles(keptFiles),
    keptByType,
    keptFiles: keptFiles.map((file) => path.relative(root, file).split(path.sep).join('/')),
    all: measureFiles(allFiles),
    compiled,
    unresolved: reach.unresolved.filter((entry) => entry.from.startsWith(NPM_FOLDER)),
  };
}
