import { AuthingError, ErrorCodes, type HttpMethod, type HttpRequest, type Transport } from '../../core';

/** The subset of an axios request config that authing-js-sdk's clients put together. */
export interface SdkRequestConfig {
  method?: string;
  url?: string;
  params?: unknown;
  data?: unknown;
  headers?: unknown;
  /** authing-js-sdk HttpClient: send no token at all. */
  unSetToken?: boolean;
  /** authing-js-sdk HttpClient: hand back the raw body instead of the envelope's `data`. */
  notHandleRes?: boolean;
}

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Headers as strings, without the null/undefined/'' entries authing-js-sdk leaves for unset options. */
export function headerRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(headers)) return out;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === '' || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) continue;
    out[name] = String(value);
  }
  return out;
}

/** Case-insensitive lookup: authing-js-sdk writes both `authorization` and `Authorization`. */
export function findHeader(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}

export function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  const drop = names.map((name) => name.toLowerCase());
  const out: Record<string, string> = {};
  for (const key of Object.keys(headers)) if (drop.indexOf(key.toLowerCase()) < 0) out[key] = headers[key];
  return out;
}

function queryValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** axios' `params`: appended to the URL, arrays as `key[]`, null/undefined left out. */
export function withQuery(url: string, params: unknown): string {
  if (!isRecord(params)) return url;
  const parts: string[] = [];
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (value === undefined || value === null) continue;
    const name = Array.isArray(value) ? `${key}[]` : key;
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(queryValue(item))}`);
    }
  }
  if (!parts.length) return url;
  const base = url.split('#')[0];
  return base + (base.indexOf('?') >= 0 ? '&' : '?') + parts.join('&');
}

/** wx.request has no PATCH or HEAD; say so instead of sending something else. */
export function httpMethod(transport: Transport, method: string | undefined): HttpMethod {
  const upper = (method || 'GET').toUpperCase();
  for (const known of METHODS) if (known === upper) return known;
  throw transport.fail(new AuthingError(ErrorCodes.UNSUPPORTED, `wx.request 不支持 ${upper} 请求`, { method: upper }));
}

/** An axios config as one core request. A string body is a form, as axios sends it. */
export function toHttpRequest(transport: Transport, config: SdkRequestConfig, headers: Record<string, string>): HttpRequest {
  const request: HttpRequest = {
    method: httpMethod(transport, config.method),
    url: withQuery(config.url || '', config.params),
    headers,
  };
  if (config.data !== undefined && config.data !== null && request.method !== 'GET') {
    request.data = config.data;
    if (typeof config.data === 'string' && !findHeader(headers, 'content-type')) {
      request.headers = Object.assign({}, headers, { 'content-type': 'application/x-www-form-urlencoded' });
    }
  }
  return request;
}
