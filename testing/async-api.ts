/**
 * How WeChat delivers the result of an asynchronous API.
 *
 * Callbacks run on a later tick (never synchronously inside the call), success
 * or fail first and complete last. From base library 2.10.2, an async API
 * called with none of success/fail/complete returns a Promise instead, which
 * rejects with the same object `fail` would receive
 * (developers.weixin.qq.com/miniprogram/dev/framework/app-service/api.html).
 */
import { isAtLeast, MIN_VERSION } from './versions';

/** What every fail callback receives. `errno` only where WeChat sets one. */
export interface WxFail {
  errMsg: string;
  errno?: number;
}

export interface Callbacks<S, F = WxFail> {
  success?: (result: S) => void;
  fail?: (error: F) => void;
  complete?: (result: S | F) => void;
}

/** The outcome of an async API, decided by its implementation. */
export type Outcome<S, F = WxFail> = { ok: true; result: S } | { ok: false; error: F };

export function hasCallbacks(options: object | undefined): boolean {
  if (!options) return false;
  const o = options as Callbacks<unknown>;
  return typeof o.success === 'function' || typeof o.fail === 'function' || typeof o.complete === 'function';
}

/**
 * Runs `work` and delivers its outcome the WeChat way. Returns the promise when
 * the caller used promise style on a base library that has it, else undefined.
 */
export function deliver<S, F = WxFail>(
  SDKVersion: string,
  options: Callbacks<S, F> | undefined,
  work: () => Promise<Outcome<S, F>>,
): Promise<S> | undefined {
  const outcome = Promise.resolve()
    .then(work)
    .catch((e: unknown): Outcome<S, F> => {
      // An implementation bug must not look like a WeChat failure: surface it loudly.
      rethrowLater(e);
      return { ok: false, error: { errMsg: `simulator error: ${String(e)}` } as unknown as F };
    });
  if (!hasCallbacks(options) && isAtLeast(SDKVersion, MIN_VERSION.promiseStyle)) {
    return outcome.then((o) => (o.ok ? o.result : Promise.reject(o.error)));
  }
  void outcome.then((o) => settle(options, o));
  return undefined;
}

/**
 * Invokes the callbacks of `options` with an outcome. Callers reach this from a
 * promise continuation, so it is already a later tick; no timer is used, which
 * keeps the simulator usable under jest's fake timers.
 */
export function settle<S, F>(options: Callbacks<S, F> | undefined, o: Outcome<S, F>): void {
  // A throwing user callback must not stop `complete`, and must still be reported,
  // as WeChat reports it as a script error rather than swallowing it.
  const call = (fn: (() => void) | undefined): void => {
    if (!fn) return;
    try {
      fn();
    } catch (e) {
      rethrowLater(e);
    }
  };
  if (o.ok) {
    call(options?.success && (() => options.success?.(o.result)));
    call(options?.complete && (() => options.complete?.(o.result)));
  } else {
    call(options?.fail && (() => options.fail?.(o.error)));
    call(options?.complete && (() => options.complete?.(o.error)));
  }
}

function rethrowLater(e: unknown): void {
  queueMicrotask(() => {
    throw e;
  });
}

export function ok<S>(result: S): Outcome<S, never> {
  return { ok: true, result };
}

export function failed<F = WxFail>(error: F): Outcome<never, F> {
  return { ok: false, error };
}

type CallbackKeys = { success?: unknown; fail?: unknown; complete?: unknown };

/** Options that carry at least one callback: the call answers through them. */
export type WithCallback<O extends CallbackKeys> = O &
  (Required<Pick<O, 'success'>> | Required<Pick<O, 'fail'>> | Required<Pick<O, 'complete'>>);

/** Options without callbacks: the call answers with a promise. */
export type WithoutCallbacks<O> = Omit<O, 'success' | 'fail' | 'complete'> & {
  success?: undefined;
  fail?: undefined;
  complete?: undefined;
};

/**
 * An async wx API whose options are required (getStorage needs a key).
 * The promise form exists from base library 2.10.2; on older ones the call
 * returns undefined, which this type does not model.
 */
export interface AsyncApi<O extends CallbackKeys, S> {
  (options: WithCallback<O>): void;
  (options: WithoutCallbacks<O>): Promise<S>;
}

/** An async wx API that may be called with no options at all (wx.login()). */
export interface AsyncApiOptionalArgs<O extends CallbackKeys, S> {
  (options: WithCallback<O>): void;
  (options?: WithoutCallbacks<O>): Promise<S>;
}

/** Gives an implementation that returns `Promise | undefined` its overloaded public type. */
export function asyncApi<O extends CallbackKeys, S>(impl: (options: O) => Promise<S> | undefined): AsyncApi<O, S> {
  return impl as AsyncApi<O, S>;
}

export function asyncApiOptionalArgs<O extends CallbackKeys, S>(impl: (options?: O) => Promise<S> | undefined): AsyncApiOptionalArgs<O, S> {
  return impl as AsyncApiOptionalArgs<O, S>;
}
