/**
 * JSON over loopback HTTP for the suites and the dev tools (bench, scripts): plain node:http,
 * so a caller can hand in a keep-alive agent (the bench does: connection set-up is not what it
 * measures) and every call is bounded in time (a wedged emulator fails the caller, never hangs it).
 */
import http from 'node:http';

export interface JsonResponse<T> {
  status: number;
  body: T;
}

export interface JsonRequestOptions {
  agent?: http.Agent;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * One JSON exchange; resolves with any status, rejects on network errors, timeouts and non-JSON
 * answers. A string body is sent as it is (a malformed body on purpose); anything else as JSON.
 */
export function requestJson<T>(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  options: JsonRequestOptions = {},
): Promise<JsonResponse<T>> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const headers: Record<string, string> = { ...options.headers };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const req = http.request(url, { method, headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T });
        } catch {
          reject(new Error(`${method} ${url} → ${res.statusCode}: not JSON: ${text.slice(0, 200)}`));
        }
      });
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** The body of a 2xx answer; anything else is an error naming the call and what came back. */
export async function okJson<T>(method: 'GET' | 'POST', url: string, body?: unknown, options?: JsonRequestOptions): Promise<T> {
  const response = await requestJson<T>(method, url, body, options);
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`${method} ${url} → ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
  }
  return response.body;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** GET for a suite playing a server calling another server: the status and the parsed body. */
export function getJson<T = Loose>(url: string, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  return requestJson<T>('GET', url, undefined, { headers });
}

/** POST, as getJson. */
export function postJson<T = Loose>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  return requestJson<T>('POST', url, body, { headers });
}
