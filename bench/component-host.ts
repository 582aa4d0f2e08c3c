/**
 * Renders the built components with miniprogram-simulate in this (plain Node) process, as the
 * component suites do under jest's jsdom environment: a jsdom window supplies the DOM that
 * j-component renders into, installed as globals only while a component is on screen and removed
 * afterwards, so nothing else the bench measures runs with browser globals around.
 *
 * Each mount gets fresh modules (the core and common/ re-required: no clients, no held codes)
 * and a given simulated phone as the global `wx`, exactly what the components call at run time.
 */
import path from 'node:path';
import type { SimWx } from '../testing';

type Simulate = typeof import('miniprogram-simulate');
type Core = typeof import('../lib/core');

/** The globals j-component and miniprogram-simulate use. */
const DOM_GLOBALS = ['window', 'document', 'Event', 'CustomEvent', 'Element', 'HTMLElement', 'Node', 'navigator', 'getComputedStyle'];

interface Listenable {
  addEventListener(name: string, handler: (event: { detail: unknown }) => void): void;
  querySelector(selector: string): { dispatchEvent(name: string, init: { detail?: unknown }): void } | null;
  attach(parent: unknown): void;
  detach(): void;
  data: Record<string, unknown>;
}

export interface ComponentEvent {
  type: 'success' | 'fail' | 'cancel';
  detail: unknown;
  at: number;
}

export interface MountedComponent {
  core: Core;
  events: ComponentEvent[];
  /** Dispatches a WeChat event on the first element matching the selector, as a tap or the open-type button would. */
  fire(selector: string, event: string, detail?: unknown): void;
  /** Resolves with the first success / fail / cancel, or rejects after `ms`. */
  nextEvent(ms?: number): Promise<ComponentEvent>;
  unmount(): void;
}

export interface ComponentHost {
  mount(name: string, wx: SimWx, props: Record<string, unknown>): MountedComponent;
  /** Removes the DOM globals and the global wx. */
  close(): void;
}

const g = globalThis as Record<string, unknown>;

export function openComponentHost(dist: string): ComponentHost {
  // jsdom is miniprogram-simulate's own environment (jest-environment-jsdom); required lazily so that
  // nothing loads it unless components are being rendered.
  const { JSDOM } = require('jsdom') as typeof import('jsdom');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>');
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const name of [...DOM_GLOBALS, 'wx']) saved.set(name, Object.getOwnPropertyDescriptor(g, name));
  for (const name of DOM_GLOBALS) {
    Object.defineProperty(g, name, {
      value: name === 'window' ? dom.window : (dom.window as unknown as Record<string, unknown>)[name],
      configurable: true,
      writable: true,
    });
  }
  // miniprogram-simulate merges its mock wx into a global wx present when it loads: give it a throwaway one.
  g.wx = {};
  const simulate = require('miniprogram-simulate') as Simulate;
  const root = path.resolve(dist);
  const mounted = new Set<MountedComponent>();

  function freshModules(): Core {
    // Node's module cache (miniprogram-api-typings' `require` type hides it).
    const cache = (require as unknown as NodeJS.Require).cache;
    for (const id of Object.keys(cache)) if (id.startsWith(root + path.sep)) delete cache[id];
    return require(path.join(root, 'core.js')) as Core;
  }

  return {
    mount(name, wx, props) {
      g.wx = wx;
      const core = freshModules();
      const id = simulate.load(path.join(root, name, 'index'), name, { rootPath: root });
      const comp = simulate.render(id, props) as unknown as Listenable;
      const events: ComponentEvent[] = [];
      const waiting: Array<(event: ComponentEvent) => void> = [];
      for (const type of ['success', 'fail', 'cancel'] as const) {
        comp.addEventListener(type, (event) => {
          const record = { type, detail: event.detail, at: performance.now() };
          events.push(record);
          for (const resolve of waiting.splice(0)) resolve(record);
        });
      }
      comp.attach(dom.window.document.createElement('parent-wrapper'));
      let attached = true;
      const handle: MountedComponent = {
        core,
        events,
        fire(selector, event, detail) {
          const node = comp.querySelector(selector);
          if (!node) throw new Error(`<${name}> has no ${selector} to fire ${event} on`);
          node.dispatchEvent(event, { detail });
        },
        nextEvent(ms = 10000) {
          return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`<${name}> emitted nothing within ${ms} ms`)), ms);
            waiting.push((event) => {
              clearTimeout(timer);
              resolve(event);
            });
          });
        },
        unmount() {
          if (!attached) return;
          attached = false;
          // Detaching releases held login codes, so no refresh timer outlives the scenario.
          comp.detach();
          core.resetClients();
          mounted.delete(handle);
        },
      };
      mounted.add(handle);
      return handle;
    },
    close() {
      for (const handle of Array.from(mounted)) handle.unmount();
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(g, name, descriptor);
        else delete g[name];
      }
      dom.window.close();
    },
  };
}
