/**
 * WeChat's module lookup inside a mini program, for the files 构建 npm wrote: a relative id is a
 * path (".js" optional); a bare id names a package under the nearest miniprogram_npm/ folder
 * walking up from the requiring file (its index.js, or a file inside it). Used to find what an
 * app really ships (WeChat drops files nothing reaches) and to load packNpm output in the sandbox.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function asFile(candidate: string): string | null {
  for (const file of [candidate, `${candidate}.js`, path.join(candidate, 'index.js')]) {
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

/** The file `require(id)` from `fromFile` loads on the phone, or null (WeChat: "module is not defined"). */
export function resolveRequire(appDir: string, fromFile: string, id: string): string | null {
  const root = path.resolve(appDir);
  if (id.startsWith('./') || id.startsWith('../')) return asFile(path.resolve(path.dirname(fromFile), id));
  if (id.startsWith('/')) return asFile(path.join(root, id));
  for (let dir = path.dirname(fromFile); ; dir = path.dirname(dir)) {
    const found = asFile(path.join(dir, 'miniprogram_npm', id));
    if (found) return found;
    if (dir === root || !dir.startsWith(root)) return null;
  }
}

/** `usingComponents` values resolve the same way, to a folder of index.{js,json,wxml,wxss}. */
export function resolveComponent(appDir: string, fromJson: string, id: string): string | null {
  const js = resolveRequire(appDir, fromJson, id);
  return js ? js.replace(/\.js$/, '') : null;
}

/** String-literal requires; 构建 npm's bundles and esbuild's output both write them this way. */
export const REQUIRE_PATTERN = /\brequire\(\s*(["'])([^"'\n]+)\1\s*\)/g;

export function requiresOf(code: string): string[] {
  const ids: string[] = [];
  for (const match of code.matchAll(REQUIRE_PATTERN)) ids.push(match[2]);
  return ids;
}

export interface Reachable {
  /** Absolute paths of every file the app reaches (its own files included). */
  files: Set<string>;
  /**
   * Package requires that resolve to nothing (Node built-ins a bundle kept), by requiring file.
   * Relative ids that name no file are left out: inside 构建 npm's bundles those are the bundle's
   * own modules, mapped by its internal require.
   */
  unresolved: Array<{ from: string; id: string }>;
}

/**
 * Walks the app from app.js, app.json and its pages: requires, usingComponents, each
 * component's four files, and the stylesheets they @import. What this reaches is what an upload keeps (ignoreUploadUnusedFiles).
 */
export function reachableFiles(appDir: string): Reachable {
  const root = path.resolve(appDir);
  const files = new Set<string>();
  const unresolved: Reachable['unresolved'] = [];
  const pending: string[] = [];
  const add = (file: string | null): void => {
    if (file && existsSync(file) && !files.has(file)) {
      files.add(file);
      pending.push(file);
    }
  };
  const addComponent = (base: string): void => {
    for (const ext of ['.js', '.json', '.wxml', '.wxss']) add(base + ext);
  };
  add(path.join(root, 'app.js'));
  add(path.join(root, 'app.json'));
  const app = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8')) as { pages?: string[] };
  for (const page of app.pages ?? []) addComponent(path.join(root, page));

  while (pending.length) {
    const file = pending.pop()!;
    if (file.endsWith('.js')) {
      for (const id of requiresOf(readFileSync(file, 'utf8'))) {
        const target = resolveRequire(root, file, id);
        if (target) add(target);
        else if (!id.startsWith('.') && !unresolved.some((u) => u.id === id && u.from === path.relative(root, file))) {
          unresolved.push({ from: path.relative(root, file), id });
        }
      }
    } else if (file.endsWith('.json')) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> };
      for (const id of Object.values(json.usingComponents ?? {})) {
        const base = resolveComponent(root, file, id);
        if (base) addComponent(base);
        else unresolved.push({ from: path.relative(root, file), id });
      }
    } else if (file.endsWith('.wxss')) {
      // A stylesheet's @import is kept with it (the components share common/index.wxss this way).
      for (const match of readFileSync(file, 'utf8').matchAll(/@import\s+(["'])([^"'\n]+)\1/g)) {
        add(path.resolve(path.dirname(file), match[2]));
      }
    }
  }
  return { files, unresolved };
}
