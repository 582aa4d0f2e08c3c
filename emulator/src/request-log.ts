/**
 * `--log` output. Request URLs carry secrets on the WeChat face (`secret`, `js_code`,
 * `access_token`), so every query value whose name says it is a secret is replaced before printing.
 * Headers (Authorization) and bodies (passwords, encryptedData) are never logged at all.
 */
import type { FastifyServerOptions } from 'fastify';

const SECRET_PARAM = /(secret|code|token|password|session_?key|encrypted|iv$|signature)/i;

export const REDACTED = '[redacted]';

/** The URL with the value of each secret-looking query parameter replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // a malformed name is logged as sent, with its value hidden below if it looks secret
      }
      return eq !== -1 && SECRET_PARAM.test(decoded) ? `${name}=${REDACTED}` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
}

/** Fastify's `logger` option: off, or pino with the request serializer above. */
export function requestLogger(enabled: boolean): FastifyServerOptions['logger'] {
  if (!enabled) return false;
  return {
    serializers: {
      req: (req: LoggedRequest) => ({ method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip }),
    },
  };
}
