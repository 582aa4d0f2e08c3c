/**
 * `npm run bench`: this SDK against the seed SDK it replaces (authing-wxapp-sdk 4.3.22-alpha.7,
 * installed as authing-wxapp-sdk-seed), on seven figures:
 *   1 footprint after 构建 npm (with Authing's own @authing/miniapp beside it)
 *   2 cold load in a WeChat-like realm   3 waits after the tap   4 per-request overhead
 *   5 emulator throughput and latency    6 emulator memory
 *   7 v3 flows: every method of our v3 client beside Authing's @authing/miniapp (waits, requests)
 * Prints the tables (ours, the anchor's, their ratio, each target met or missed); writes
 * results.json and results.md only into the folder BENCH_OUT names (results are never committed).
 * Timings are reported, never asserted: they depend on the machine, which the report names.
 *
 * Environment knobs (defaults are the issue's): BENCH_LOAD_RUNS (30), BENCH_CALLS (200),
 * BENCH_FLOWS (2000), BENCH_CONCURRENCY (1,8,32,128), BENCH_USERS (10000: new users before the
 * emulator's memory is read), BENCH_SKIP_COMPILE=1 (no getCompiledResult: saves ~30 s),
 * BENCH_OUT (folder for results.json / results.md; unset: nothing written),
 * BENCH_AUTHING_MINIAPP_SRC (a checkout of Authing/authing-js-sdk; unset: that size is not measured).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IN_MEMORY_ARGS, startEmulatorProcess, type EmulatorProcess } from '../test/support/emulator-process';
import { makeApps, packOurs, PACKAGE_NAME, type PackedApp } from './apps';
import { measureAuthingMiniapp } from './authing-miniapp';
import { measureColdLoad } from './cold-load';
import { measureFootprint } from './footprint';
import { describeMachine } from './machine';
import { measureMemory } from './memory';
import { measurePerRequest } from './per-request';
import { renderMarkdown, renderText } from './render';
import { buildReport, type BenchResults } from './report';
import { measureThroughput, type ThroughputResult } from './throughput';
import { measureV3Flows } from './v3-flows';
import { measureWaits } from './waits';

const numberFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
};

export const DEFAULT_OPTIONS = {
  loadRuns: numberFromEnv('BENCH_LOAD_RUNS', 30),
  calls: numberFromEnv('BENCH_CALLS', 200),
  flows: numberFromEnv('BENCH_FLOWS', 2000),
  concurrency: (process.env.BENCH_CONCURRENCY ?? '1,8,32,128')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0),
  /** New users created before the emulator's memory is read. */
  users: numberFromEnv('BENCH_USERS', 10_000),
  compile: process.env.BENCH_SKIP_COMPILE !== '1',
  /** Where results.json / results.md go; null: not written. */
  outDir: process.env.BENCH_OUT ? path.resolve(process.env.BENCH_OUT) : null,
  log: (line: string) => console.error(line),
};
export type BenchOptions = typeof DEFAULT_OPTIONS;

/** Runs one figure; a failure is reported in its place instead of ending the bench. */
async function figure<T>(name: string, log: (line: string) => void, body: () => Promise<T>): Promise<T | { error: string }> {
  const started = performance.now();
  log(`· ${name} …`);
  try {
    const result = await body();
    log(`  ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`  ${name} FAILED: ${message}`);
    return { error: message };
  }
}

export async function runBench(options: BenchOptions = DEFAULT_OPTIONS): Promise<BenchResults> {
  const { log } = options;
  const started = performance.now();
  const work = await mkdtemp(path.join(tmpdir(), 'authing-bench-'));
  const emulators: EmulatorProcess[] = [];
  /** An in-memory emulator whose WeChat side does (always) or does not (never) rotate the session_key at each wx.login. */
  const emulator = async (rotation: 'always' | 'never'): Promise<EmulatorProcess> => {
    const started = await startEmulatorProcess([...IN_MEMORY_ARGS, '--rotate-session-key', rotation]);
    emulators.push(started);
    return started;
  };
  let tarballDir: string | null = null;
  try {
    log(`· building this checkout, npm install and 构建 npm of each tiny app in ${work} …`);
    const ours = await packOurs(work);
    tarballDir = ours.cleanup;
    const miniappDir = path.join(work, 'authing-miniapp');
    const [apps, authingMiniapp] = await Promise.all([makeApps(work, ours), measureAuthingMiniapp(undefined, miniappDir)]);
    log(`  ${apps.map((app) => `${app.spec.kind} ${(app.installMs / 1000).toFixed(1)} s`).join(', ')}`);
    const app = (kind: string): PackedApp => apps.find((a) => a.spec.kind === kind)!;

    // getCompiledResult takes seconds per app, in child processes: all at once.
    const footprint = await figure('1 footprint', log, () => Promise.all(apps.map((a) => measureFootprint(a, options.compile))));
    const coldLoad = await figure('2 cold load', log, async () => measureColdLoad(apps, options.loadRuns));

    const [rotating, stable] = await Promise.all([emulator('always'), emulator('never')]);
    const components = path.join(app('components').dir, 'miniprogram_npm', PACKAGE_NAME);
    const waits = await figure('3 waits after the tap', log, () => measureWaits(components, app('anchor'), { rotating, stable }));
    const perRequest = await figure('4 per-request overhead', log, async () => [
      await measurePerRequest(app('full'), rotating, options.calls),
      await measurePerRequest(app('anchor'), rotating, options.calls),
    ]);
    const v3Flows = await figure('7 v3 flows', log, () =>
      measureV3Flows(app('v3'), 'version' in authingMiniapp ? miniappDir : authingMiniapp, { rotating, stable }),
    );
    await Promise.all([rotating.stop(), stable.stop()]);

    const throughput = await figure('5 emulator throughput', log, async () => {
      const server = await emulator('always');
      const results: ThroughputResult[] = [];
      for (const concurrency of options.concurrency) {
        await server.reset();
        results.push(await measureThroughput(server, concurrency, options.flows));
      }
      await server.stop();
      return results;
    });
    const memory = await figure('6 emulator memory', log, async () => {
      const server = await emulator('always');
      const result = await measureMemory(server, options.users);
      await server.stop();
      return result;
    });

    const { loadRuns, calls, flows, concurrency, users } = options;
    const results = buildReport({
      machine: describeMachine(),
      durationSeconds: (performance.now() - started) / 1000,
      options: { loadRuns, calls, flows, concurrency, users },
      apps: apps.map(({ spec: { kind, label, subject, limitKb, coldLoadTarget }, installed, installMs }) => ({
        ...{ kind, label, subject, limitKb, coldLoadTarget },
        installed,
        installMs,
      })),
      footprint,
      authingMiniapp,
      coldLoad,
      waits,
      perRequest,
      throughput,
      memory,
      v3Flows,
    });
    if (options.outDir) {
      await mkdir(options.outDir, { recursive: true });
      await writeFile(path.join(options.outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
      await writeFile(path.join(options.outDir, 'results.md'), renderMarkdown(results));
    }
    return results;
  } finally {
    await Promise.all(emulators.map((server) => server.stop()));
    for (const dir of [work, tarballDir]) if (dir) await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  runBench().then(
    (results) => {
      console.log(renderText(results));
      const where = DEFAULT_OPTIONS.outDir ? path.relative(process.cwd(), DEFAULT_OPTIONS.outDir) || '.' : null;
      console.error(
        `(${results.durationSeconds.toFixed(0)} s${where ? `; written to ${where}/results.json and ${where}/results.md` : ''})`,
      );
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
