/**
 * Records when each asynchronous wx call of a simulated phone starts and ends (wx.login,
 * wx.request, wx.uploadFile), by wrapping those methods in place, and counts how many of them a
 * flow waited for one after another: its sequential waits.
 *
 * Waits are what a user feels after the tap: each is a round trip on a phone network. Two calls
 * in flight at once cost one wait, so the count is the longest chain of calls each starting after
 * the previous one ended, not the number of calls.
 */
import type { SimWx } from '../testing';

export type WaitKind = 'wx.login' | 'wx.request' | 'wx.uploadFile';

export interface AsyncCall {
  kind: WaitKind;
  /** The request path (query dropped), or '' for wx.login. */
  target: string;
  start: number;
  /** NaN until its callback ran. */
  end: number;
}

export interface Timeline {
  calls: AsyncCall[];
}

type Callbacks = { success?: (r: never) => void; fail?: (e: never) => void };

/** The request path (query dropped), for the report. */
const pathOf = (url: string): string => url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');

export function recordTimeline(wx: SimWx): Timeline {
  const calls: AsyncCall[] = [];
  /** Records a call's start; the returned function marks its end (the first time it runs). */
  const begin = (kind: WaitKind, target: string): (() => void) => {
    const call = { kind, target, start: performance.now(), end: NaN };
    calls.push(call);
    return () => void (Number.isNaN(call.end) && (call.end = performance.now()));
  };
  /** The options with success and fail wrapped so the first of them marks the end. */
  const timed = <T extends Callbacks>(end: () => void, options: T): T => ({
    ...options,
    success: (result: never) => (end(), options.success?.(result)),
    fail: (error: never) => (end(), options.fail?.(error)),
  });

  const login = wx.login.bind(wx) as (options?: Callbacks) => unknown;
  wx.login = ((options?: Callbacks) => {
    const end = begin('wx.login', '');
    // The promise form (no callbacks), as the seed SDK's README calls it.
    if (!options || (!options.success && !options.fail)) return (login(options) as Promise<unknown>).finally(end);
    return login(timed(end, options));
  }) as SimWx['login'];
  const request = wx.request.bind(wx);
  wx.request = (options) => request(timed(begin('wx.request', pathOf(options.url)), options));
  const uploadFile = wx.uploadFile.bind(wx);
  wx.uploadFile = (options) => uploadFile(timed(begin('wx.uploadFile', pathOf(options.url)), options));
  return { calls };
}

/** The calls that ended inside [from, to]: what the flow between those instants may have waited for. */
export function callsBetween(timeline: Timeline, from: number, to: number): AsyncCall[] {
  return timeline.calls.filter((call) => call.end > from && call.end <= to).sort((a, b) => a.start - b.start);
}

/** Longest chain of calls where each starts at or after the previous one's end. */
export function sequentialWaits(calls: readonly AsyncCall[]): number {
  const sorted = calls.slice().sort((a, b) => a.start - b.start);
  const chain: number[] = [];
  let longest = 0;
  for (let i = 0; i < sorted.length; i++) {
    let before = 0;
    for (let j = 0; j < i; j++) if (sorted[j].end <= sorted[i].start) before = Math.max(before, chain[j]);
    chain[i] = before + 1;
    longest = Math.max(longest, chain[i]);
  }
  return longest;
}

/** "wx.login → POST /connections/…/auth-by-phone", for the report. */
export function describeCalls(calls: readonly AsyncCall[]): string {
  return calls.map((call) => (call.target ? `${call.kind} ${call.target}` : call.kind)).join(' → ');
}
