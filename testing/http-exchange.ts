/**
 * One HTTP exchange over node:http/node:https, with the controls wx's network
 * tasks need: a whole-request timeout, abort, header and upload-progress hooks.
 *
 * node:http rather than fetch: jest's jsdom environment has no fetch, and we
 * need the response headers in the exact case the server sent them.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { ExchangeFailure, type Exchange, type ExchangeRequest, type ExchangeResponse } from './exchange';

export { ExchangeFailure };
export type { Exchange, ExchangeFailureKind, ExchangeRequest, ExchangeResponse } from './exchange';

/** Upload progress is reported per chunk of this many bytes. */
const CHUNK = 64 * 1024;

export function startExchange(req: ExchangeRequest): Exchange {
  let fail: ((f: ExchangeFailure) => void) | undefined;
  let clientRequest: http.ClientRequest | undefined;
  let settled = false;

  const response = new Promise<ExchangeResponse>((resolve, reject) => {
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    fail = (f) =>
      finish(() => {
        clientRequest?.destroy();
        reject(f);
      });

    const timer = setTimeout(() => fail?.(new ExchangeFailure('timeout', 'timeout')), req.timeoutMs);

    const transport = req.url.protocol === 'https:' ? https : http;
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = req.body.length;
    clientRequest = transport.request(req.url, { method: req.method, headers }, (res) => {
      const { header, cookies } = readHeaders(res.rawHeaders);
      req.onHeaders?.({ statusCode: res.statusCode ?? 0, header, cookies });
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish(() => resolve({ statusCode: res.statusCode ?? 0, header, cookies, body: Buffer.concat(chunks) })));
      res.on('error', (e) => fail?.(networkFailure(e)));
    });
    clientRequest.on('error', (e) => fail?.(networkFailure(e)));
    writeBody(clientRequest, req.body, req.onBodyProgress);
  });

  return {
    response,
    abort: () => fail?.(new ExchangeFailure('abort', 'abort')),
  };
}

function writeBody(cr: http.ClientRequest, body: Buffer | undefined, onProgress: ExchangeRequest['onBodyProgress']): void {
  if (!body || body.length === 0) {
    cr.end();
    return;
  }
  let sent = 0;
  const next = (): void => {
    if (cr.destroyed) return;
    if (sent >= body.length) {
      cr.end();
      return;
    }
    const chunk = body.subarray(sent, sent + CHUNK);
    cr.write(chunk, () => {
      sent += chunk.length;
      onProgress?.(sent, body.length);
      next();
    });
  };
  next();
}

function readHeaders(raw: string[]): { header: Record<string, string>; cookies: string[] } {
  const header: Record<string, string> = {};
  const cookies: string[] = [];
  const seen = new Map<string, string>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    if (name.toLowerCase() === 'set-cookie') cookies.push(value);
    // Keep the first spelling the server used for a name, whatever case follows.
    const key = seen.get(name.toLowerCase()) ?? name;
    seen.set(name.toLowerCase(), key);
    header[key] = key in header ? `${header[key]}, ${value}` : value;
  }
  return { header, cookies };
}

const CHROMIUM_NAMES: Record<string, string> = {
  ECONNREFUSED: 'net::ERR_CONNECTION_REFUSED',
  ECONNRESET: 'net::ERR_CONNECTION_RESET',
  ENOTFOUND: 'net::ERR_NAME_NOT_RESOLVED',
  EAI_AGAIN: 'net::ERR_NAME_NOT_RESOLVED',
  EHOSTUNREACH: 'net::ERR_ADDRESS_UNREACHABLE',
  ENETUNREACH: 'net::ERR_INTERNET_DISCONNECTED',
  EPIPE: 'net::ERR_CONNECTION_RESET',
};

/** WeChat's clients report network errors with Chromium's net:: names; map Node's codes to them. */
function networkFailure(e: Error & { code?: string }): ExchangeFailure {
  const name = (e.code && CHROMIUM_NAMES[e.code]) || `net::ERR_FAILED (${e.code ?? e.message})`;
  return new ExchangeFailure('network', name);
}
