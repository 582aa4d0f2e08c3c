/**
 * A scripted `wx` for loading miniprogram_dist in the WeChat-like sandbox (build/wx-sandbox.ts)
 * without a server: every wx.request is recorded and answered by the test's `respond`.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { createSandbox, type Sandbox } from '../../build/wx-sandbox';

export const DIST = path.join(__dirname, '..', '..', 'miniprogram_dist');

export interface SentRequest {
  url: string;
  method: string;
  header: Record<string, string>;
  data: unknown;
  timeout?: number;
}

/** An HTTP answer, or a wx.request failure (`errMsg`). */
export type Reply = { statusCode: number; data: unknown; header?: Record<string, string> } | { errMsg: string };

export interface StubWx {
  wx: Record<string, unknown>;
  requests: SentRequest[];
  storage: Map<string, unknown>;
  /** Answers requests from now on; default: every request fails as offline. */
  respond(handler: (request: SentRequest) => Reply): void;
}

interface RequestOptions extends SentRequest {
  success?: (res: { statusCode: number; data: unknown; header: Record<string, string> }) => void;
  fail?: (err: { errMsg: string }) => void;
}

export function stubWx(options: { randomValues?: boolean } = {}): StubWx {
  const requests: SentRequest[] = [];
  const storage = new Map<string, unknown>();
  let handler: (request: SentRequest) => Reply = () => ({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' });
  const wx: Record<string, unknown> = {
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value))),
    removeStorageSync: (key: string) => void storage.delete(key),
    request(request: RequestOptions) {
      const sent: SentRequest = {
        url: request.url,
        method: request.method,
        header: request.header,
        data: request.data,
        timeout: request.timeout,
      };
      requests.push(sent);
      const reply = handler(sent);
      setTimeout(() => {
        if ('errMsg' in reply) request.fail?.({ errMsg: reply.errMsg });
        else {
          const data = typeof reply.data === 'string' ? reply.data : JSON.stringify(reply.data);
          request.success?.({ statusCode: reply.statusCode, data, header: reply.header ?? {} });
        }
      }, 0);
      return { abort() {} };
    },
  };
  if (options.randomValues !== false) {
    wx.getRandomValues = (request: { length: number; success: (res: { randomValues: ArrayBuffer }) => void }) => {
      const bytes = randomBytes(request.length);
      setTimeout(() => request.success({ randomValues: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) }), 0);
    };
  }
  return { wx, requests, storage, respond: (next) => void (handler = next) };
}

/** A JWT-shaped token (unsigned: the SDK only reads it) for user `sub`. */
export function fakeToken(sub: string, expiresInSeconds = 3600): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub, exp: Math.floor(Date.now() / 1000) + expiresInSeconds })}.sig`;
}

export function assertBuilt(): void {
  for (const file of ['index.js', 'core.js']) {
    if (!existsSync(path.join(DIST, file))) throw new Error(`miniprogram_dist/${file} is missing: run \`npx gulp build\` first`);
  }
}

/** The package's two modules, loaded in a fresh WeChat-like realm with this wx. */
export interface LoadedPackage<Full, Core> {
  sandbox: Sandbox;
  full: Full;
  core: Core;
}

export function loadPackage<Full = Record<string, unknown>, Core = Record<string, unknown>>(wx: object): LoadedPackage<Full, Core> {
  assertBuilt();
  const sandbox = createSandbox({ root: DIST, wx });
  const full = sandbox.require('./index.js') as Full;
  const core = sandbox.require('./core.js') as Core;
  return { sandbox, full, core };
}
