/**
 * Figure 5: how fast the emulator serves the whole silent-login flow, as a test suite or a demo
 * would drive it: mint a wx.login code through the control API, then POST it to Authing's
 * mini-program auth endpoint (which calls the emulator's own WeChat face for the session_key,
 * creates the user and signs a token). The emulator runs in its own process; the client here
 * keeps `concurrency` flows in flight over keep-alive loopback connections. Every flow makes a
 * new WeChat user: WeChat's 100 logins a minute per user would otherwise throttle the run.
 */
import http from 'node:http';
import type { EmulatorProcess } from './emulator-process';
import { requestJson } from './http-json';
import { percentile } from './stats';

export interface ThroughputResult {
  concurrency: number;
  flows: number;
  errors: number;
  seconds: number;
  loginsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  firstError?: string;
}

async function loginFlow(emulator: EmulatorProcess, agent: http.Agent): Promise<void> {
  const minted = await requestJson<{ code?: string }>(
    `${emulator.url}/__emulator/wechat/login`,
    'POST',
    { appid: emulator.wechatAppId },
    { agent },
  );
  if (minted.status !== 200 || !minted.body.code) throw new Error(`mint: HTTP ${minted.status} ${JSON.stringify(minted.body)}`);
  const auth = await requestJson<{ code?: number; message?: string; data?: { token?: string } }>(
    `${emulator.url}/connections/social/wechat-miniprogram/auth`,
    'POST',
    { code: minted.body.code },
    { agent, headers: { 'x-authing-app-id': emulator.appId, 'x-authing-request-from': 'wxapp' } },
  );
  if (auth.body.code !== 200 || !auth.body.data?.token) throw new Error(`auth: HTTP ${auth.status} ${auth.body.code} ${auth.body.message}`);
}

/** `flows` flows, at most `concurrency` at a time (bounded: a fixed count, never "as many as fit in N seconds"). */
export async function measureThroughput(
  emulator: EmulatorProcess,
  concurrency: number,
  flows: number,
  warmup = 50,
): Promise<ThroughputResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const run = async (count: number, latencies: number[] | null): Promise<{ errors: number; firstError?: string }> => {
      let next = 0;
      let errors = 0;
      let firstError: string | undefined;
      const worker = async (): Promise<void> => {
        while (next < count) {
          next++;
          const started = performance.now();
          try {
            await loginFlow(emulator, agent);
            latencies?.push(performance.now() - started);
          } catch (error) {
            errors++;
            firstError ??= error instanceof Error ? error.message : String(error);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
      return { errors, firstError };
    };
    await run(warmup, null);
    const latencies: number[] = [];
    const started = performance.now();
    const { errors, firstError } = await run(flows, latencies);
    const seconds = (performance.now() - started) / 1000;
    return {
      concurrency,
      flows,
      errors,
      seconds,
      loginsPerSecond: latencies.length / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      firstError,
    };
  } finally {
    agent.destroy();
  }
}
