/**
 * Renders the built components with miniprogram-simulate in this (plain Node) process, as the
 * component suites do under jest's jsdom environment, on the dev tools' jsdom host: its globals
 * exist only while components are on screen, so nothing else the bench measures runs with them.
 *
 * Each mount gets fresh modules (the core and common/ re-required: no clients, no held codes)
 * and a given simulated phone as the global `wx`, exactly what the components call at run time.
 */
import path from 'node:path';
import { openJsdomHost } from '../test/support/jsdom-host';
import type { SimWx } from '../testing';

type Core = typeof import('../lib/core');

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

export function openComponentHost(dist: string): ComponentHost {
  const host = openJsdomHost();
  const { simulate } = host;
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
      host.setWx(wx);
      const core = freshModules();
      const id = simulate.load(path.join(root, name, 'index'), name, { rootPath: root });
      const comp = simulate.render(id, props) as unknown as Listenable;
      const waiting: Array<(event: ComponentEvent) => void> = [];
      for (const type of ['success', 'fail', 'cancel'] as const) {
        comp.addEventListener(type, (event) => {
          const record = { type, detail: event.detail, at: performance.now() };
          for (const resolve of waiting.splice(0)) resolve(record);
        });
      }
      comp.attach(host.document.createElement('parent-wrapper'));
      let attached = true;
      const handle: MountedComponent = {
        core,
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
      host.close();
    },
  };
}
