/**
 * Finding, starting and talking to the local emulator from the scripts (npm start, demo:walk)
 * and the demo's tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:4000';

/** GET /__emulator/info. */
export interface EmulatorInfo {
  url: string;
  appId: string;
  userPoolId: string;
  wechatAppId: string;
  rotateSessionKey: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    message: string,
  ) {
    super(message);
  }
}

/** One JSON exchange; rejects on HTTP errors (with the body) and network errors. */
export function requestJson<T>(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  options: { headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<T> {
  return new Promise((resolveCall, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (payload) headers['content-type'] = 'application/json';
    const req = http.request(url, { method, headers, timeout: options.timeoutMs ?? 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status >= 400) return reject(new HttpError(status, text, `${method} ${url} → ${status}: ${text.slice(0, 300)}`));
        try {
          resolveCall(JSON.parse(text) as T);
        } catch {
          reject(new HttpError(status, text, `${method} ${url}: not JSON: ${text.slice(0, 120)}`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer within ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** The emulator's info when one answers at `url`; null when nothing does (or something else does). */
export async function probeEmulator(url: string, timeoutMs = 1500): Promise<EmulatorInfo | null> {
  try {
    const info = await requestJson<EmulatorInfo>('GET', `${url.replace(/\/+$/, '')}/__emulator/info`, undefined, { timeoutMs });
    return info && typeof info.appId === 'string' ? info : null;
  } catch {
    return null;
  }
}

/** Whether anything at all accepts connections at `url` (an emulator or another program). */
export function portAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const req = http.request(url, { method: 'HEAD', timeout: timeoutMs }, (res) => {
      res.resume();
      resolveProbe(true);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error: NodeJS.ErrnoException) => resolveProbe(error.code !== 'ECONNREFUSED' && error.message !== 'timeout'));
    req.end();
  });
}

export interface EmulatorProcess {
  url: string;
  child: ChildProcess;
  /** Stops it (SIGTERM, as Ctrl-C would) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts the emulator CLI in its own process (in memory, a free port unless given), for a walk or
 * a test: the host process renders pages with jsdom globals the emulator's server must not see.
 */
export function spawnEmulator(args: string[] = ['--port', '0', '--db', ':memory:']): Promise<EmulatorProcess> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'emulator', 'bin', 'authing-wxapp-emulator.js'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      resolveStart({
        url: match[1],
        child,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`emulator exited (${code}) before listening:\n${errors}`)));
  });
}
