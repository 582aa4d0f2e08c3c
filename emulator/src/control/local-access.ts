/**
 * Who may talk to the emulator. It is a developer tool on a port, so three attacks matter:
 * - DNS rebinding: a web page whose own domain now resolves to 127.0.0.1 sends `Host: evil.example`.
 *   A rebinding needs a domain name, so the Host must be an IP address, `localhost`, or the bound host.
 * - Cross-site requests to the control API (`POST /__emulator/reset` from any open tab): a foreign
 *   `Origin` is refused, and control POSTs must be `application/json`, which no plain form or
 *   `fetch` without a CORS preflight can send (the emulator answers no preflight).
 * - The network, when bound beyond loopback: the control API then demands the control token.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { ResolvedOptions } from '../options';
import { isLoopbackHost } from '../options';
import { ControlError } from '../errors';

const CONTROL_PREFIX = '/__emulator/';

function hostnameOf(hostHeader: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader);
  if (bracketed) return bracketed[1].toLowerCase();
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

function isLocalName(hostname: string, boundHost: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === boundHost.toLowerCase();
}

/** A Host that cannot be the product of a DNS rebinding. */
export function isAllowedHost(hostHeader: string | undefined, boundHost: string): boolean {
  // HTTP/1.0 clients may omit Host; browsers never do, so a missing one is not a rebinding.
  if (hostHeader === undefined || hostHeader === '') return true;
  const hostname = hostnameOf(hostHeader);
  return isIP(hostname) !== 0 || isLocalName(hostname, boundHost);
}

/** A page on this machine (any port), or no browser at all (no Origin). */
export function isAllowedOrigin(origin: string | undefined, boundHost: string): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes "null": sandboxed frames and file:// pages are foreign
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return isLoopbackHost(hostname) || isLocalName(hostname, boundHost);
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function hasToken(req: FastifyRequest, expected: Buffer): boolean {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  // Compared as digests so neither the length nor the content leaks through timing.
  return match !== null && timingSafeEqual(digest(match[1]), expected);
}

/** Registers the checks before any route runs; failures answer in the called face's envelope. */
export function registerLocalAccessGuard(app: FastifyInstance, options: ResolvedOptions): void {
  const expectedToken = options.controlToken === null ? null : digest(options.controlToken);
  app.addHook('onRequest', async (req) => {
    if (!isAllowedHost(req.headers.host, options.host)) {
      throw new ControlError(403, `host ${String(req.headers.host)} is not this emulator (use an IP address or localhost)`);
    }
    if (!req.url.startsWith(CONTROL_PREFIX)) return;
    const origin = req.headers.origin;
    if (!isAllowedOrigin(origin, options.host)) {
      throw new ControlError(403, `the control API refuses requests from origin ${String(origin)}`);
    }
    if (expectedToken !== null && !hasToken(req, expectedToken)) {
      throw new ControlError(401, 'the control API needs Authorization: Bearer <control token>');
    }
    if (req.method === 'POST' && !isJson(req.headers['content-type'])) {
      throw new ControlError(415, 'control API POSTs take a JSON body (content-type: application/json)');
    }
  });
}
