/**
 * wx.request with WeChat's semantics, sent over real HTTP.
 *
 * - GET: object data becomes the query string; other methods: JSON body for
 *   content-type application/json (the default), urlencoded for
 *   application/x-www-form-urlencoded, strings and ArrayBuffers sent as they are.
 * - `success` fires for every HTTP status; `fail` only when no HTTP response
 *   came back (network error, timeout, abort).
 * - dataType 'json' parses the body when it is JSON and otherwise hands back
 *   the raw text. No promise form: the call returns a RequestTask.
 */
import { Callbacks, failed, ok, WxFail } from './async-api';
import { isArrayBuffer, toArrayBuffer } from './array-buffer';
import type { Counters } from './counters';
import { ExchangeFailure, startExchange } from './http-exchange';
import type { Exchange, ExchangeResponse } from './exchange';
import { taskLife, taskListeners, type TaskLife } from './network-task';
import { NETWORK_ERRNO, NetworkConditions } from './network-conditions';

/** errno for "request:fail timeout" (developers.weixin.qq.com …/PublicErrno.html: 5, API timeout) */
export const TIMEOUT_ERRNO = 5;
export const DEFAULT_TIMEOUT_MS = 60000;

export type RequestSuccess = Pick<WechatMiniprogram.RequestSuccessCallbackResult, 'data' | 'statusCode' | 'header' | 'cookies' | 'errMsg'>;

export type RequestOptions = Omit<WechatMiniprogram.RequestOption, 'success' | 'fail' | 'complete'> & Callbacks<RequestSuccess, WxFail>;

export type HeadersReceivedListener = (result: WechatMiniprogram.RequestTaskOnHeadersReceivedListenerResult) => void;

export type RequestTask = Pick<WechatMiniprogram.RequestTask, 'abort'> & {
  onHeadersReceived(listener: HeadersReceivedListener): void;
  offHeadersReceived(listener?: HeadersReceivedListener): void;
};

/** What a request needs from the wx instance it belongs to. */
export interface NetworkContext {
  network: NetworkConditions;
  counters: Counters;
  /** Referer WeChat sets on every request (apps cannot override it) */
  referer: string;
}

type Data = WechatMiniprogram.RequestOption['data'];

/** encodeURIComponent(k)=encodeURIComponent(v)&…, objects inside as JSON */
export function toQueryString(data: Record<string, unknown>): string {
  return Object.keys(data)
    .filter((k) => data[k] !== undefined)
    .map((k) => {
      const v = data[k];
      const s = v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
      return `${encodeURIComponent(k)}=${encodeURIComponent(s)}`;
    })
    .join('&');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !isArrayBuffer(v) && !ArrayBuffer.isView(v);
}

function headerValue(header: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(header).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : header[key];
}

function toBuffer(data: ArrayBuffer | ArrayBufferView): Buffer {
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(new Uint8Array(data));
}

/** The URL and body WeChat would put on the wire for these options. */
export function serializeRequest(url: string, method: string, header: Record<string, string>, data: Data): { url: string; body?: Buffer } {
  if (data === undefined || data === null) return { url };
  if (method === 'GET') {
    const query = typeof data === 'string' ? data : isPlainObject(data) ? toQueryString(data) : '';
    if (!query) return { url };
    const [base, hash] = url.split('#', 2);
    const joined = base + (base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?') + query;
    return { url: hash === undefined ? joined : `${joined}#${hash}` };
  }
  if (typeof data === 'string') return { url, body: Buffer.from(data, 'utf8') };
  if (isArrayBuffer(data) || ArrayBuffer.isView(data)) return { url, body: toBuffer(data) };
  const contentType = (headerValue(header, 'content-type') ?? '').toLowerCase();
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return { url, body: Buffer.from(toQueryString(data), 'utf8') };
  }
  return { url, body: Buffer.from(JSON.stringify(data), 'utf8') };
}

export function parseHttpUrl(url: string): URL | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/** Header values WeChat sends: strings, the app's content-type or the JSON default, its own Referer. */
export function buildHeaders(
  given: WechatMiniprogram.IAnyObject | undefined,
  referer: string,
  defaultContentType?: string,
): Record<string, string> {
  const header: Record<string, string> = {};
  for (const [k, v] of Object.entries(given ?? {})) {
    if (k.toLowerCase() === 'referer' || v === undefined || v === null) continue;
    header[k] = String(v);
  }
  if (defaultContentType && headerValue(header, 'content-type') === undefined) header['content-type'] = defaultContentType;
  header.Referer = referer;
  return header;
}

/** The steps that differ between wx.request and wx.uploadFile; runNetworkTask does the rest. */
export interface NetworkTaskSteps<S> {
  /** Why the task fails before anything is sent (after the URL check, before an injected failure), if it does. */
  refuse?: () => string | undefined;
  /** Starts the exchange for the parsed URL. */
  start: (target: URL) => Exchange;
  /** The success result for the response (every HTTP status succeeds). */
  success: (response: ExchangeResponse) => S;
}

/**
 * The course wx.request and wx.uploadFile share: WeChat's network delay, then abort(), a bad URL, a
 * refusal of the call's own or an injected network failure end the task before anything is sent;
 * otherwise the exchange starts (abort() cuts it from then on) and the task settles with its
 * response, or with the failure worded as WeChat words it for `api`.
 */
export function runNetworkTask<S>(
  api: 'request' | 'uploadFile',
  ctx: NetworkContext,
  life: TaskLife<S>,
  url: string,
  steps: NetworkTaskSteps<S>,
): void {
  const { finish } = life;
  const run = async (): Promise<void> => {
    await ctx.network.delay();
    if (life.aborted) return finish(failed({ errMsg: `${api}:fail abort` }));
    const target = parseHttpUrl(url);
    if (!target) return finish(failed({ errMsg: `${api}:fail invalid url "${url}"` }));
    const refused = steps.refuse?.();
    if (refused) return finish(failed({ errMsg: `${api}:fail ${refused}` }));
    const injected = ctx.network.takeRequestFailure();
    if (injected) return finish(failed({ errMsg: `${api}:fail ${injected}`, errno: NETWORK_ERRNO }));
    const exchange = steps.start(target);
    life.attach(exchange);
    try {
      finish(ok(steps.success(await exchange.response)));
    } catch (e) {
      finish(failed(toFail(api, e)));
    }
  };
  void run();
}

export function request(ctx: NetworkContext, options: RequestOptions): RequestTask {
  const method = (options.method ?? 'GET').toUpperCase();
  ctx.counters.requests.push({
    url: options.url,
    method,
    header: { ...(options.header as Record<string, string> | undefined) },
    data: options.data,
  });
  const headerListeners = taskListeners<HeadersReceivedListener>();
  const life = taskLife<RequestSuccess>(options);
  runNetworkTask('request', ctx, life, options.url, {
    start: () => {
      const header = buildHeaders(options.header, ctx.referer, 'application/json');
      const wire = serializeRequest(options.url, method, header, options.data);
      return startExchange({
        url: new URL(wire.url),
        method,
        headers: header,
        body: wire.body,
        timeoutMs: options.timeout ?? DEFAULT_TIMEOUT_MS,
        onHeaders: (h) => headerListeners.each((l) => l(h)),
      });
    },
    success: (res) => ({
      data: decodeBody(res.body, options.dataType ?? 'json', options.responseType ?? 'text'),
      statusCode: res.statusCode,
      header: res.header,
      cookies: res.cookies,
      errMsg: 'request:ok',
    }),
  });

  return {
    abort: life.abort,
    onHeadersReceived: headerListeners.on,
    offHeadersReceived: headerListeners.off,
  };
}

function decodeBody(body: Buffer, dataType: string, responseType: string): string | ArrayBuffer | WechatMiniprogram.IAnyObject {
  if (responseType === 'arraybuffer') return toArrayBuffer(body);
  const text = body.toString('utf8');
  if (dataType !== 'json') return text;
  try {
    return JSON.parse(text) as WechatMiniprogram.IAnyObject;
  } catch {
    return text;
  }
}

/** The fail object for a failed exchange of `api` ('request' or 'uploadFile'). */
export function toFail(api: string, e: unknown): WxFail {
  if (e instanceof ExchangeFailure) {
    if (e.kind === 'timeout') return { errMsg: `${api}:fail timeout`, errno: TIMEOUT_ERRNO };
    if (e.kind === 'abort') return { errMsg: `${api}:fail abort` };
    return { errMsg: `${api}:fail ${e.reason}`, errno: NETWORK_ERRNO };
  }
  return { errMsg: `${api}:fail ${String(e)}` };
}
