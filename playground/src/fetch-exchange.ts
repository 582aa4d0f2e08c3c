/**
 * The simulator's HTTP exchange (testing/exchange.ts) carried by the browser's fetch: the
 * playground build swaps it in for testing/http-exchange.ts, so every wx rule above it
 * (request, uploadFile, the emulator control calls behind wx.login) is the Node simulator's own.
 *
 * A browser hides what Node shows: Set-Cookie headers, and header names' original case
 * (fetch lowercases them). Upload progress is reported once, when the body has been sent.
 */
import { Buffer } from 'buffer';
import { ExchangeFailure, type Exchange, type ExchangeRequest, type ExchangeResponse } from '../../testing/exchange';

export { ExchangeFailure };
export type { Exchange, ExchangeFailureKind, ExchangeRequest, ExchangeResponse } from '../../testing/exchange';

export function startExchange(req: ExchangeRequest): Exchange {
  const controller = new AbortController();
  let failure: ExchangeFailure | undefined;
  const stop = (why: ExchangeFailure): void => {
    failure ??= why;
    controller.abort();
  };
  const timer = setTimeout(() => stop(new ExchangeFailure('timeout', 'timeout')), req.timeoutMs);

  const response = (async (): Promise<ExchangeResponse> => {
    try {
      const res = await fetch(req.url.href, {
        method: req.method,
        headers: req.headers,
        body: req.body === undefined || req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(req.body),
        signal: controller.signal,
        credentials: 'omit',
      });
      if (req.body) req.onBodyProgress?.(req.body.length, req.body.length);
      const header: Record<string, string> = {};
      res.headers.forEach((value, name) => (header[name] = value));
      req.onHeaders?.({ statusCode: res.status, header, cookies: [] });
      const body = Buffer.from(await res.arrayBuffer());
      return { statusCode: res.status, header, cookies: [], body };
    } catch (error) {
      // fetch names no cause; Chromium's generic net:: name is what WeChat's clients report too.
      throw failure ?? new ExchangeFailure('network', `net::ERR_FAILED (${error instanceof Error ? error.message : String(error)})`);
    } finally {
      clearTimeout(timer);
    }
  })();

  return { response, abort: () => stop(new ExchangeFailure('abort', 'abort')) };
}
