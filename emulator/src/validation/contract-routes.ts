/**
 * The one mechanism that holds the emulator to the contract: every route is looked up in
 * emulator/src/contract when it is registered (a route without an entry stops the server from
 * starting), and the entry's body and query specs become the route's schema, so fastify's
 * validator refuses what real Authing refuses — unknown fields included — before a handler runs.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { entryForRoute, isEmulatorOnly, type ContractEntry } from '../contract';

declare module 'fastify' {
  interface FastifyContextConfig {
    contract?: ContractEntry;
  }
}

/** A request the contract refuses for something a schema cannot say (a missing header). */
export class ContractRefusal extends Error {}

export function contractOf(req: FastifyRequest): ContractEntry | undefined {
  return req.routeOptions.config.contract;
}

export function enforceContract(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) => (m === 'HEAD' ? 'GET' : m));
    const entry = entryForRoute(methods[0], route.url);
    if (!entry || methods.some((m) => m !== entry.method)) {
      throw new Error(`route ${methods.join(',')} ${route.url} has no entry in the contract (emulator/src/contract)`);
    }
    route.config = { ...route.config, contract: entry };
    // The emulator's own routes keep the schemas they were written with.
    if (isEmulatorOnly(entry)) return;
    route.schema = {
      ...route.schema,
      ...(entry.body ? { body: entry.body } : {}),
      ...(entry.query ? { querystring: entry.query } : {}),
    };
  });

  app.addHook('preValidation', async (req) => {
    for (const name of contractOf(req)?.headers?.required ?? []) {
      // A missing token is the route's to answer, with Authing's "not logged in".
      if (name === 'authorization') continue;
      if (!req.headers[name]) throw new ContractRefusal(`缺少请求头 ${name}`);
    }
  });
}
