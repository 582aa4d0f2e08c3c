/**
 * The recording check's emulator half: when AUTHING_EMULATOR_RECORD names a file, every request
 * appends one JSON line saying which contract entry it matched and whether the contract let it in.
 * test/contract/record-teardown.ts reads the file after the whole jest run.
 */
import { appendFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { entryForOperation } from '../contract';
import { contractOf } from './contract-routes';

export const RECORD_ENV = 'AUTHING_EMULATOR_RECORD';
/** Tests that send bad input on purpose say so with this header; it changes nothing else. */
export const PROBE_HEADER = 'x-emulator-probe';

export type Verdict = 'accepted' | 'refused-by-contract' | 'no-entry';

export interface RecordLine {
  method: string;
  path: string;
  entry: string | null;
  verdict: Verdict;
  from: { requestFrom: string | null; sdkVersion: string | null };
  probe: string | null;
}

const refused = new WeakSet<FastifyRequest>();

/** Called by the error handler when the contract (a schema or a header rule) refused the request. */
export function markRefused(req: FastifyRequest): void {
  refused.add(req);
}

const header = (req: FastifyRequest, name: string): string | null => {
  const value = req.headers[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : null;
};

/** The GraphQL root field a document asks for: authing-js-sdk names each operation after it. */
function graphqlOperation(body: unknown): string | null {
  const query = body && typeof body === 'object' ? (body as { query?: unknown }).query : undefined;
  if (typeof query !== 'string') return null;
  const match = /\{\s*(?:[A-Za-z_]\w*\s*:\s*)?([A-Za-z_]\w*)/.exec(query.slice(0, 4096));
  return match ? match[1] : null;
}

export function recordLine(req: FastifyRequest): RecordLine {
  const http = contractOf(req);
  const operation = http?.face === 'graphql' ? entryForOperation(graphqlOperation(req.body) ?? '') : undefined;
  const entry = operation ?? http;
  return {
    method: req.method,
    path: req.url.split('?')[0],
    entry: entry?.id ?? null,
    verdict: !entry ? 'no-entry' : refused.has(req) ? 'refused-by-contract' : 'accepted',
    from: { requestFrom: header(req, 'x-authing-request-from'), sdkVersion: header(req, 'x-authing-sdk-version') },
    probe: header(req, PROBE_HEADER),
  };
}

export function recordRequests(app: FastifyInstance, file: string | undefined): void {
  if (!file) return;
  app.addHook('onResponse', async (req) => {
    appendFileSync(file, `${JSON.stringify(recordLine(req))}\n`);
  });
}
