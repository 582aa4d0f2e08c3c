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
  /** Flows asked for; `completed` says how many ran before the time limit. */
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

export interface LoginRun {
  /** Successful flows, each one's wall time. */
  latencies: number[];
  started: number;
  errors: number;
  seconds: number;
  stoppedAtLimit: boolean;
  firstError?: string;
}

/** A keep-alive pool of `concurrency` loopback connections, so connection set-up is not what is measured. */
export function loginAgent(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency });
}

/**
 * Up to `count` login flows (each a new WeChat user), at most `concurrency` at a time, none
 * started after `maxSeconds`: bounded in count and in time.
 */
export async function runLogins(
  emulator: EmulatorProcess,
  agent: http.Agent,
  count: number,
  concurrency: number,
  maxSeconds = MAX_SECONDS_PER_RUN,
): Promise<LoginRun> {
  const latencies: number[] = [];
  let started = 0;
  let errors = 0;
  let firstError: string | undefined;
  const begin = performance.now();
  const deadline = begin + maxSeconds * 1000;
  const worker = async (): Promise<void> => {
    while (started < count && performance.now() < deadline) {
      started++;
      const at = performance.now();
      try {
        await loginFlow(emulator, agent);
        latencies.push(performance.now() - at);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { latencies, started, errors, seconds: (performance.now() - begin) / 1000, stoppedAtLimit: started < count, firstError };
}

/** `flows` flows at `concurrency`, after `warmup` untimed ones. */
export async function measureThroughput(
  emulator: EmulatorProcess,
  concurrency: number,
  flows: number,
  warmup = 50,
): Promise<ThroughputResult> {
  const agent = loginAgent(concurrency);
  let run: LoginRun;
  try {
    await runLogins(emulator, agent, warmup, concurrency);
    run = await runLogins(emulator, agent, flows, concurrency);
  } finally {
    agent.destroy();
  }
  return {
    concurrency,
    flows,
    completed: run.started,
    errors: run.errors,
    seconds: run.seconds,
    loginsPerSecond: run.latencies.length / run.seconds,
    p50Ms: percentile(run.latencies, 50),
    p95Ms: percentile(run.latencies, 95),
    p99Ms: percentile(run.latencies, 99),
    stoppedAtLimit: run.stoppedAtLimit,
    firstError: run.firstError,
  };
}
