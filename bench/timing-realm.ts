/**
 * A loader for timing the SDKs' per-request CPU (figure 4), not for checking what they touch.
 *
 * build/wx-sandbox.ts routes every global lookup through a recording Proxy: right for finding
 * foreign globals and for load times (figure 2), but in a hot loop that trap is most of what
 * gets measured (a JWT decoder calling String.fromCodePoint per character pays it per character;
 * WeChat's engine does not). So here modules run in this realm, with the same CommonJS
 * semantics (relative requires inside one folder, no cache across loads), and every global
 * WeChat lacks is shadowed by an undefined wrapper parameter, so `typeof process`, `window` …
 * answer as on the phone and no library takes its Node or browser path.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { ABSENT_GLOBALS } from '../build/bundle';
import { standardBuiltins, UNAVAILABLE_BUILTINS, WECHAT_GLOBALS } from '../build/wx-sandbox';

/** Every global this Node realm has that WeChat's does not. */
function shadowedNames(): string[] {
  const keep = new Set([...standardBuiltins(), ...WECHAT_GLOBALS]);
  const names = new Set([...Object.getOwnPropertyNames(globalThis), ...ABSENT_GLOBALS, ...UNAVAILABLE_BUILTINS]);
  return Array.from(names).filter((name) => !keep.has(name) && /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'undefined');
}

export interface TimingRealm {
  require(id: string): unknown;
}

/** Loads modules under `root` with `wx` (and the given stand-ins for missing globals) in scope. */
export function createTimingRealm(root: string, wx: object, stubs: Record<string, unknown> = {}): TimingRealm {
  const base = path.resolve(root);
  const shadowed = shadowedNames().filter((name) => !(name in stubs));
  const params = ['module', 'exports', 'require', 'wx', ...Object.keys(stubs), ...shadowed];
  const stubValues = Object.values(stubs);
  const cache = new Map<string, { exports: unknown }>();

  function resolve(fromDir: string, id: string): string {
    if (!/^\.\.?\//.test(id)) throw new Error(`module '${id}' is not defined, require args is '${id}'`);
    let file = path.resolve(fromDir, id);
    if (!file.endsWith('.js')) file += '.js';
    if (!file.startsWith(base + path.sep) || !existsSync(file)) throw new Error(`module '${id}' is not defined, require args is '${id}'`);
    return file;
  }

  function load(file: string): unknown {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    cache.set(file, module);
    const wrapper = vm.runInThisContext(`(function (${params.join(', ')}) {${readFileSync(file, 'utf8')}\n})`, { filename: file }) as (
      ...args: unknown[]
    ) => void;
    wrapper.call(undefined, module, module.exports, (id: string) => load(resolve(path.dirname(file), id)), wx, ...stubValues);
    return module.exports;
  }

  return { require: (id) => load(resolve(base, id)) };
}
