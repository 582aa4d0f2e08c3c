/**
 * JSON over loopback HTTP for the bench's own calls (control API, throughput flows): plain
 * node:http with a caller-supplied keep-alive agent, so connection set-up is not what is measured.
 */
import http from 'node:http';

export interface JsonResponse<T> {
  status: number;
  body: T;
}

export function requestJson<T>(
  url: string,
  method: 'GET' | 'POST',
  body?: unknown,
  options: { agent?: http.Agent; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<JsonResponse<T>> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
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
    // Bounded: a wedged emulator fails the figure instead of hanging the bench.
    req.setTimeout(options.timeoutMs ?? 15000, () =>
      req.destroy(new Error(`${method} ${url}: no answer in ${options.timeoutMs ?? 15000} ms`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}
