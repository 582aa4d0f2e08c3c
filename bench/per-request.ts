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

interface Exchange {
  url: string;
  method: string;
  /** What the SDK asked wx.request to do with the body ('json', the default, parses it). */
  dataType?: string;
  /** The body as the server sent it. */
  status: number;
  text: string;
  header: Record<string, string>;
}

/** Wraps wx.request in place to keep each response's raw body alongside its request. */
function recordExchanges(wx: SimWx): Exchange[] {
  const exchanges: Exchange[] = [];
  const request = wx.request.bind(wx);
  wx.request = (options) =>
    request({
      ...options,
      success: (res) => {
        exchanges.push({
          url: options.url,
          method: options.method ?? 'GET',
          dataType: options.dataType,
          status: res.statusCode,
          text: typeof res.data === 'string' ? res.data : JSON.stringify(res.data),
          header: res.header as Record<string, string>,
        });
        options.success?.(res);
      },
    });
  return exchanges;
}

/**
 * A wx.request that answers from a recording, in order, as WeChat would hand the body over
 * (parsed for dataType 'json', the default). Asynchronous like the real one (next macrotask).
 */
function replayingRequest(exchanges: Exchange[]): { request: SimWx['request']; mismatches: () => number } {
  let next = 0;
  let mismatches = 0;
  const request = ((options: RequestOptions) => {
    const exchange = exchanges[next++ % exchanges.length];
    if (exchange.url !== options.url) mismatches++;
    const data = (options.dataType ?? 'json') === 'json' ? safeParse(exchange.text) : exchange.text;
    const res = {
      data,
      statusCode: exchange.status,
      header: exchange.header,
      cookies: [],
      errMsg: 'request:ok',
    } as unknown as RequestSuccess;
    setImmediate(() => {
      options.success?.(res);
      options.complete?.(res);
    });
    return { abort() {} };
  }) as unknown as SimWx['request'];
  return { request, mismatches: () => mismatches };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function callAt(client: ClientLike, index: number): Promise<unknown> {
  return index % 2 === 0 ? client.getCurrentUser() : client.updateProfile({ nickname: `bench-${index % 7}` });
}

async function timeCalls(client: ClientLike, calls: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await callAt(client, i);
  return cpuMs(process.cpuUsage(start));
}

/** What the replaying wx.request costs by itself, for the same responses. */
async function timeAnswers(exchanges: Exchange[]): Promise<number> {
  const { request } = replayingRequest(exchanges);
  const start = process.cpuUsage();
  for (const exchange of exchanges) {
    await new Promise<void>((resolve) => request({ url: exchange.url, dataType: exchange.dataType as 'json', success: () => resolve() }));
  }
  return cpuMs(process.cpuUsage(start));
}

export async function measurePerRequest(
  app: PackedApp,
  emulator: EmulatorProcess,
  calls: number,
  options: { warmup?: number; repeats?: number } = {},
): Promise<PerRequestResult> {
  const warmup = options.warmup ?? 20;
  const repeats = options.repeats ?? 7;
  const { wx, sim } = createWx({ emulator: emulator.url, appid: emulator.wechatAppId });
  const client = clientOn(app, wx, { appId: emulator.appId, host: emulator.url, userPoolId: emulator.userPoolId }, 'shadowed');
  const subject = app.spec.subject;
  const { code } = await wx.login();
  await client.loginByCode(code);
  for (let i = 0; i < warmup; i++) await callAt(client, i);

  // Against the emulator: storage, requests, process CPU, wall.
  const exchanges = recordExchanges(wx);
  sim.resetCounters();
  const wallStart = performance.now();
  const processCpu = await timeCalls(client, calls);
  const wall = performance.now() - wallStart;
  const storage = { ...sim.counters.storage };
  const requests = sim.counters.requests.length;

  // In-process answers: the SDK alone. Median of a few repeats: each is short, so one GC can skew it.
  const replay = replayingRequest(exchanges);
  wx.request = replay.request;
  const sdkSamples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const withSdk = await timeCalls(client, calls);
    const answersAlone = await timeAnswers(exchanges);
    sdkSamples.push(Math.max(0, withSdk - answersAlone));
  }
  if (replay.mismatches() > 0)
    throw new Error(`${subject}: the replayed calls asked for other URLs than the recorded ones (${replay.mismatches()})`);

  const per = (value: number) => value / calls;
  return {
    subject,
    calls,
    requestsPerCall: per(requests),
    storage: {
      syncReads: per(storage.syncReads),
      syncWrites: per(storage.syncWrites),
      asyncReads: per(storage.asyncReads),
      asyncWrites: per(storage.asyncWrites),
    },
    cpuMs: { process: per(processCpu), sdk: per(percentile(sdkSamples, 50)) },
    wallMs: per(wall),
  };
}
