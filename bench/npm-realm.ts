/**
 * Loads a tiny app's 构建 npm output in build/wx-sandbox.ts's WeChat-like realm.
 *
 * That sandbox only follows relative requires inside one folder, while packNpm output requires
 * packages by name (`require("authing-js-sdk")`), which WeChat resolves through miniprogram_npm/.
 * So the output is copied once with every such require rewritten to the relative path WeChat's
 * lookup finds (bench/miniprogram-require.ts); the code is otherwise byte for byte what the
 * phone runs. A require WeChat could not satisfy (a Node built-in) stays as written and fails in
 * the sandbox as it fails on the phone: "module 'util' is not defined".
 *
 * The lenient realm is for code that fails there: each missing module or global the load trips
 * over is stubbed, one at a time, until it loads, so the library still gets a load time and the
 * report says exactly what had to be faked.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSandbox, type Sandbox } from '../build/wx-sandbox';
import { REQUIRE_PATTERN, resolveRequire } from './miniprogram-require';

export interface LinkedOutput {
  /** The copy's root: pass it as the sandbox root. */
  root: string;
  /** Bare requires left as written because WeChat would not find them either. */
  unresolved: string[];
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return jsFiles(file);
    return name.endsWith('.js') ? [file] : [];
  });
}

const STUB_FOLDER = '__bench_stubs__';

function relativeId(fromFile: string, target: string): string {
  const rel = path.relative(path.dirname(fromFile), target).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** Copies `<appDir>/miniprogram_npm` to `<outDir>/miniprogram_npm`, bare requires made relative. Stubbed ids go to stub files. */
export function linkPackOutput(appDir: string, outDir: string, stubbedModules: string[] = []): LinkedOutput {
  const source = path.join(appDir, 'miniprogram_npm');
  const unresolved = new Set<string>();
  for (const file of jsFiles(source)) {
    const dest = path.join(outDir, path.relative(appDir, file));
    mkdirSync(path.dirname(dest), { recursive: true });
    const code = readFileSync(file, 'utf8').replace(REQUIRE_PATTERN, (whole, quote: string, id: string) => {
      if (id.startsWith('.')) return whole;
      const target = resolveRequire(appDir, file, id);
      if (target) return `require(${quote}${relativeId(dest, path.join(outDir, path.relative(appDir, target)))}${quote})`;
      if (stubbedModules.includes(id))
        return `require(${quote}${relativeId(dest, path.join(outDir, STUB_FOLDER, `${encodeURIComponent(id)}.js`))}${quote})`;
      unresolved.add(id);
      return whole;
    });
    writeFileSync(dest, code);
  }
  if (stubbedModules.length) {
    mkdirSync(path.join(outDir, STUB_FOLDER), { recursive: true });
    for (const id of stubbedModules) {
      // Any property is a do-nothing function: enough for module-level set-up code (util.inherits …).
      writeFileSync(
        path.join(outDir, STUB_FOLDER, `${encodeURIComponent(id)}.js`),
        'module.exports = new Proxy(function () {}, { get: function (t, k) { return k === "__esModule" ? false : function () {}; } });\n',
      );
    }
  }
  return { root: outDir, unresolved: Array.from(unresolved).sort() };
}

/** A `wx` with only what loading and constructing a client may touch (sync storage), no network. */
export function loadOnlyWx(): Record<string, unknown> {
  const storage = new Map<string, unknown>();
  return {
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
  };
}

/** Names under which browsers and Node expose the global object itself. */
const GLOBAL_OBJECT_NAMES = ['global', 'window', 'self', 'globalThis'];

/**
 * Stand-ins for globals WeChat lacks, for the lenient realm only. `process` is deliberately not
 * Node's ([object Object]): libraries must not take their Node paths in a mini program.
 */
export function stubFor(name: string, realm: object): unknown {
  if (GLOBAL_OBJECT_NAMES.includes(name)) return realm;
  if (name === 'process') return { env: {}, browser: true, version: '', versions: {}, nextTick: (fn: () => void) => setTimeout(fn, 0) };
  return new Proxy(function stub() {}, { get: () => function stub() {} });
}

export interface Leniency {
  modules: string[];
  globals: string[];
}

/** Stubs the given globals in a sandbox realm, then forgets the lookups the stubbing itself made. */
export function stubGlobals(sandbox: Sandbox, globals: string[]): void {
  const realm = sandbox.evaluate('this') as Record<string, unknown>;
  for (const name of globals) realm[name] = stubFor(name, realm);
  sandbox.foreignGlobals.clear();
  sandbox.lookups.clear();
}

/**
 * What a failed load was missing: a module (WeChat's and the sandbox's wording), a global named
 * by a ReferenceError, or else the last global WeChat lacks that the load touched before it threw
 * (the sandbox answers such reads with undefined, so `Buffer.from` fails as a TypeError).
 */
export function missingFrom(
  error: unknown,
  touched: Iterable<string> = [],
  stubbed: string[] = [],
): { module?: string; global?: string } | null {
  const message = error instanceof Error ? error.message : String(error);
  const module = /module '([^']+)' is not defined/.exec(message);
  if (module) return { module: module[1] };
  const global = /^(\S+) is not defined$/.exec(message);
  if (global) return { global: global[1] };
  const candidates = Array.from(touched).filter((name) => !stubbed.includes(name));
  return candidates.length ? { global: candidates[candidates.length - 1] } : null;
}

export interface RealmLoad<T> {
  exports: T;
  sandbox: Sandbox;
}

function realm(root: string, wx: object, leniency?: Leniency): Sandbox {
  const sandbox = createSandbox({ root, wx });
  if (leniency && leniency.globals.length) stubGlobals(sandbox, leniency.globals);
  return sandbox;
}

/** Fresh realm + require of the entry. Throws what the load throws. */
export function loadInRealm<T>(root: string, entry: string, wx: object, leniency?: Leniency): RealmLoad<T> {
  const sandbox = realm(root, wx, leniency);
  return { exports: sandbox.require(entry) as T, sandbox };
}

/**
 * Finds the stubs an entry needs to load: tries the strict load, and on each failure stubs what
 * it was missing and relinks, at most `limit` times. Returns the leniency (empty when the strict
 * realm loads it) and the strict failure, if any.
 */
export function findLeniency(
  appDir: string,
  outDir: string,
  entry: string,
  limit = 12,
): { linked: LinkedOutput; leniency: Leniency; strictError: string | null } {
  const leniency: Leniency = { modules: [], globals: [] };
  let linked = linkPackOutput(appDir, outDir);
  let strictError: string | null = null;
  for (let attempt = 0; attempt <= limit; attempt++) {
    const sandbox = realm(linked.root, loadOnlyWx(), leniency);
    try {
      sandbox.require(entry);
      return { linked, leniency, strictError };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (strictError === null) strictError = message;
      const missing = missingFrom(error, sandbox.foreignGlobals, leniency.globals);
      if (!missing)
        throw new Error(`${entry} fails to load even with stubs (${leniency.modules.concat(leniency.globals).join(', ')}): ${message}`, {
          cause: error,
        });
      if (missing.module) leniency.modules.push(missing.module);
      if (missing.global) leniency.globals.push(missing.global);
      linked = linkPackOutput(appDir, outDir, leniency.modules);
    }
  }
  throw new Error(`${entry} still fails after ${limit} stubs: ${leniency.modules.concat(leniency.globals).join(', ')}`);
}
