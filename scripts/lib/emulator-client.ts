/** What the scripts (npm start, demo:walk) add to the dev launcher: where they look for a running emulator first. */
import * as http from 'node:http';

export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:4000';

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
