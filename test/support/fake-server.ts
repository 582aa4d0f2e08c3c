/**
 * The one throwaway HTTP server of the suites: a stand-in for Authing (or a proxy in front of it)
 * that records the exact bytes each request brought and answers as the test asks.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  /** Path with its query string. */
  url: string;
  /** Path without the query string. */
  path: string;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  /** The body as latin1 text: every byte kept, multipart boundaries readable. */
  text: string;
}

export interface FakeAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A fixed answer, or one computed per request. A function may instead write to `res` itself;
 * returning undefined without ending `res` leaves the request hanging (a silent server).
 */
export type Answer =
  | FakeAnswer
  | ((
      req: Received,
      res: http.ServerResponse,
    ) => FakeAnswer | http.ServerResponse | undefined | void | Promise<FakeAnswer | undefined | void>);

export interface FakeServer {
  url: string;
  received: Received[];
  /** Replaces the answer for later requests. */
  handle(answer: Answer | undefined): void;
  close(): Promise<void>;
}

export function json(body: unknown, status = 200): FakeAnswer {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/** Starts on a free loopback port; no answer (the default) leaves every request hanging. */
export async function startFakeServer(answer?: Answer): Promise<FakeServer> {
  const received: Received[] = [];
  let current = answer;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = req.url ?? '';
      const request: Received = {
        method: req.method ?? '',
        url,
        path: url.split('?')[0],
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body,
        text: body.toString('latin1'),
      };
      received.push(request);
      const answerNow = current;
      void Promise.resolve(typeof answerNow === 'function' ? answerNow(request, res) : answerNow).then((reply) => {
        if (!reply || reply instanceof http.ServerResponse || res.writableEnded) return;
        res.writeHead(reply.status, { 'content-type': reply.contentType });
        res.end(reply.body);
      });
    });
  });
  return {
    ...(await serveOnLoopback(server)),
    received,
    handle(next) {
      current = next;
    },
  };
}

/** Starts `server` on a free loopback port; close() drops open connections (a hanging request too) and waits. */
export async function serveOnLoopback(server: http.Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An address nothing listens on: connections are refused at once. */
export async function refusedUrl(): Promise<string> {
  const served = await serveOnLoopback(http.createServer());
  await served.close();
  return served.url;
}
