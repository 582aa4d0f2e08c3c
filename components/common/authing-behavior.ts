import { ErrorCodes, isAuthingError, type AuthCore } from '../../lib/core';
import { LANGS, oneOf, type LangProperty } from './choices';
import { findClient } from './client-lookup';
import { toFailure } from './error-codes';
import { TEXTS, resolveLang, type Texts } from './texts';
import { viewOf, type OwnTexts, type View } from './view';

/** What a component instance holds outside `data` (kept off `this`, where WeChat's own fields live). */
interface Connection {
  client: AuthCore | null;
  /** `app-id|host` the client was found with, to notice when the properties change. */
  key: string;
  attached: boolean;
  cleanups: Array<() => void>;
}

const connections = new WeakMap<object, Connection>();

function connectionOf(instance: object): Connection {
  let connection = connections.get(instance);
  if (!connection) {
    connection = { client: null, key: '', attached: false, cleanups: [] };
    connections.set(instance, connection);
  }
  return connection;
}

function disconnect(connection: Connection): void {
  const cleanups = connection.cleanups.splice(0);
  connection.client = null;
  connection.key = '';
  for (const cleanup of cleanups) cleanup();
}

export interface FailOptions {
  /** false when WeChat already told the user (e.g. its own phone-quota toast). */
  toast?: boolean;
}

/**
 * What the three components share: finding the shared client, the busy/disabled guard, the
 * success/fail/cancel events, the texts of the `lang` property, and the class and labels the
 * templates bind (`state`, `label`, `aria`: see view.ts).
 *
 * A component overrides `onClientReady` (set up what needs the client, return its undo),
 * `onPageShow`, `onChoiceChanged` and `ownTexts`; WeChat lets a component's method replace a behavior's method of
 * the same name. It calls `authingView()` when something its `ownTexts` reads changes.
 */
export const authingBehavior = Behavior({
  properties: {
    /** Authing app id: use (or create) the shared client of this app. Empty: the app's default client. */
    appId: { type: String, value: '' },
    /** Authing host of a private deployment; only read together with `app-id`. */
    host: { type: String, value: '' },
    /** LangProperty: 'zh-CN' | 'en-US'; empty: the client's `lang`, else zh-CN. */
    lang: { type: String, value: '' as LangProperty },
    disabled: { type: Boolean, value: false },
    /** Replaces the default text (ignored when the default slot has content). */
    text: { type: String, value: '' },
    /** What screen readers announce; default: the visible text. */
    ariaLabel: { type: String, value: '' },
    /** Show a short toast on `fail` (never on `cancel`). */
    errorToast: { type: Boolean, value: true },
  },
  data: {
    loading: false,
    t: TEXTS['zh-CN'] as Texts,
    state: '',
    label: '',
    aria: '',
  },
  observers: {
    'appId, host'() {
      const connection = connectionOf(this);
      if (!connection.attached || !connection.client) return;
      if (connection.key === `${this.data.appId}|${this.data.host}`) return;
      this.authingReconnect();
    },
    lang() {
      if (this.authingChoice('lang', LANGS) !== null) this.applyLang();
    },
    'disabled, loading, text, ariaLabel, t'() {
      this.authingView();
    },
  },
  lifetimes: {
    attached() {
      connectionOf(this).attached = true;
      this.authingChoice('lang', LANGS);
      this.applyLang();
      this.authingView();
      // The app may create its client later (in a page's onLoad): then the first tap connects.
      this.authingConnect();
    },
    detached() {
      const connection = connectionOf(this);
      connection.attached = false;
      disconnect(connection);
    },
  },
  pageLifetimes: {
    show() {
      const client = this.authingConnect();
      if (client) this.onPageShow(client);
    },
  },
  methods: {
    /** Set-up that needs the client (subscriptions, a held login code); the returned function undoes it. */
    onClientReady(client: AuthCore): (() => void) | void {
      void client;
    },
    onPageShow(client: AuthCore): void {
      void client;
    },
    /** A fixed-choice property (authingComponent's `choices`) was set to a listed value after attach. */
    onChoiceChanged(property: string): void {
      void property;
    },
    /** The component's default label, busy label and screen-reader text, in the current language. */
    ownTexts(t: Texts): OwnTexts {
      void t;
      return { idle: '', busy: '' };
    },

    /** Sets `state`, `label` and `aria` from the current data, when they changed. */
    authingView(): void {
      const view: View = viewOf(this.data, this.ownTexts(this.data.t));
      if (view.state !== this.data.state || view.label !== this.data.label || view.aria !== this.data.aria) this.setData(view);
    },

    /**
     * A fixed-choice property's value; an unknown one is replaced by the default (with a warning), so
     * the template and the flows only ever see a listed value. Null when it had to be replaced:
     * setting the default runs the property's observers again, with a listed value.
     */
    authingChoice<T extends string>(property: string, allowed: readonly T[]): T | null {
      const value = (this.data as unknown as Record<string, unknown>)[property];
      const chosen = oneOf(property, value, allowed);
      if (chosen === value) return chosen;
      this.setData({ [property]: chosen });
      return null;
    },

    /** The shared client, connecting on first success; null while there is none. */
    authingConnect(): AuthCore | null {
      const connection = connectionOf(this);
      if (connection.client) return connection.client;
      if (!connection.attached) return null;
      let client: AuthCore;
      try {
        client = findClient(this.data.appId, this.data.host);
      } catch {
        return null;
      }
      connection.client = client;
      connection.key = `${this.data.appId}|${this.data.host}`;
      const cleanup = this.onClientReady(client);
      if (typeof cleanup === 'function') connection.cleanups.push(cleanup);
      this.applyLang();
      return client;
    },

    /** Undoes onClientReady and runs it again (a property it depends on changed). */
    authingReconnect(): void {
      const connection = connectionOf(this);
      if (!connection.client) return;
      disconnect(connection);
      this.authingConnect();
    },

    /** The shared client, or the reason there is none (NO_CLIENT, INVALID_ARGUMENT) thrown. */
    authingClient(): AuthCore {
      return this.authingConnect() ?? findClient(this.data.appId, this.data.host);
    },

    applyLang(): void {
      const client = connectionOf(this).client;
      const t = TEXTS[resolveLang(this.data.lang, client ? client.options.lang : undefined)];
      if (t !== this.data.t) this.setData({ t });
    },

    /** True while a flow runs or the component is disabled: the event must be ignored. */
    authingBusy(): boolean {
      return this.data.disabled || this.data.loading;
    },

    /**
     * Runs one user action: marks the component busy (synchronously, so a second tap in the same
     * tick is already refused), then emits `success` with the result, or `fail` / `cancel`.
     */
    authingRun(task: (client: AuthCore) => Promise<unknown>, failOptions?: FailOptions): Promise<void> {
      if (this.authingBusy()) return Promise.resolve();
      this.setData({ loading: true });
      let client: AuthCore;
      try {
        client = this.authingClient();
      } catch (error) {
        this.setData({ loading: false });
        this.authingFail(error, failOptions);
        return Promise.resolve();
      }
      return task(client).then(
        (result) => {
          this.setData({ loading: false });
          this.triggerEvent('success', result);
        },
        (error: unknown) => {
          this.setData({ loading: false });
          // The app's onError hears component failures too (a request's own failure was told already, once).
          if (isAuthingError(error)) client.transport.fail(error);
          this.authingFail(error, failOptions);
        },
      );
    },

    /** Reports a failure: the user's own "no" as `cancel`, anything else as `fail` (plus a toast). */
    authingFail(error: unknown, failOptions: FailOptions = {}): void {
      const detail = toFailure(error);
      if (detail.code === ErrorCodes.CANCELLED) {
        this.triggerEvent('cancel', detail);
        return;
      }
      this.triggerEvent('fail', detail);
      if (!this.data.errorToast || failOptions.toast === false) return;
      const known = this.data.t.errors[String(detail.code)];
      // Authing's own messages are written for end users; our codes have texts of their own.
      const title = known || (typeof detail.code === 'number' && detail.message) || this.data.t.errors.generic;
      // A toast that cannot show is no failure of the user's; nothing waits on it.
      void wx.showToast({ title, icon: 'none' });
    },
  },
});
