/**
 * A WeChat-like JS realm for loading miniprogram_dist (or a mini program's 构建 npm output) in
 * Node: a fresh V8 context holding only ECMAScript built-ins plus WeChat's documented globals (wx,
 * console, timers), a CommonJS `require` that resolves only files inside the root folder, and no
 * eval / new Function (WeChat refuses them). Every global name the code looks up outside that set
 * is recorded.
 *
 * Why a module lookup of its own: WeChat's loader lives inside the WeChat client and DevTools'
 * runtime, not in any package Node can call, and Node's own lookup reads node_modules/, which
 * WeChat never ships. So `require` follows WeChat's documented rules (npm 支持): a relative id is
 * a path ('.js' optional); a bare id names a package that 构建 npm wrote into the nearest
 * miniprogram_npm/ folder, walking up from the requiring file (its index.js, or a file in it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/** https://developers.weixin.qq.com/miniprogram/dev/reference/api/ (框架接口, 模块化, 基础功能). */
export const WECHAT_GLOBALS = [
  'wx',
  'console',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'App',
  'getApp',
  'Page',
  'getCurrentPages',
  'Component',
  'Behavior',
  'requirePlugin',
  'requireMiniProgram',
  'WXWebAssembly',
];

/**
 * V8 built-ins WeChat's engines cannot be counted on for: BigInt and its arrays (old iOS
 * JavaScriptCore), WebAssembly (WeChat has WXWebAssembly), shared memory, weak references
 * (WeChat has WXWeakRef), and globalThis (absent before iOS 12.2).
 */
export const UNAVAILABLE_BUILTINS = [
  'BigInt',
  'BigInt64Array',
  'BigUint64Array',
  'WebAssembly',
  'SharedArrayBuffer',
  'Atomics',
  'WeakRef',
  'FinalizationRegistry',
  'globalThis',
];

/** The ECMAScript globals of a fresh V8 context, minus the unavailable ones. */
export function standardBuiltins(): string[] {
  const names = vm.runInNewContext('Object.getOwnPropertyNames(globalThis)') as string[];
  return names.filter((name) => UNAVAILABLE_BUILTINS.indexOf(name) < 0 && WECHAT_GLOBALS.indexOf(name) < 0);
}

/** Every global this Node realm has that WeChat's does not (what 'shadowed' hides), minus those provided. */
function shadowedNames(provided: string[]): string[] {
  const keep = new Set([...standardBuiltins(), ...WECHAT_GLOBALS, ...provided, 'undefined']);
  return Object.getOwnPropertyNames(globalThis).filter((name) => !keep.has(name) && /^[A-Za-z_$][\w$]*$/.test(name));
}

/** A `wx` with only what loading a library and constructing its client may touch (sync storage), no network. */
export function storageOnlyWx(): object {
  const storage = new Map<string, unknown>();
  return {
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
  };
}

export interface SandboxOptions {
  /** The folder `require` may load from (miniprogram_dist). */
  root: string;
  /** The `wx` object the code sees. */
  wx: object;
  /** Timers; default Node's. */
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'>;
  /**
   * 'recorded' (default): the fresh context above, every global lookup recorded through a Proxy.
   * 'shadowed': for CPU timings, where that Proxy's trap would be most of what is measured (a JWT
   * decoder calling String.fromCodePoint per character pays it per character; WeChat's engine
   * does not). Modules run in this realm, every global WeChat lacks shadowed by an undefined
   * wrapper parameter, so `typeof process`, `window` … answer as on the phone and no library
   * takes its Node path. Nothing is recorded; eval is not refused.
   */
  globals?: 'recorded' | 'shadowed';
}

export interface Sandbox {
  /** Loads a module of the package, as WeChat's require would: './x' or './x.js', relative to root. */
  require(id: string): unknown;
  /** Global names looked up (read, written or probed with typeof) that WeChat does not have. */
  readonly foreignGlobals: Set<string>;
  /** Every global name looked up, WeChat's and built-ins included. */
  readonly lookups: Set<string>;
  /** Evaluates an expression inside the realm (to get its Object, Promise…). */
  evaluate(code: string): unknown;
}

interface LoadedModule {
  exports: unknown;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const root = path.resolve(options.root);
  const timers = options.timers ?? { setTimeout, clearTimeout, setInterval, clearInterval };
  const provided: Record<string, unknown> = Object.assign({ wx: options.wx, console }, timers);
  const builtinNames = new Set(standardBuiltins());
  const builtins: Record<string, unknown> = {};
  const foreignGlobals = new Set<string>();
  const lookups = new Set<string>();
  let ready = false;

  const note = (name: string): void => {
    lookups.add(name);
    if (!builtinNames.has(name) && WECHAT_GLOBALS.indexOf(name) < 0) foreignGlobals.add(name);
  };

  // The context's global object forwards every lookup to this proxy first: that is where
  // lookups are seen. Built-ins are served from the context's own realm (captured below).
  const sandbox = new Proxy(provided, {
    get(target, name, receiver) {
      if (typeof name !== 'string') return Reflect.get(target, name, receiver) as unknown;
      if (ready) note(name);
      if (name in target) return target[name];
      return builtinNames.has(name) ? builtins[name] : undefined;
    },
    set(target, name, value) {
      if (typeof name === 'string') note(name);
      target[name as string] = value;
      return true;
    },
    getOwnPropertyDescriptor(target, name) {
      // Before `ready`, answering "not mine" lets the context's real built-ins show through.
      if (!ready) return undefined;
      if (typeof name === 'string') note(name);
      return Reflect.getOwnPropertyDescriptor(target, name);
    },
  });
  const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  const realmGlobal = vm.runInContext('this', context) as Record<string, unknown>;
  for (const name of builtinNames) {
    const descriptor = Object.getOwnPropertyDescriptor(realmGlobal, name);
    if (descriptor) builtins[name] = descriptor.value;
  }
  ready = true;

  const cache = new Map<string, LoadedModule>();

  const inside = (file: string): boolean => file === root || file.startsWith(root + path.sep);
  const asJs = (base: string): string => (base.endsWith('.js') ? base : `${base}.js`);

  /** The file WeChat loads for `require(id)` from a file in `fromDir` (see the header). */
  function resolve(fromDir: string, id: string): string {
    if (/^\.\.?\//.test(id)) {
      const file = asJs(path.resolve(fromDir, id));
      if (!inside(file)) throw new Error(`module '${id}' is outside ${root}`);
      if (existsSync(file)) return file;
    } else {
      for (let dir = fromDir; inside(dir); dir = path.dirname(dir)) {
        const base = path.join(dir, 'miniprogram_npm', id);
        const file = [asJs(base), path.join(base, 'index.js')].find((candidate) => existsSync(candidate));
        if (file) return file;
        if (dir === root) break;
      }
    }
    throw new Error(`module '${id}' is not defined, require args is '${id}'`);
  }

  const shadowed = options.globals === 'shadowed' ? shadowedNames(Object.keys(provided)) : [];
  /** The module's code as a function of (module, exports, require), in the realm the mode says. */
  function compile(file: string): (m: LoadedModule, e: unknown, r: (id: string) => unknown) => void {
    const code = readFileSync(file, 'utf8');
    if (!shadowed.length) {
      const wrapper = new vm.Script(`(function (module, exports, require) {${code}\n})`, { filename: file });
      return wrapper.runInContext(context) as ReturnType<typeof compile>;
    }
    const names = Object.keys(provided);
    const source = `(function (module, exports, require, ${[...names, ...shadowed].join(', ')}) {${code}\n})`;
    const wrapper = vm.runInThisContext(source, { filename: file }) as (...args: unknown[]) => void;
    return (m, e, r) => wrapper.call(undefined, m, e, r, ...names.map((name) => provided[name]));
  }

  function load(file: string): unknown {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = (shadowed.length ? { exports: {} } : vm.runInContext('({ exports: {} })', context)) as LoadedModule;
    cache.set(file, module);
    compile(file)(module, module.exports, (id) => load(resolve(path.dirname(file), id)));
    return module.exports;
  }

  return {
    require: (id) => load(resolve(root, id)),
    foreignGlobals,
    lookups,
    evaluate: (code) => vm.runInContext(code, context) as unknown,
  };
}
