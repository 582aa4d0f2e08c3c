/**
 * npm run playground — the page (playground/dist, from build.ts) and the emulator behind it, on one
 * origin: the page's files under /__playground/ and `/`, everything else proxied to the emulator,
 * which runs in its own process exactly as the bench starts it (its published bin, in-memory data).
 *
 * Same origin, so the page needs nothing from the emulator's own origin rules; in turn this server
 * keeps them: it binds loopback and answers only its own Host and its own Origin, so another
 * web page cannot drive the emulator through it.
 *
 *   npm run playground                  port 4100
 *   npm run playground -- --port 4200
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulatorProcess, type EmulatorProcess } from '../test/support/emulator-process';

const ROOT = resolve(__dirname, '..');
export const PLAYGROUND_DIST = join(ROOT, 'playground', 'dist');

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/__playground/playground.js': { file: 'playground.js', type: 'text/javascript; charset=utf-8' },
  '/__playground/playground.css': { file: 'playground.css', type: 'text/css; charset=utf-8' },
};

export interface RunningPlayground {
  url: string;
  emulator: EmulatorProcess;
  close(): Promise<void>;
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ code: status, message }));
}

/** Only this server's own names, and only pages it served (or no page at all). */
function isOwnRequest(req: http.IncomingMessage, port: number): boolean {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!own.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  return origin === undefined || own.some((name) => origin === `http://${name}`);
}

async function serveFile(res: http.ServerResponse, dir: string, entry: { file: string; type: string }): Promise<void> {
  const path = join(dir, entry.file);
  const info = await stat(path).catch(() => null);
  if (!info) {
    refuse(res, 404, `${entry.file} is not built: run npx gulp playground`);
    return;
  }
  res.writeHead(200, { 'content-type': entry.type, 'content-length': info.size, 'cache-control': 'no-store' });
  createReadStream(path).pipe(res);
}

function proxy(req: http.IncomingMessage, res: http.ServerResponse, target: URL): void {
  // The emulator sees a request from its own origin: this server has already checked who asked.
  const headers = { ...req.headers, host: target.host };
  delete headers.origin;
  delete headers.referer;
  const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (!res.headersSent) refuse(res, 502, `emulator unreachable: ${error.message}`);
    else res.destroy();
  });
  req.pipe(upstream);
}

export async function startPlayground(options: { port?: number; dir?: string } = {}): Promise<RunningPlayground> {
  const dir = options.dir ?? PLAYGROUND_DIST;
  const emulator = await startEmulatorProcess();
  const target = new URL(emulator.url);
  let port = 0;
  const server = http.createServer((req, res) => {
    if (!isOwnRequest(req, port)) {
      refuse(res, 403, 'the playground answers only its own pages');
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = FILES[path];
    if (file && req.method === 'GET') void serveFile(res, dir, file);
    else proxy(req, res, target);
  });
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
    });
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    emulator,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await emulator.stop();
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  const { values } = parseArgs({ options: { port: { type: 'string' } } });
  const port = values.port === undefined ? 4100 : Number(values.port);
  startPlayground({ port }).then(
    (playground) => {
      console.log(`\n playground: ${playground.url}   (emulator ${playground.emulator.url}, in-memory data)\n Ctrl-C to stop`);
      const stop = (): void => void playground.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
