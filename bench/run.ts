/**
 * `npm run bench`: this SDK against the seed SDK it replaces (authing-wxapp-sdk 4.3.22-alpha.7,
 * installed as authing-wxapp-sdk-seed), on five figures:
 *   1 footprint after 构建 npm   2 cold load in a WeChat-like realm   3 waits after the tap
 *   4 per-request overhead       5 emulator throughput and latency   6 emulator memory
 * Prints a table (ours, the anchor's, their ratio, each target met or missed); writes results.json
 * and results.md only into the folder BENCH_OUT names (results are never committed).
 * Timings are reported, never asserted: they depend on
 * the machine, which the report names.
 *
 * Environment knobs (defaults are the issue's): BENCH_LOAD_RUNS (30), BENCH_CALLS (200),
 * BENCH_FLOWS (2000), BENCH_CONCURRENCY (1,8,32,128), BENCH_USERS (10000: new users before the
 * emulator's memory is read), BENCH_SKIP_COMPILE=1 (no getCompiledResult:
 * saves ~30 s), BENCH_OUT (folder for results.json / results.md; unset: nothing written).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { constructClient, getCoreClient, measureColdLoad, type LoadResult, type LoadSubject } from './cold-load';
import { IN_MEMORY_ARGS, startEmulatorProcess, type EmulatorProcess } from '../test/support/emulator-process';
import { compiledSize, measureFootprint, type AppFootprint } from './footprint';
import { describeMachine } from './machine';
import { buildOurPackage, makeWorkDir } from './our-build';
import { ENTRY, packApps, type PackedApp } from './packed-apps';
import { measurePerRequest, type PerRequestResult } from './per-request';
import { buildReport, type BenchResults } from './report';
import { renderMarkdown, renderText } from './render';
import { measureMemory } from './memory';
import { measureThroughput, type ThroughputResult } from './throughput';
import { measureWaits, type WaitResult } from './waits';

const numberFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
};

export interface BenchOptions {
  loadRuns: number;
  calls: number;
  flows: number;
  concurrency: number[];
  /** New users created before the emulator's memory is read. */
  users: number;
  compile: boolean;
  /** Where results.json / results.md go; null: not written. */
  outDir: string | null;
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  loadRuns: numberFromEnv('BENCH_LOAD_RUNS', 30),
  calls: numberFromEnv('BENCH_CALLS', 200),
  flows: numberFromEnv('BENCH_FLOWS', 2000),
  concurrency: (process.env.BENCH_CONCURRENCY ?? '1,8,32,128')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0),
  users: numberFromEnv('BENCH_USERS', 10_000),
  compile: process.env.BENCH_SKIP_COMPILE !== '1',
  outDir: process.env.BENCH_OUT ? path.resolve(process.env.BENCH_OUT) : null,
  log: (line) => console.error(line),
};

/** An in-memory emulator whose WeChat side does (always) or does not (never) rotate the session_key on each wx.login. */
const startEmulator = (rotation: 'always' | 'never'): Promise<EmulatorProcess> =>
  startEmulatorProcess([...IN_MEMORY_ARGS, '--rotate-session-key', rotation]);

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

function loadSubjects(apps: Record<'components' | 'full' | 'anchor', PackedApp>): LoadSubject[] {
  return [
    { label: 'ours: core.js (components)', root: apps.components.linked.root, entry: ENTRY.core, construct: getCoreClient },
    { label: 'ours: index.js (full client)', root: apps.full.linked.root, entry: ENTRY.full, construct: constructClient },
    {
      label: 'anchor: index.js',
      root: apps.anchor.linked.root,
      entry: ENTRY.anchor,
      leniency: apps.anchor.leniency,
      construct: constructClient,
    },
  ];
}

export async function runBench(options: BenchOptions = DEFAULT_OPTIONS): Promise<BenchResults> {
  const { log } = options;
  const started = performance.now();
  const machine = describeMachine();
  const work = await makeWorkDir();
  const emulators: EmulatorProcess[] = [];
  try {
    log(`· building this checkout and the tiny apps in ${work} …`);
    const ours = await buildOurPackage(work);
    const apps = await packApps(work, ours);
    log(
      `  构建 npm: ${Object.values(apps)
        .map((app) => `${app.kind} ${(app.packMs / 1000).toFixed(1)} s`)
        .join(', ')}`,
    );

    const footprint = await figure('1 footprint', log, async () => {
      // getCompiledResult takes seconds per app, in child processes: all three at once.
      const skipped = Promise.resolve({ error: 'skipped (BENCH_SKIP_COMPILE=1)' });
      const kinds = ['components', 'full', 'anchor'] as const;
      const compiled = await Promise.all(kinds.map((kind) => (options.compile ? compiledSize(apps[kind].dir) : skipped)));
      const sizes = {} as Record<(typeof kinds)[number], AppFootprint>;
      kinds.forEach((kind, index) => (sizes[kind] = measureFootprint(apps[kind].dir, compiled[index])));
      return sizes;
    });

    const coldLoad = await figure('2 cold load', log, async () => ({
      results: measureColdLoad(loadSubjects(apps), options.loadRuns) as LoadResult[],
      anchorStrictError: apps.anchor.strictError,
      anchorLeniency: apps.anchor.leniency,
    }));

    const [rotating, stable] = await Promise.all([startEmulator('always'), startEmulator('never')]);
    emulators.push(rotating, stable);

    const waits = await figure(
      '3 waits after the tap',
      log,
      () => measureWaits(ours.dist, apps.anchor, { rotating, stable }) as Promise<WaitResult[]>,
    );

    const perRequest = await figure('4 per-request overhead', log, async () => {
      const results: PerRequestResult[] = [];
      results.push(await measurePerRequest('ours', apps.full, rotating, options.calls));
      results.push(await measurePerRequest('anchor', apps.anchor, rotating, options.calls));
      return results;
    });
    await Promise.all([rotating.stop(), stable.stop()]);

    const throughput = await figure('5 emulator throughput', log, async () => {
      const emulator = await startEmulator('always');
      emulators.push(emulator);
      const results: ThroughputResult[] = [];
      for (const concurrency of options.concurrency) {
        await emulator.reset();
        results.push(await measureThroughput(emulator, concurrency, options.flows));
      }
      await emulator.stop();
      return results;
    });

    const memory = await figure('6 emulator memory', log, async () => {
      const emulator = await startEmulator('always');
      emulators.push(emulator);
      const result = await measureMemory(emulator, options.users);
      await emulator.stop();
      return result;
    });

    const results = buildReport({
      machine,
      durationSeconds: (performance.now() - started) / 1000,
      options: {
        loadRuns: options.loadRuns,
        calls: options.calls,
        flows: options.flows,
        concurrency: options.concurrency,
        users: options.users,
      },
      apps: {
        components: { pack: apps.components.pack, packMs: apps.components.packMs },
        full: { pack: apps.full.pack, packMs: apps.full.packMs },
        anchor: { pack: apps.anchor.pack, packMs: apps.anchor.packMs, installed: apps.anchor.installed },
      },
      footprint,
      coldLoad,
      waits,
      perRequest,
      throughput,
      memory,
    });
    if (options.outDir) {
      await mkdir(options.outDir, { recursive: true });
      await writeFile(path.join(options.outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
      await writeFile(path.join(options.outDir, 'results.md'), renderMarkdown(results));
    }
    return results;
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.stop()));
    await rm(work, { recursive: true, force: true });
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
