/**
 * The component suites' second host: WeChat's newer framework, glass-easel, with its mini-program
 * adapter, rendering the same built files into the suite's jsdom window (test/support/jsdom-host,
 * whose globals glass-easel's CurrentWindowBackendContext draws on). It answers what the suites read from
 * miniprogram-simulate (j-component) in the same shape, so one test runs on both:
 * - `toJSON()`: the rendered tree as `{tagName: 'wx-button', attrs: [{name: 'openType', value}],
 *   event: {tap: {handler: 'onTap'}}, children}` (attribute names camelCased, values as bound);
 * - `dom`: the rendered DOM, where selectors written for j-component's `wx-` tags work;
 * - events fired at an element inside the component, data, page lifetimes, detach.
 *
 * The WXML is compiled ahead (test/components/build-dist.ts, compile-wxml.ts): glass-easel's
 * template compiler is WebAssembly that jsdom's realm cannot load.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type * as GlassEasel from 'glass-easel';
import type * as Adapter from 'glass-easel-miniprogram-adapter';
import type { ComponentJSON } from 'j-component';

const ROOT = resolve(__dirname, '..', '..');

type Template = GlassEasel.template.ComponentTemplate;

interface ProcGenWrapperLike {
  v(elem: GlassEasel.Element, event: string, handler: unknown, ...rest: unknown[]): unknown;
}

/** Event handler names the template bound, per element (what j-component shows as `event.<name>.handler`). */
const handlers = new WeakMap<GlassEasel.Element, Record<string, { handler: string }>>();

/**
 * The compiled template, with its listener bindings recorded: the generated code binds each
 * `bind:<event>="<method>"` through the wrapper's `v(element, event, method, …)`.
 */
function recordingTemplate(template: Template): Template {
  return {
    ...template,
    content: (name: string) => {
      const procGen = template.content(name) as unknown as ((wrapper: ProcGenWrapperLike, ...rest: unknown[]) => unknown) | undefined;
      if (typeof procGen !== 'function') return procGen as never;
      return ((wrapper: ProcGenWrapperLike, ...rest: unknown[]) => {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(this, …) below
        const bind = wrapper.v;
        wrapper.v = function (this: ProcGenWrapperLike, elem, event, handler, ...more) {
          if (typeof handler === 'string') handlers.set(elem, { ...handlers.get(elem), [event]: { handler } });
          return bind.call(this, elem, event, handler, ...more);
        };
        return procGen(wrapper, ...rest);
      }) as never;
    },
  };
}

function loadTemplate(file: string): Template {
  return recordingTemplate(require(file) as Template);
}

function compileTemplate(wxml: string): Template {
  const source = execFileSync(process.execPath, ['-r', 'esbuild-register', join(__dirname, 'compile-wxml.ts')], {
    cwd: ROOT,
    input: wxml,
    encoding: 'utf8',
  });
  const module = { exports: {} as Template };
  // Test-side only: the compiled template is code, made by glass-easel's own compiler just now.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the template compiler's output, evaluated as WeChat's runtime does
  new Function('module', source)(module);
  return recordingTemplate(module.exports);
}

const camel = (name: string): string => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

export interface GlassEaselRendered {
  /** The component under test (the `#subject` of a parent template). */
  component: GlassEasel.GeneralComponent;
  toJSON(): ComponentJSON;
  dom: { querySelector(selector: string): Element | null };
  fire(selector: string, event: string, detail: unknown): void;
  /** setData on the rendered root (the parent template's component, for a `template` mount). */
  setRootData(data: Record<string, unknown>): void;
  detach(): void;
}

/** j-component's `wx-button` selectors, for glass-easel's plain `button` nodes. */
const nativeSelector = (selector: string): string => selector.replace(/\bwx-([a-z-]+)/g, '$1');

export function renderOnGlassEasel(
  dist: string,
  name: string,
  options: { props?: Record<string, unknown>; template?: string },
): GlassEaselRendered {
  const glassEasel = require('glass-easel') as typeof GlassEasel;
  const { MiniProgramEnv } = require('glass-easel-miniprogram-adapter') as typeof Adapter;
  const env = new MiniProgramEnv();
  const codeSpace = env.createCodeSpace('', true);
  const backend = env.associateBackend(new glassEasel.CurrentWindowBackendContext());

  const path = `${name}/index`;
  codeSpace.addComponentStaticConfig(path, require(join(dist, name, 'index.json')) as Record<string, unknown>);
  codeSpace.addCompiledTemplate(path, loadTemplate(join(dist, name, 'index.wxml.glass-easel.js')));
  codeSpace.globalComponentEnv(globalThis, path, () => require(join(dist, name, 'index.js')));

  let rootPath = path;
  if (options.template) {
    rootPath = 'parent/index';
    codeSpace.addComponentStaticConfig(rootPath, { component: true, usingComponents: { [name]: `/${path}` } });
    codeSpace.addCompiledTemplate(rootPath, compileTemplate(options.template));
    codeSpace.componentEnv(rootPath, ({ Component }) => Component({}));
  }

  const root = backend.createRoot('root-host', codeSpace, rootPath);
  const rootComponent = root.getComponent();
  if (options.props) rootComponent.setData(options.props);
  const container = document.createElement('div');
  const placeholder = document.createElement('div');
  container.append(placeholder);
  document.body.append(container);
  root.attach(container as unknown as GlassEasel.GeneralBackendElement, placeholder as unknown as GlassEasel.GeneralBackendElement);

  const component = options.template
    ? ((rootComponent.getShadowRoot()!.getElementById('subject') as GlassEasel.GeneralComponent | undefined) ??
      (() => {
        throw new Error('the parent template has no #subject');
      })())
    : rootComponent;

  const toJSON = (node: GlassEasel.Node): ComponentJSON | string | Array<ComponentJSON | string> => {
    if (node instanceof glassEasel.TextNode) return node.textContent;
    const children = (element: GlassEasel.Element): Array<ComponentJSON | string> => {
      const list: Array<ComponentJSON | string> = [];
      element.forEachComposedChild((child) => {
        const json = toJSON(child);
        if (Array.isArray(json)) list.push(...json);
        else list.push(json);
      });
      return list;
    };
    if (node instanceof glassEasel.NativeNode) {
      return {
        tagName: `wx-${node.is}`,
        // glass-easel keeps `style` apart from the other attributes; j-component lists it among them.
        attrs: [
          ...node.attributes.map(({ name: attrName, value }) => ({ name: camel(attrName), value })),
          ...(node.style ? [{ name: 'style', value: node.style }] : []),
        ],
        event: handlers.get(node) ?? {},
        children: children(node),
      } as unknown as ComponentJSON;
    }
    if (node instanceof glassEasel.Component) {
      return { tagName: node.tagName, attrs: [], event: {}, children: children(node) } as unknown as ComponentJSON;
    }
    // Virtual nodes (wx:if blocks, slots) stand for their children.
    return children(node as GlassEasel.Element);
  };

  return {
    component,
    toJSON: () => toJSON(rootComponent) as ComponentJSON,
    dom: { querySelector: (selector) => container.querySelector(nativeSelector(selector)) },
    fire(selector, event, detail) {
      const target = component.getShadowRoot()!.querySelector(selector);
      if (!target) throw new Error(`nothing matches ${selector} to fire ${event} on`);
      glassEasel.triggerEvent(target, event, detail);
    },
    setRootData(data) {
      rootComponent.setData(data);
    },
    detach() {
      root.release();
      container.remove();
    },
  };
}
