/**
 * Figure 4: what each authenticated request costs on the phone, beyond the network. The calls
 * alternate getCurrentUser and updateProfile, one after another, after one login.
 *
 *   storage     wx storage calls per request (sim.counters.storage), sync and async, counted
 *               against the emulator;
 *   process CPU this process's CPU time (process.cpuUsage) per request against the emulator,
 *               which runs in another process: the SDK plus the simulated wx.request (Node's
 *               HTTP client standing in for WeChat's native one);
 *   SDK CPU     the same calls with wx.request answered in-process from the responses the
 *               emulator gave (recorded above, replayed in order), minus what answering them
 *               costs alone: the SDK's own work per request, with no network and no server in it.
 */
import { createWx, type SimWx } from '../testing';
import type { EmulatorProcess } from '../test/support/emulator-process';
import { clientOn, type ClientLike, type PackedApp } from './apps';
import { percentile } from './stats';

export interface PerRequestResult {
  subject: 'ours' | 'anchor';
  calls: number;
  /** wx.request calls per SDK call. */
  requestsPerCall: number;
  storage: { syncReads: number; syncWrites: number; asyncReads: number; asyncWrites: number };
  /** Milliseconds of CPU per call. */
  cpuMs: { process: number; sdk: number };
  /** Wall milliseconds per call against the loopback emulator, for context. */
  wallMs: number;
}

type RequestOptions = Parameters<SimWx['request']>[0];
type RequestSuccess = Parameters<NonNullable<RequestOptions['success']>>[0];

/** Wraps wx.request in place to keep a copy of each answer, as it reached the SDK, beside its URL. */
function recordExchanges(wx: SimWx): Array<{ url: string; res: RequestSuccess }> {
  const exchanges: Array<{ url: string; res: RequestSuccess }> = [];
  const request = wx.request.bind(wx);
  wx.request = (options) =>
    request({
      ...options,
      success: (res) => {
        exchanges.push({ url: options.url, res: { ...res, data: structuredClone(res.data) } });
        options.success?.(res);
      },
    });
  return exchanges;
}

/**
 * A wx.request that answers from a recording, in order, with a fresh copy of each body (the SDK
 * may keep or change what it gets). Asynchronous like the real one (next macrotask). Counts the
 * calls whose URL differs from the recording's: the replay must be the same conversation.
 */
function replayingRequest(exchanges: Array<{ url: string; res: RequestSuccess }>): { request: SimWx['request']; mismatches: number } {
  const state = { next: 0, mismatches: 0 };
  const request = ((options: RequestOptions) => {
    const { url, res } = exchanges[state.next++ % exchanges.length];
    if (url !== options.url) state.mismatches++;
    const answer = { ...res, data: structuredClone(res.data) };
    setImmediate(() => (options.success?.(answer), options.complete?.(answer)));
    return { abort() {} };
  }) as unknown as SimWx['request'];
  return {
    request,
    get mismatches() {
      return state.mismatches;
    },
  };
}

async function cpuMsOf(work: () => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** getCurrentUser and updateProfile, alternating, one after another. */
async function calling(client: ClientLike, calls: number): Promise<void> {
  for (let i = 0; i < calls; i++) await (i % 2 === 0 ? client.getCurrentUser() : client.updateProfile({ nickname: `bench-${i % 7}` }));
}

export async function measurePerRequest(
  app: PackedApp,
  emulator: EmulatorProcess,
  calls: number,
  warmup = 20,
  repeats = 7,
): Promise<PerRequestResult> {
  const { wx, sim } = createWx({ emulator: emulator.url, appid: emulator.wechatAppId });
  const client = clientOn(app, wx, { appId: emulator.appId, host: emulator.url, userPoolId: emulator.userPoolId }, 'shadowed');
  await client.loginByCode((await wx.login()).code);
  await calling(client, warmup);

  // Against the emulator: storage, requests, process CPU, wall.
  const exchanges = recordExchanges(wx);
  sim.resetCounters();
  const wallStart = performance.now();
  const processCpu = await cpuMsOf(() => calling(client, calls));
  const wall = performance.now() - wallStart;
  const { syncReads, syncWrites, asyncReads, asyncWrites } = sim.counters.storage;
  const requests = sim.counters.requests.length;

  // In-process answers: the SDK alone, minus what answering costs by itself. Median of a few repeats: one GC can skew a short run.
  const replay = replayingRequest(exchanges);
  wx.request = replay.request;
  const alone = replayingRequest(exchanges).request;
  const answering = async () => {
    for (const { url } of exchanges) await new Promise<void>((resolve) => void alone({ url, success: () => resolve() }));
  };
  const sdk: number[] = [];
  for (let r = 0; r < repeats; r++) sdk.push(Math.max(0, (await cpuMsOf(() => calling(client, calls))) - (await cpuMsOf(answering))));
  if (replay.mismatches)
    throw new Error(`${app.spec.kind}: the replayed calls asked for other URLs than the recorded ones (${replay.mismatches})`);

  const per = (value: number) => value / calls;
  return {
    subject: app.spec.subject,
    calls,
    requestsPerCall: per(requests),
    storage: { syncReads: per(syncReads), syncWrites: per(syncWrites), asyncReads: per(asyncReads), asyncWrites: per(asyncWrites) },
    cpuMs: { process: per(processCpu), sdk: per(percentile(sdk, 50)) },
    wallMs: per(wall),
  };
}
