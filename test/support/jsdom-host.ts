/**
 * The one jsdom host: the browser globals miniprogram-simulate (j-component) and glass-easel render
 * into, for the component suites (test/components/harness.ts, in jest's node environment), the
 * bench (figure 3) and demo:walk. A jsdom window is installed as globals, miniprogram-simulate is
 * loaded with the caller's `wx`, and close() puts every global back, so nothing that runs
 * afterwards sees a browser around it. (test/testing/jsdom-environment.test.ts stays in jest's own
 * jsdom environment on purpose: it checks the wx simulator where our users' component tests run.)
 */
import type { DOMWindow } from 'jsdom';
import type * as Simulate from 'miniprogram-simulate';
import { makeCompilersRunnable } from './wx-compilers';

/** The globals j-component and miniprogram-simulate use. */
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'getComputedStyle',
  'Node',
  'Element',
  'HTMLElement',
  'Event',
  'CustomEvent',
  'MouseEvent',
  'TouchEvent',
  'MutationObserver',
];

export interface JsdomHost {
  simulate: typeof Simulate;
  document: DOMWindow['document'];
  /** Makes `wx` the global the rendered components call. */
  setWx(wx: object): void;
  /** Removes the DOM globals and the global wx (restoring what was there before). */
  close(): void;
}

const g = globalThis as Record<string, unknown>;

export function openJsdomHost(wx: object = {}): JsdomHost {
  // Loaded lazily: nothing pays for jsdom unless components are being rendered.
  const { JSDOM } = require('jsdom') as typeof import('jsdom');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true });
  const window = dom.window as unknown as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const name of [...DOM_GLOBALS, 'wx']) saved.set(name, Object.getOwnPropertyDescriptor(g, name));
  for (const name of DOM_GLOBALS) {
    Object.defineProperty(g, name, { value: name === 'window' ? window : window[name], configurable: true, writable: true });
  }
  // miniprogram-simulate compiles templates with wcc, whose Linux binary ships without the run bit.
  makeCompilersRunnable();
  // miniprogram-simulate installs its own mock wx unless one exists, then merges into it: ours first, and again after.
  g.wx = wx;
  const simulate = require('miniprogram-simulate') as typeof Simulate;
  g.wx = wx;
  return {
    simulate,
    document: dom.window.document,
    setWx(next) {
      g.wx = next;
    },
    close() {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(g, name, descriptor);
        else delete g[name];
      }
      dom.window.close();
    },
  };
}
