/**
 * glass-easel as the page's mini-program framework, and what WeChat's client adds to it.
 *
 * glass-easel renders `<button>`, `<input>`, `<image>` as plain DOM nodes and makes `tap` from
 * mouse and touch; WeChat's client supplies the rest, and so does this host:
 * - open-type buttons: the sheet the user answers, then the button's event with WeChat's detail;
 * - keyboard: Enter / Space on a button is a tap (glass-easel only counts pointer taps);
 * - `<input>`: input / blur / confirm carry `detail.value`, as WeChat's input does;
 * - `<image src>`: drawn as a background (temp paths read from the simulator's files);
 * - rpx in inline styles;
 * - ARIA as WeChat maps it: `aria-role` is the role, and a boolean `aria-*` that glass-easel wrote
 *   as a bare attribute (`aria-busy=""`) says "true".
 */
import * as glassEasel from 'glass-easel';
import { MiniProgramEnv, type CodeSpace, type Root } from 'glass-easel-miniprogram-adapter';
import { convertRpx, hasRpx } from './rpx';

export interface ComponentFiles {
  /** path in the code space, without extension: `login-button/index` */
  path: string;
  json: Record<string, unknown>;
  template: glassEasel.template.ComponentTemplate;
  style: { scope: string; css: string };
  /** runs the component's JS (its `Component({...})` call) */
  load(): unknown;
}

/** What the host asks the page when a button with an open-type is tapped: the detail, or undefined for no event. */
export type OpenTypeHandler = (openType: string) => Promise<unknown>;

/** WeChat's event name for each open-type the components use. */
const OPEN_TYPE_EVENTS: Record<string, string> = {
  getPhoneNumber: 'getphonenumber',
  chooseAvatar: 'chooseavatar',
  getUserInfo: 'getuserinfo',
};

const ARIA_BOOLEANS = ['aria-busy', 'aria-disabled', 'aria-checked', 'aria-selected', 'aria-expanded', 'aria-hidden'];

interface WxNode extends HTMLElement {
  __wxElement?: glassEasel.Element;
}

function wxElementOf(target: EventTarget | null): { node: WxNode; element: glassEasel.Element } | null {
  let node = target instanceof Element ? (target as WxNode) : null;
  while (node && !node.__wxElement) node = node.parentElement as WxNode | null;
  return node && node.__wxElement ? { node, element: node.__wxElement } : null;
}

export class Host {
  private readonly env = new MiniProgramEnv();
  readonly codeSpace: CodeSpace = this.env.createCodeSpace('', true);
  private readonly backend = this.env.associateBackend(Host.windowContext());

  /**
   * The DOM backend, with its events delivered: glass-easel's backend turns DOM input into
   * events (tap from mouse and touch among them) only once the runtime that hosts it listens.
   */
  private static windowContext(): glassEasel.CurrentWindowBackendContext {
    const context = new glassEasel.CurrentWindowBackendContext();
    context.onEvent((target, type, detail, options) => {
      glassEasel.triggerEvent(target, type, detail, options);
    });
    return context;
  }

  register(files: ComponentFiles): void {
    const { path } = files;
    this.codeSpace.addComponentStaticConfig(path, files.json);
    this.codeSpace.addCompiledTemplate(path, files.template);
    const url = `${path}.wxss`;
    this.backend.registerStyleSheetContent(url, files.style.css);
    this.codeSpace.addStyleSheet(path, url, files.style.scope);
    this.codeSpace.globalComponentEnv(globalThis, path, () => files.load());
  }

  /** Renders the component at `path` in place of `placeholder`. */
  render(path: string, placeholder: HTMLElement): Root {
    const root = this.backend.createRoot('pg-page', this.codeSpace, path);
    // glass-easel types its DOM backend's elements loosely; these are the page's own DOM nodes.
    root.attach(
      placeholder.parentElement as unknown as glassEasel.GeneralBackendElement,
      placeholder as unknown as glassEasel.GeneralBackendElement,
    );
    return root;
  }

  /** WeChat's client behaviours, on the whole document. */
  installClientBehaviours(onOpenType: OpenTypeHandler, resolveImage: (src: string) => string): void {
    document.addEventListener('click', (event) => {
      const hit = wxElementOf(event.target);
      if (!hit) return;
      // A click with no pointer behind it is the keyboard's (Enter / Space on a focused button).
      if (event.detail === 0) glassEasel.triggerEvent(hit.element, 'tap', { x: 0, y: 0 }, { bubbles: true, composed: true });
      const openType = hit.node.closest('[open-type]')?.getAttribute('open-type') ?? '';
      const eventName = OPEN_TYPE_EVENTS[openType];
      if (!eventName) return;
      const button = hit.node.closest('[open-type]') as WxNode;
      const target = wxElementOf(button);
      if (!target) return;
      void onOpenType(openType).then((detail) => {
        if (detail !== undefined) glassEasel.triggerEvent(target.element, eventName, detail);
      });
    });

    // WeChat's input events carry the value; glass-easel would pass the DOM event's own fields.
    const forward = (domEvent: string, wxEvent: string, when: (event: Event) => boolean = () => true): void => {
      document.addEventListener(
        domEvent,
        (event) => {
          const input = event.target;
          if (!(input instanceof HTMLInputElement) || !when(event)) return;
          const hit = wxElementOf(input);
          if (!hit) return;
          event.stopPropagation();
          glassEasel.triggerEvent(hit.element, wxEvent, { value: input.value });
        },
        true,
      );
    };
    forward('input', 'input');
    forward('blur', 'blur');
    forward('keydown', 'confirm', (event) => (event as KeyboardEvent).key === 'Enter');

    const paint = (node: Element): void => {
      // Each write below changes what this observer watches: write only what differs, or it loops.
      if (node.tagName === 'IMAGE') {
        const element = node as HTMLElement;
        const src = node.getAttribute('src') ?? '';
        if (element.dataset.painted !== src) {
          element.dataset.painted = src;
          element.style.backgroundImage = src ? `url("${resolveImage(src)}")` : '';
        }
        if (!node.hasAttribute('role')) node.setAttribute('role', 'img');
      }
      for (const name of ARIA_BOOLEANS) if (node.getAttribute(name) === '') node.setAttribute(name, 'true');
      const role = node.getAttribute('aria-role');
      if (role && node.getAttribute('role') !== role) node.setAttribute('role', role);
      const style = node.getAttribute('style');
      if (style && hasRpx(style)) node.setAttribute('style', convertRpx(style));
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes' && record.target instanceof Element) paint(record.target);
        for (const added of Array.from(record.addedNodes)) {
          if (!(added instanceof Element)) continue;
          paint(added);
          added.querySelectorAll('*').forEach(paint);
        }
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['src', 'style', 'aria-role', ...ARIA_BOOLEANS],
    });
  }
}
