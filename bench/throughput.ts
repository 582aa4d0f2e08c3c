/**
 * Figure 5: how fast the emulator serves the whole silent-login flow, as a test suite or a demo
 * would drive it: mint a wx.login code through the control API, then POST it to Authing's
 * mini-program auth endpoint (which calls the emulator's own WeChat face for the session_key,
 * creates the user and signs a token). The emulator runs in its own process; the client here
 * keeps `concurrency` flows in flight over keep-alive loopback connections. Every flow makes a
 * new WeChat user: WeChat's 100 logins a minute per user would otherwise throttle the run.
 */
import http from 'node:http';
import type { EmulatorProcess } from '../test/support/emulator-process';
import { requestJson } from '../test/support/http-json';
import { percentile } from './stats';

export interface ThroughputResult {
  concurrency: number;
  /** Flows asked for; `completed` says how many started before the time limit. */
  flows: number;
  completed: number;
  errors: number;
  seconds: number;
  loginsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** True when the time limit stopped the run before every flow had started. */
  stoppedAtLimit: boolean;
  firstError?: string;
}

/** No level runs longer than this, however slow the machine (a bound in time besides the count). */
export const MAX_SECONDS_PER_RUN = 120;

async function loginFlow(emulator: EmulatorProcess, agent: http.Agent): Promise<void> {
  const minted = await requestJson<{ code?: string }>(
    'POST',
    `${emulator.url}/__emulator/wechat/login`,
    { appid: emulator.wechatAppId },
    { agent },
  );
  if (minted.status !== 200 || !minted.body.code) throw new Error(`mint: HTTP ${minted.status} ${JSON.stringify(minted.body)}`);
  const auth = await requestJson<{ code?: number; message?: string; data?: { token?: string } }>(
    'POST',
    `${emulator.url}/connections/social/wechat-miniprogram/auth`,
    { code: minted.body.code },
    { agent, headers: { 'x-authing-app-id': emulator.appId, 'x-authing-request-from': 'wxapp' } },
  );
  if (auth.body.code !== 200 || !auth.body.data?.token) throw new Error(`auth: HTTP ${auth.status} ${auth.body.code} ${auth.body.message}`);
}

export type LoginRun = Pick<ThroughputResult, 'errors' | 'seconds' | 'stoppedAtLimit' | 'firstError'> & {
  /** Each successful flow's wall time. */
  latencies: number[];
  started: number;
};

/**
 * Up to `count` login flows (each a new WeChat user), at most `concurrency` at a time over a
 * keep-alive pool of as many loopback connections (so connection set-up is not what is
 * measured), none started after `maxSeconds`: bounded in count and in time.
 */
export async function runLogins(
  emulator: EmulatorProcess,
  count: number,
  concurrency: number,
  maxSeconds = MAX_SECONDS_PER_RUN,
): Promise<LoginRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const run: LoginRun = { latencies: [], started: 0, errors: 0, seconds: 0, stoppedAtLimit: false };
  const begin = performance.now();
  const worker = async (): Promise<void> => {
    while (run.started < count && performance.now() < begin + maxSeconds * 1000) {
      run.started++;
      const at = performance.now();
      try {
        await loginFlow(emulator, agent);
        run.latencies.push(performance.now() - at);
      } catch (error) {
        run.errors++;
        run.firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  } finally {
    agent.destroy();
  }
  return { ...run, seconds: (performance.now() - begin) / 1000, stoppedAtLimit: run.started < count };
}

/** `flows` flows at `concurrency`, after `warmup` untimed ones. */
export async function measureThroughput(
  emulator: EmulatorProcess,
  concurrency: number,
  flows: number,
  warmup = 50,
): Promise<ThroughputResult> {
  await runLogins(emulator, warmup, concurrency);
  const { latencies, started, ...run } = await runLogins(emulator, flows, concurrency);
  const p = (n: number) => percentile(latencies, n);
  return {
    concurrency,
    flows,
    completed: started,
    ...run,
    loginsPerSecond: latencies.length / run.seconds,
    p50Ms: p(50),
    p95Ms: p(95),
    p99Ms: p(99),
  };
}
