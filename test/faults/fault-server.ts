/**
 * One small server that answers every request with the fault under test: the network failures and
 * broken answers a phone meets between it and Authing. The phone's own "offline" is the
 * simulator's (`sim.setOffline`); everything that reaches a socket is this server's.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

export type ServerFault =
  /** the connection is dropped as soon as the request arrives (ECONNRESET) */
  | 'reset'
  /** HTTP 500 with a plain-text body */
  | 'http-500'
  /** HTTP 502 with a gateway's HTML page */
  | 'bad-gateway-html'
  /** HTTP 200, JSON cut off in the middle */
  | 'truncated-json'
  /** HTTP 200, Authing's success with no data: v2 `{code: 200, data: null}`, v3 `{statusCode: 200, data: null}`, GraphQL `{data: null}` */
  | 'data-null'
  /** headers never come */
  | 'hang'
  /** HTTP 200 headers, then the body one byte at a time, slower than any timeout */
  | 'slow-drip';

export interface FaultServer {
  url: string;
  /** requests that reached the server since the last reset */
  requests: string[];
  set(fault: ServerFault): void;
  close(): Promise<void>;
}

const DRIP_INTERVAL_MS = 40;

export async function startFaultServer(): Promise<FaultServer> {
  let fault: ServerFault = 'http-500';
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();

  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
      const graphql = (req.url ?? '').startsWith('/graphql');
      const success = graphql ? { data: { user: { id: 'u1' } } } : { code: 200, message: 'ok', data: { id: 'u1' } };
      switch (fault) {
        case 'reset':
          req.socket.destroy();
          return;
        case 'http-500':
          res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
          return;
        case 'bad-gateway-html':
          res
            .writeHead(502, { 'content-type': 'text/html' })
            .end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
          return;
        case 'truncated-json': {
          const body = JSON.stringify(success);
          res.writeHead(200, { 'content-type': 'application/json' }).end(body.slice(0, Math.floor(body.length / 2)));
          return;
        }
        case 'data-null': {
          const v3 = (req.url ?? '').startsWith('/api/v3/');
          const body = graphql
            ? { data: null }
            : v3
              ? { statusCode: 200, message: 'ok', data: null }
              : { code: 200, message: 'ok', data: null };
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
          return;
        }
        case 'hang':
          return;
        case 'slow-drip': {
          const body = JSON.stringify(success);
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
          let sent = 0;
          const timer = setInterval(() => {
            if (sent >= body.length || res.destroyed) {
              clearInterval(timer);
              timers.delete(timer);
              if (!res.destroyed) res.end();
              return;
            }
            res.write(body[sent++]);
          }, DRIP_INTERVAL_MS);
          timers.add(timer);
          return;
        }
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set(next) {
      fault = next;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
