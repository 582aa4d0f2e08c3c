/**
 * A WeChat-like JS realm for loading miniprogram_dist in Node: a fresh V8 context holding only
 * ECMAScript built-ins plus WeChat's documented globals (wx, console, timers), a CommonJS
 * `require` that resolves only files inside the package, and no eval / new Function (WeChat
 * refuses them). Every global name the code looks up outside that set is recorded.
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

export interface SandboxOptions {
  /** The folder `require` may load from (miniprogram_dist). */
  root: string;
  /** The `wx` object the code sees. */
  wx: object;
  /** Timers; default Node's. */
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval'>;
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

  function resolve(fromDir: string, id: string): string {
    if (!/^\.\.?\//.test(id)) throw new Error(`module '${id}' is not defined (only relative paths inside the package load)`);
    let file = path.resolve(fromDir, id);
    if (!file.endsWith('.js')) file += '.js';
    if (file !== root && !file.startsWith(root + path.sep)) throw new Error(`module '${id}' is outside ${root}`);
    if (!existsSync(file)) throw new Error(`module '${id}' is not defined, require args is '${id}'`);
    return file;
  }

  function load(file: string): unknown {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = vm.runInContext('({ exports: {} })', context) as LoadedModule;
    cache.set(file, module);
    const wrapper = new vm.Script(`(function (module, exports, require) {${readFileSync(file, 'utf8')}\n})`, { filename: file });
    const run = wrapper.runInContext(context) as (m: LoadedModule, e: unknown, r: (id: string) => unknown) => void;
    run(module, module.exports, (id) => load(resolve(path.dirname(file), id)));
    return module.exports;
  }

  return {
    require: (id) => load(resolve(root, id)),
    foreignGlobals,
    lookups,
    evaluate: (code) => vm.runInContext(code, context) as unknown,
  };
}
