/**
 * What wx.request's RequestTask and wx.uploadFile's UploadTask share, whatever carries the bytes
 * (node:http in Node, fetch in the browser playground): listeners and a life that settles once.
 */
import { settle, type Callbacks, type Outcome, type WxFail } from './async-api';
import type { Exchange } from './exchange';

/**
 * One event's listeners on a network task (onHeadersReceived, onProgressUpdate): `off()` with no
 * listener removes them all, as WeChat's does. Plain functions (closures, no `this`): safe to hand
 * out as `onHeadersReceived` and the like.
 */
export interface TaskListeners<L> {
  on: (listener: L) => void;
  off: (listener?: L) => void;
  each: (call: (listener: L) => void) => void;
}

export function taskListeners<L>(): TaskListeners<L> {
  const listeners = new Set<L>();
  return {
    on: (listener) => void listeners.add(listener),
    off: (listener) => (listener ? void listeners.delete(listener) : listeners.clear()),
    each: (call) => listeners.forEach(call),
  };
}

/**
 * A network task's life (RequestTask, UploadTask): it settles once; abort() before the exchange
 * starts makes the task fail with `<api>:fail abort` when it would start, after, cuts the exchange.
 * Plain functions (closures, no `this`): `abort` is handed out as the task's own.
 */
export interface TaskLife<S> {
  finish: (outcome: Outcome<S, WxFail>) => void;
  readonly aborted: boolean;
  /** The exchange abort() cuts from now on. */
  attach: (exchange: Pick<Exchange, 'abort'>) => void;
  abort: () => void;
}

export function taskLife<S>(options: Callbacks<S, WxFail>): TaskLife<S> {
  let abortExchange: (() => void) | undefined;
  let aborted = false;
  let done = false;
  return {
    finish(outcome) {
      if (done) return;
      done = true;
      settle(options, outcome);
    },
    get aborted() {
      return aborted;
    },
    attach(exchange) {
      abortExchange = exchange.abort;
    },
    abort() {
      if (done) return;
      aborted = true;
      abortExchange?.();
    },
  };
}
