/**
 * What every core e2e suite needs: one emulator per suite, a fresh simulated phone per test made the
 * global `wx` the SDK calls, and a fresh AuthCore pointed at the emulator over real HTTP.
 */
import * as http from 'node:http';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/src';
import { AuthCore, AuthingError, type AuthEvent, type CoreDependencies, type CoreOptions } from '../../lib/core';
import { createWx, type CreateWxOptions, type Sim, type SimWx } from '../../testing';
import { useEmulator } from '../support/emulator';

import { serveOnLoopback } from '../support/fake-server';

export { json, startFakeServer, type FakeServer } from '../support/fake-server';

export interface Phone {
  wx: SimWx;
  sim: Sim;
}

/** Makes this phone the `wx` the SDK sees from now on (as the mini program's runtime would). */
export function useWx(wx: SimWx): void {
  (globalThis as unknown as { wx: unknown }).wx = wx;
}

export interface World {
  emulator(): RunningEmulator;
  /** A new phone (and the global `wx`); pass `storage: sim.storage` to relaunch the app on the same phone. */
  phone(options?: Partial<CreateWxOptions>): Phone;
  /** A new AuthCore for the emulator's Authing app. */
  core(options?: Partial<CoreOptions>, deps?: CoreDependencies): AuthCore;
}

export function useWorld(options: EmulatorOptions = {}): World {
  const emulator = useEmulator(options);
  afterEach(() => {
    delete (globalThis as unknown as { wx?: unknown }).wx;
  });
  return {
    emulator,
    phone(phoneOptions = {}) {
      const emu = emulator();
      const phone = createWx({ emulator: emu.url, appid: emu.options.wechatAppId, ...phoneOptions });
      useWx(phone.wx);
      return phone;
    },
    core(coreOptions = {}, deps) {
      const emu = emulator();
      return new AuthCore({ appId: emu.options.appId, host: emu.url, ...coreOptions }, deps);
    },
  };
}

/** Every auth-state event the core emits from now on, in order. */
export function recordEvents(core: AuthCore): AuthEvent[] {
  const events: AuthEvent[] = [];
  core.onAuthStateChange((event) => events.push(event));
  return events;
}

/** The rejection of a promise that must fail, as the AuthingError a developer would catch. */
export async function failureOf(promise: Promise<unknown>): Promise<AuthingError> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    if (error instanceof AuthingError) return error;
    throw new Error(`expected an AuthingError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, {
      cause: error,
    });
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(outcome)}`);
}

/** The Authing users the emulator holds. */
export async function emulatorUsers(emu: RunningEmulator): Promise<Array<{ id: string; phone: string | null; photo: string | null }>> {
  const response = await fetch(`${emu.url}/__emulator/users`);
  return ((await response.json()) as { users: Array<{ id: string; phone: string | null; photo: string | null }> }).users;
}

/** Requests this phone made to a path (query string ignored). */
export function requestsTo(sim: Sim, path: string): number {
  return sim.counters.requests.filter((r) => new URL(r.url).pathname === path).length;
}

export const AUTH_PATH = '/connections/social/wechat-miniprogram/auth';

/**
 * Forwards every request to `target` after `delayMs`: a slow network between the phone and
 * Authing, so whatever else the phone does meanwhile reaches the emulator first.
 */
export async function startSlowProxy(target: string, delayMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      setTimeout(() => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) headers[name] = value;
        }
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        fetch(`${target}${req.url ?? '/'}`, { method: req.method, headers, body })
          .then(async (response) => {
            res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/octet-stream' });
            res.end(Buffer.from(await response.arrayBuffer()));
          })
          .catch(() => {
            res.writeHead(502);
            res.end();
          });
      }, delayMs);
    });
  });
  return serveOnLoopback(server);
}
