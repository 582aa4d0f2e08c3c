/**
 * Smoke test of bench/: the pure pieces on tiny inputs in-process, and the whole `npm run bench`
 * once in a child process with the smallest counts (1 realm, 2 calls, 3 flows, no compile), as
 * it runs for users: outside jest's module registry, which miniprogram-simulate's re-requires and
 * the bench's fresh-module loads do not survive. Timings are never asserted; only that every
 * figure produced its rows.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { layOutPackage, satisfies } from '../../bench/npm-layout';
import { findLeniency, loadInRealm, loadOnlyWx } from '../../bench/npm-realm';
import { renderMarkdown, renderText } from '../../bench/render';
import { DEFAULT_OPTIONS } from '../../bench/run';
import { buildReport, ratio, type BenchResults } from '../../bench/report';
import { percentile, summarize } from '../../bench/stats';
import { describeMachine } from '../../bench/machine';
import { sequentialWaits, type AsyncCall } from '../../bench/wx-timeline';
import { ANCHOR_SOURCE, PACKAGE_NAME } from '../../bench/tiny-apps';

const ROOT = path.resolve(__dirname, '..', '..');

describe('bench building blocks', () => {
  test('nearest-rank percentiles report observed samples', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(summarize([2, 1]).median).toBe(1);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  test('sequential waits: overlapping calls count once, a chain counts each link', () => {
    const call = (start: number, end: number): AsyncCall => ({ kind: 'wx.request', target: '/x', start, end });
    expect(sequentialWaits([])).toBe(0);
    expect(sequentialWaits([call(0, 10)])).toBe(1);
    expect(sequentialWaits([call(0, 10), call(10, 20)])).toBe(2);
    expect(sequentialWaits([call(0, 10), call(5, 15)])).toBe(1);
    expect(sequentialWaits([call(0, 10), call(2, 4), call(4, 6), call(11, 12)])).toBe(3);
  });

  test('npm ranges as the seed closure uses them', () => {
    expect(satisfies('1.5.10', '1.5.10')).toBe(true);
    expect(satisfies('1.16.3', '1.5.10')).toBe(false);
    expect(satisfies('1.5.10', '^1.4.1')).toBe(true);
    expect(satisfies('3.5.4', '^3.0.0-rc.1')).toBe(true);
    expect(satisfies('0.19.2', '^0.19.2')).toBe(true);
    expect(satisfies('0.20.0', '^0.19.2')).toBe(false);
    expect(satisfies('3.1.0', '=3.1.0')).toBe(true);
  });

  test("the seed SDK's closure lays out flat, as a fresh npm install would", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-layout-'));
    try {
      const placed = layOutPackage(ANCHOR_SOURCE, dir, PACKAGE_NAME);
      const names = placed.map((p) => p.name);
      expect(names[0]).toBe(PACKAGE_NAME);
      expect(names).toEqual(expect.arrayContaining(['authing-js-sdk', 'wx-axios', 'axios', 'jwt-decode']));
      expect(placed.find((p) => p.name === 'authing-js-sdk')).toMatchObject({
        version: '4.15.8',
        location: path.join('node_modules', 'authing-js-sdk'),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('packNpm output loads by package name; what WeChat lacks fails strictly, then gets stubbed', async () => {
    const app = await mkdtemp(path.join(tmpdir(), 'bench-realm-'));
    try {
      await mkdir(path.join(app, 'miniprogram_npm', 'lib'), { recursive: true });
      await mkdir(path.join(app, 'miniprogram_npm', 'dep'), { recursive: true });
      await writeFile(path.join(app, 'miniprogram_npm', 'dep', 'index.js'), 'module.exports = 41;');
      await writeFile(
        path.join(app, 'miniprogram_npm', 'lib', 'index.js'),
        'var util = require("util"); var dep = require("dep"); exports.answer = dep + (typeof Buffer.from === "function" ? 1 : 0);',
      );
      const found = findLeniency(app, path.join(app, 'linked'), './miniprogram_npm/lib/index.js');
      expect(found.strictError).toMatch(/module 'util' is not defined/);
      expect(found.leniency).toEqual({ modules: ['util'], globals: ['Buffer'] });
      const { exports, sandbox } = loadInRealm<{ answer: number }>(
        found.linked.root,
        './miniprogram_npm/lib/index.js',
        loadOnlyWx(),
        found.leniency,
      );
      expect(exports.answer).toBe(42);
      expect(Array.from(sandbox.foreignGlobals)).toEqual(['Buffer']);
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  });

  test('results are written only where BENCH_OUT says: by default the table is printed and nothing lands in the tree', () => {
    expect(process.env.BENCH_OUT).toBeUndefined();
    expect(DEFAULT_OPTIONS.outDir).toBeNull();
  });

  test('a report with failed figures still renders, and says so', () => {
    const failed = { error: 'boom' };
    const results = buildReport({
      machine: describeMachine(new Date(0)),
      durationSeconds: 1,
      options: { loadRuns: 1, calls: 1, flows: 1, concurrency: [1], users: 1 },
      apps: {},
      footprint: failed,
      coldLoad: failed,
      waits: failed,
      perRequest: failed,
      throughput: failed,
      memory: failed,
    });
    expect(results.targets.map((t) => t.met)).toEqual([null, null, null, null, null]);
    expect(renderText(results)).toContain('error: boom');
    expect(renderMarkdown(results)).toContain('| 1 footprint |');
    expect(ratio(1, 4)).toBe('0.25×');
    expect(ratio(1, 0)).toBe('—');
  });
});

describe('npm run bench, smallest counts', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'bench-smoke-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  test('every figure produces its rows, the JSON and the Markdown', async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['-r', 'esbuild-register', path.join(ROOT, 'bench', 'run.ts')],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            BENCH_LOAD_RUNS: '1',
            BENCH_CALLS: '2',
            BENCH_FLOWS: '3',
            BENCH_CONCURRENCY: '1,2',
            BENCH_USERS: '4',
            BENCH_SKIP_COMPILE: '1',
            BENCH_OUT: out,
          },
          // A guard against a hang, not a performance limit: 33 s at load 8 on two cores.
          timeout: 330_000,
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, output, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(output)),
      ),
    );
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BenchResults;
    for (const figure of ['footprint', 'coldLoad', 'waits', 'perRequest', 'throughput', 'memory'] as const) {
      expect({ figure, error: (results[figure] as { error?: string }).error }).toEqual({ figure, error: undefined });
    }
    const figures = new Set(results.rows.map((r) => r.figure));
    expect(Array.from(figures)).toEqual(['1 footprint', '2 cold load', '3 waits after tap', '4 per request', '5 emulator', '6 emulator']);
    // Figure 5 at each concurrency (p50 and p95), figure 6 the emulator's RSS after the new users, all of them stored.
    expect(results.throughput).toEqual([
      expect.objectContaining({ concurrency: 1, completed: 3, errors: 0, stoppedAtLimit: false }),
      expect.objectContaining({ concurrency: 2, completed: 3, errors: 0, stoppedAtLimit: false }),
    ]);
    expect(results.rows.filter((r) => r.figure === '5 emulator').map((r) => r.ours)).toEqual([
      expect.stringMatching(/^\d+\/s, p50 [\d.]+ ms, p95 [\d.]+ ms$/),
      expect.stringMatching(/^\d+\/s, p50 [\d.]+ ms, p95 [\d.]+ ms$/),
    ]);
    expect(results.memory).toMatchObject({ users: 4, usersStored: 4, errors: 0 });
    expect(stdout).toMatch(/RSS after 4 new users \(4 stored/);
    expect(results.targets).toHaveLength(5);
    for (const target of results.targets) expect(typeof target.met).toBe('boolean');
    expect(stdout).toContain('ours/anchor');
    expect(stdout).toContain(results.machine.cpu);
    expect(await readFile(path.join(out, 'results.md'), 'utf8')).toContain('## Targets');
  }, 360_000);
});
