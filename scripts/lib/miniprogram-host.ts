/**
 * Runs a BUILT mini program (miniprogram_dev/) in Node, as WeChat would: its app.js through
 * App(), its pages (written with Component()) rendered by miniprogram-simulate from the real
 * templates, `require('authing-wxapp-sdk')` and `"authing-wxapp-sdk/…"` components resolved to
 * miniprogram_npm/ (what 构建 npm produced), and `wx` the wx simulator talking to the emulator.
 *
 * One host per process: it installs globals (window, document, wx, App, getApp, Component).
 */
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { join, resolve, sep } from 'node:path';
import type { RootComponent } from 'j-component';
import { openJsdomHost } from '../../test/support/jsdom-host';
import { createWx, type CreateWxOptions, type Sim, type SimWx } from '../../testing';

/** What app.js hands to App(): the demo's app object (authing client, config, bridge). */
export type AppObject = Record<string, unknown> & { onLaunch?: (options: unknown) => void };

/** A rendered node that events can be dispatched on (j-component's wrapper). */
interface EventTarget {
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  querySelector(selector: string): EventTarget | null;
  readonly data: Record<string, unknown>;
}

/** j-component's root, with the page-lifetime trigger its typings leave out. */
type PageComponent = RootComponent<Record<string, unknown>, Record<string, never>, Record<string, never>> & {
  triggerPageLifeTime(name: string): void;
};

/** A page as a test or walkthrough drives it. */
export interface PageHandle {
  readonly path: string;
  /** The page's data, live. */
  readonly data: Record<string, unknown>;
  /** The page's `this` (its methods: onShow, refresh, …). */
  readonly instance: Record<string, unknown>;
  /** Dispatches an event on an element of the page, or on an element inside one of its components. */
  fire(selector: string, event: string, detail?: unknown, inside?: string): Promise<void>;
  /** A page lifecycle function (onShow …), awaited when it returns a promise. */
  call(method: string, ...args: unknown[]): Promise<void>;
  /** pageLifetimes for the components in the page ('show' | 'hide'). */
  lifetime(name: 'show' | 'hide'): void;
  detach(): void;
}

export interface HostOptions {
  /** The built mini program (the folder app.json is in). */
  dir: string;
  /** The simulated phone (emulator URL, appid, openid, base library). */
  phone: CreateWxOptions;
}

export interface MiniProgramHost {
  readonly dir: string;
  readonly wx: SimWx;
  readonly sim: Sim;
  /** The object app.js passed to App(). */
  readonly app: AppObject;
  /** Where `require('authing-wxapp-sdk')` led (to prove it is miniprogram_npm's copy). */
  resolvedPackage(name: string): string;
  openPage(path: string, query?: Record<string, string>): Promise<PageHandle>;
}

let installed = false;

/**
 * WeChat's module resolution for the mini program's own files: a bare name is a package in
 * miniprogram_npm/ (never node_modules/, which WeChat does not ship).
 */
function resolveFromMiniprogramNpm(dir: string): void {
  const moduleApi = Module as unknown as {
    _resolveFilename: (this: unknown, request: string, parent: { filename?: string } | null, ...rest: unknown[]) => string;
  };
  const original = moduleApi._resolveFilename;
  const npm = join(dir, 'miniprogram_npm');
  moduleApi._resolveFilename = function resolveFilename(request, parent, ...rest) {
    const from = parent?.filename;
    // Node's own modules too: esbuild-register's compiled output may require one (url).
    const bare = !request.startsWith('.') && !request.startsWith('/') && !Module.isBuiltin(request);
    if (from && bare && from.startsWith(dir + sep) && !from.startsWith(join(dir, 'node_modules') + sep)) {
      return original.call(this, join(npm, request), parent, ...rest);
    }
    return original.call(this, request, parent, ...rest);
  };
}

/** The page's usingComponents, npm paths pointed at miniprogram_npm/ as WeChat resolves them. */
function npmComponentPaths(dir: string, page: string): Record<string, string> {
  const json = JSON.parse(readFileSync(join(dir, `${page}.json`), 'utf8')) as { usingComponents?: Record<string, string> };
  const out: Record<string, string> = {};
  for (const [tag, path] of Object.entries(json.usingComponents ?? {})) {
    if (path.startsWith('/') || path.startsWith('.')) continue;
    if (!existsSync(join(dir, 'miniprogram_npm', `${path}.json`))) {
      throw new Error(`${page}.json: component "${path}" is not in miniprogram_npm/ (was 构建 npm run?)`);
    }
    out[tag] = `/miniprogram_npm/${path}`;
  }
  return out;
}

export async function startHost(options: HostOptions): Promise<MiniProgramHost> {
  if (installed) throw new Error('one mini program host per process: it owns the globals');
  installed = true;
  const dir = resolve(options.dir);
  if (!existsSync(join(dir, 'app.json'))) throw new Error(`${dir} has no app.json: build the demo first (npx gulp demo)`);

  const { wx, sim } = createWx(options.phone);
  // Never closed: the host lives as long as its process.
  const { simulate, document } = openJsdomHost(wx);
  resolveFromMiniprogramNpm(dir);

  let app: AppObject | null = null;
  const globals = globalThis as unknown as Record<string, unknown>;
  globals.App = (definition: AppObject) => {
    if (app) throw new Error('App() called twice');
    app = definition;
  };
  globals.getApp = () => {
    if (!app) throw new Error('getApp() before App()');
    return app;
  };
  globals.Page = () => {
    throw new Error('this host renders pages built with Component(); Page() is not supported');
  };

  require(join(dir, 'app.js'));
  const launched = app as AppObject | null;
  if (!launched) throw new Error('app.js did not call App()');
  launched.onLaunch?.({ path: 'pages/index/index', query: {}, scene: 1001 });

  return {
    dir,
    wx,
    sim,
    app: launched,
    resolvedPackage(name) {
      return (Module as unknown as { _resolveFilename(r: string, p: { filename: string }): string })._resolveFilename(name, {
        filename: join(dir, 'app.js'),
      });
    },
    async openPage(path, query = {}) {
      const id = simulate.load(join(dir, path), 'page', { rootPath: dir, usingComponents: npmComponentPaths(dir, path) });
      const comp = simulate.render(id) as unknown as PageComponent;
      comp.attach(document.createElement('page-wrapper') as unknown as Parameters<PageComponent['attach']>[0]);
      const instance = comp.instance as unknown as Record<string, unknown>;
      const handle: PageHandle = {
        path,
        get data() {
          return comp.data as Record<string, unknown>;
        },
        instance,
        async fire(selector, event, detail, inside) {
          const root = comp as unknown as EventTarget;
          const host = inside ? root.querySelector(inside) : root;
          if (!host) throw new Error(`${path}: nothing matches ${inside}`);
          const node = host.querySelector(selector);
          if (!node) throw new Error(`${path}: nothing matches ${inside ? `${inside} ` : ''}${selector} to fire ${event} on`);
          node.dispatchEvent(event, { detail });
          await simulate.sleep(0);
        },
        async call(method, ...args) {
          const fn = instance[method];
          if (typeof fn !== 'function') throw new Error(`${path} has no method ${method}`);
          await (fn as (...a: unknown[]) => unknown).apply(instance, args);
        },
        lifetime(name) {
          comp.triggerPageLifeTime(name);
        },
        detach() {
          comp.detach();
        },
      };
      await handle.call('onLoad', query).catch((error: unknown) => {
        if (!(error instanceof Error && error.message.includes('has no method onLoad'))) throw error;
      });
      handle.lifetime('show');
      if (typeof instance.onShow === 'function') await handle.call('onShow');
      return handle;
    },
  };
}

/** Polls until `condition` holds, or fails after `ms` naming `what`. */
export async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}
