/**
 * What every component suite needs: the built miniprogram_dist (components + core bundle) in a temp
 * folder, one emulator (its own process, test/support/emulator-process), the one jsdom host the dev
 * tools render on too (test/support/jsdom-host, its globals installed for the suite and removed
 * after it), and per test a fresh simulated phone as the global `wx`, a fresh module registry (so a
 * fresh core: no clients, no held codes) and the component rendered from the built files, exactly as
 * WeChat would load them.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ComponentJSON, RootComponent } from 'j-component';
import type * as Core from '../../lib/core';
import { createWx, type CreateWxOptions, type Sim, type SimWx } from '../../testing';
import { IN_MEMORY_ARGS, startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process';
import { openJsdomHost, type JsdomHost } from '../support/jsdom-host';
import { renderOnGlassEasel } from './glass-easel-host';

/**
 * The frameworks the suites run on, with the same tests: exparser (miniprogram-simulate's
 * j-component, what WeChat DevTools' simulator is built on) and glass-easel (WeChat's newer one).
 * jest.config.js runs the component suites once per host; its `globals.COMPONENT_HOST` says which.
 */
export const HOSTS = ['exparser', 'glass-easel'] as const;
export type HostName = (typeof HOSTS)[number];

function configuredHost(): HostName {
  const host = (globalThis as { COMPONENT_HOST?: unknown }).COMPONENT_HOST ?? 'exparser';
  if (!HOSTS.includes(host as HostName)) throw new Error(`COMPONENT_HOST must be one of ${HOSTS.join(', ')} (got ${JSON.stringify(host)})`);
  return host as HostName;
}

const ROOT = resolve(__dirname, '..', '..');

/** Builds the shipped layout into `dir` (in a child process: esbuild will not run in jsdom's realm). */
export function buildDist(dir: string): Promise<void> {
  return new Promise((resolveBuild, reject) => {
    execFile(
      process.execPath,
      ['-r', 'esbuild-register', join(__dirname, 'build-dist.ts'), dir],
      { cwd: ROOT },
      (error, _stdout, stderr) => (error ? reject(new Error(`building the components failed:\n${stderr}`)) : resolveBuild()),
    );
  });
}

export interface ComponentEvent {
  type: 'success' | 'fail' | 'cancel';
  detail: { code?: string | number; message?: string; [key: string]: unknown };
}

/** The rendered DOM, as far as the suites read it (both hosts render into jsdom). */
interface RenderedDom {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null; outerHTML?: string } | null;
  outerHTML?: string;
}

/** What the suites read from the rendered component, whichever framework renders it. */
export interface RenderedComponent {
  data: Record<string, unknown>;
  /** Data of the rendered root: the parent template's, for a `template` mount. */
  setData(data: Record<string, unknown>): void;
  dom?: RenderedDom;
  toJSON(): ComponentJSON;
}

/** A rendered component, with what the tests read from it. */
export interface Mounted {
  host: HostName;
  comp: RenderedComponent;
  /** success / fail / cancel, in order. */
  events: ComponentEvent[];
  /** The core module instance the component required (`require('../core')`). */
  core: typeof Core;
  wx: SimWx;
  sim: Sim;
  /** The first node of the rendered tree with this tag (`wx-button`, `wx-input`, …). */
  node(tagName: string, nth?: number): ComponentJSON;
  /** Dispatches an event on the first node matching the selector (inside the component) and lets handlers run. */
  fire(selector: string, event: string, detail?: unknown): Promise<void>;
  /** Waits until the component is idle again (its flow settled). */
  settle(): Promise<void>;
  /** The page came back to the foreground (pageLifetimes.show). */
  pageShow(): void;
  detach(): void;
}

interface Listenable {
  addEventListener(name: string, handler: (event: { detail: ComponentEvent['detail'] }) => void): void;
  triggerPageLifeTime(name: string): void;
}

export interface MountOptions {
  /** Component properties (camelCase, as simulate.render takes them). */
  props?: Record<string, unknown>;
  /** Render inside this parent template instead: the component's tag is its folder name, and it must carry `id="subject"`. */
  template?: string;
}

export interface ComponentEnv {
  dist(): string;
  /** The emulator, in its own Node process (test/support/emulator-process.ts). */
  emulator(): EmulatorProcess;
  /** A new phone, made the global `wx`. */
  phone(options?: Partial<CreateWxOptions>): { wx: SimWx; sim: Sim };
  /** Fresh modules, the phone's `wx`, then the built component, rendered and attached. */
  mount(name: string, phone: { wx: SimWx; sim: Sim }, options?: MountOptions): Mounted;
  /** The core the next mount will share (same module registry), to create the app's client first. */
  coreFor(phone: { wx: SimWx; sim: Sim }): typeof Core;
  /** The Authing app and host of the emulator, as `app-id` / `host` props. */
  appProps(): { appId: string; host: string };
}

function setWx(wx: SimWx | undefined): void {
  if (wx) (globalThis as unknown as { wx: unknown }).wx = wx;
  else delete (globalThis as unknown as { wx?: unknown }).wx;
}

function findNode(tree: ComponentJSON, tagName: string, found: ComponentJSON[] = []): ComponentJSON[] {
  if (tree.tagName === tagName) found.push(tree);
  for (const child of tree.children ?? []) if (child && typeof child === 'object') findNode(child, tagName, found);
  return found;
}

function nodeOf(tree: ComponentJSON, tagName: string, nth = 0): ComponentJSON {
  const nodes = findNode(tree, tagName);
  if (!nodes[nth]) throw new Error(`no <${tagName}> #${nth} in ${JSON.stringify(tree)}`);
  return nodes[nth];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

/** Waits until the component is idle again (its flow settled). */
async function settleWhile(busy: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && busy(); i++) await sleep(10);
  if (busy()) throw new Error('component still busy after 5 s');
  await sleep(0);
}

export function attr(node: ComponentJSON, name: string): unknown {
  return node.attrs.find((a) => a.name === name)?.value;
}

/** All the text in a rendered tree, in order. */
export function textOf(tree: ComponentJSON | string): string {
  if (typeof tree === 'string') return tree;
  return (tree.children ?? []).map((child) => textOf(child as ComponentJSON | string)).join('');
}

const restoreAfterTest: Array<() => void> = [];

/** What the components print with console.warn during the current test (silenced, restored after it). */
export function captureWarnings(): unknown[][] {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  restoreAfterTest.push(() => warn.mockRestore());
  return warn.mock.calls;
}

/**
 * `emulatorFlags`: the emulator's command-line flags beyond an in-memory database on a free port,
 * as a developer would type them (`['--rotate-session-key', 'alternate']`).
 */
export function useComponentEnv(emulatorFlags: string[] = [], host: HostName = configuredHost()): ComponentEnv {
  let dir: string | undefined;
  let emulator: EmulatorProcess | undefined;
  /** Kept so afterAll stops the emulator even when the build failed while it was starting. */
  let starting: Promise<EmulatorProcess> | undefined;
  let jsdom: JsdomHost | undefined;
  let mounted: Mounted[] = [];
  let prepared: { phone: SimWx; core: typeof Core } | null = null;

  beforeAll(async () => {
    // Opened once, before any jest.resetModules: jsdom and miniprogram-simulate load once per suite,
    // while the component files each mount requires (through simulate.load) come fresh.
    jsdom = openJsdomHost();
    dir = await mkdtemp(join(tmpdir(), 'authing-components-'));
    starting = startEmulatorProcess([...IN_MEMORY_ARGS, ...emulatorFlags]);
    [, emulator] = await Promise.all([buildDist(dir), starting]);
  });
  afterEach(() => {
    for (const restore of restoreAfterTest.splice(0)) restore();
    // Detaching releases held login codes, so no refresh timer outlives its test.
    for (const m of mounted) m.detach();
    for (const m of mounted) m.core.resetClients();
    mounted = [];
    prepared = null;
    setWx(undefined);
  });
  afterAll(async () => {
    const started = await starting?.catch(() => undefined);
    await started?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    jsdom?.close();
  });

  const dist = (): string => {
    if (!dir) throw new Error('dist not built yet: call inside a test');
    return dir;
  };

  function freshModules(wx: SimWx): typeof Core {
    jest.resetModules();
    setWx(wx);
    const core = require(join(dist(), 'core.js')) as typeof Core;
    prepared = { phone: wx, core };
    return core;
  }

  function mountOnExparser(name: string, phone: { wx: SimWx; sim: Sim }, core: typeof Core, options: MountOptions): Mounted {
    if (!jsdom) throw new Error('no jsdom host yet: mount inside a test');
    const { simulate, document } = jsdom;
    setWx(phone.wx);
    const id = simulate.load(join(dist(), name, 'index'), name, { rootPath: dist() });
    let rendered;
    if (options.template) {
      const parent = simulate.load({ template: options.template, usingComponents: { [name]: id } });
      rendered = simulate.render(parent, options.props);
    } else {
      rendered = simulate.render(id, options.props);
    }
    const comp = rendered as unknown as RootComponent<Record<string, unknown>, Record<string, never>, Record<string, never>>;
    const events: ComponentEvent[] = [];
    const target = (options.template ? comp.querySelector('#subject') : comp) as unknown as Listenable;
    for (const type of ['success', 'fail', 'cancel'] as const) {
      target.addEventListener(type, (event) => events.push({ type, detail: event.detail }));
    }
    comp.attach(document.createElement('parent-wrapper') as unknown as Parameters<typeof comp.attach>[0]);
    const inner = options.template ? (comp.querySelector('#subject') as unknown as typeof comp) : comp;
    let attachedNow = true;
    return {
      host: 'exparser',
      comp: comp as unknown as RenderedComponent,
      events,
      core,
      wx: phone.wx,
      sim: phone.sim,
      node: (tagName, nth) => nodeOf(comp.toJSON(), tagName, nth),
      async fire(selector, event, detail) {
        const node = inner.querySelector(selector);
        if (!node) throw new Error(`nothing matches ${selector} to fire ${event} on`);
        node.dispatchEvent(event, { detail });
        await simulate.sleep(0);
      },
      settle: () => settleWhile(() => Boolean(inner.data.loading)),
      pageShow() {
        (inner as unknown as Listenable).triggerPageLifeTime('show');
      },
      detach() {
        if (!attachedNow) return;
        attachedNow = false;
        comp.detach();
      },
    };
  }

  function mountOnGlassEasel(name: string, phone: { wx: SimWx; sim: Sim }, core: typeof Core, options: MountOptions): Mounted {
    setWx(phone.wx);
    const rendered = renderOnGlassEasel(dist(), name, options);
    const { component } = rendered;
    const events: ComponentEvent[] = [];
    for (const type of ['success', 'fail', 'cancel'] as const) {
      component.addListener(type, (event) => {
        events.push({ type, detail: event.detail as ComponentEvent['detail'] });
      });
    }
    let attachedNow = true;
    return {
      host: 'glass-easel',
      comp: {
        get data() {
          return component.data as Record<string, unknown>;
        },
        setData: (data) => rendered.setRootData(data),
        dom: rendered.dom as unknown as RenderedDom,
        toJSON: () => rendered.toJSON(),
      },
      events,
      core,
      wx: phone.wx,
      sim: phone.sim,
      node: (tagName, nth) => nodeOf(rendered.toJSON(), tagName, nth),
      async fire(selector, event, detail) {
        rendered.fire(selector, event, detail);
        await sleep(0);
      },
      settle: () => settleWhile(() => Boolean((component.data as { loading?: boolean }).loading)),
      pageShow() {
        component.triggerPageLifetime('show', []);
      },
      detach() {
        if (!attachedNow) return;
        attachedNow = false;
        rendered.detach();
      },
    };
  }

  return {
    dist,
    emulator() {
      if (!emulator) throw new Error('emulator not started yet: call inside a test');
      return emulator;
    },
    phone(options = {}) {
      const emu = this.emulator();
      const phone = createWx({ emulator: emu.url, appid: emu.wechatAppId, ...options });
      setWx(phone.wx);
      return phone;
    },
    appProps() {
      const emu = this.emulator();
      return { appId: emu.appId, host: emu.url };
    },
    coreFor(phone) {
      return freshModules(phone.wx);
    },
    mount(name, phone, options = {}) {
      const core = prepared && prepared.phone === phone.wx ? prepared.core : freshModules(phone.wx);
      prepared = null;
      const mount = host === 'glass-easel' ? mountOnGlassEasel(name, phone, core, options) : mountOnExparser(name, phone, core, options);
      mounted.push(mount);
      return mount;
    },
  };
}

/** Polls until `condition` holds (real or fake-with-advance timers alike), or fails after `ms`. */
export async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 5));
  }
}

/** Requests to a path (query ignored) this phone has made. */
export function requestsTo(sim: Sim, path: string): number {
  return sim.counters.requests.filter((r) => new URL(r.url).pathname === path).length;
}

export interface Timeline {
  /** Each request, with how many wx.login calls had been made when it left. */
  requests: Array<{ path: string; logins: number }>;
  /** wx.login calls made while a request to one of the watched paths was in flight. */
  loginsDuringExchange: number;
}

/**
 * Wraps the phone's wx.request and wx.login to prove a flow's code came from before the tap: no
 * wx.login between the tap and the exchange, and none while the exchange is in flight (WeChat may
 * rotate the session_key at wx.login, and Authing reads the key when it exchanges the code).
 */
export function watchLogins(phone: { wx: SimWx; sim: Sim }, exchangePaths: string[]): Timeline {
  const timeline: Timeline = { requests: [], loginsDuringExchange: 0 };
  let inFlight = 0;
  const request = phone.wx.request.bind(phone.wx);
  phone.wx.request = (options) => {
    const path = new URL(options.url).pathname;
    timeline.requests.push({ path, logins: phone.sim.counters.login });
    if (!exchangePaths.includes(path)) return request(options);
    inFlight++;
    const complete = options.complete;
    return request({
      ...options,
      complete: (result) => {
        inFlight--;
        complete?.(result);
      },
    });
  };
  const login = phone.wx.login;
  phone.wx.login = ((options?: Parameters<typeof login>[0]) => {
    if (inFlight > 0) timeline.loginsDuringExchange++;
    return login(options);
  }) as typeof login;
  return timeline;
}

/** The class attribute of the first element matching `selector` in the rendered DOM (external classes resolved). */
export function domClass(m: Mounted, selector: string): string {
  const element = m.comp.dom?.querySelector(selector);
  if (!element) throw new Error(`no element ${selector} in ${m.comp.dom?.outerHTML}`);
  return element.getAttribute('class') ?? '';
}

export const PHONE_LOGIN_PATH = '/connections/social/wechat-miniprogram/auth-by-phone';
/** Where the phone button's `code` (base library 2.21.2+) goes: Authing v3, as Authing's own SDKs send it. */
export const PHONE_CODE_LOGIN_PATH = '/api/v3/signin-by-mobile';
export const LOGIN_PATH = '/connections/social/wechat-miniprogram/auth';
export const GETPHONE_PATH = '/connections/social/wechat-miniprogram/getphone';
export const TOKEN_KEY = '_authing_token';
