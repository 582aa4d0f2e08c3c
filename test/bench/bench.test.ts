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
import { createSandbox } from '../../build/wx-sandbox';
import { measureAuthingMiniapp, NOT_MEASURED } from '../../bench/authing-miniapp';
import { renderMarkdown, renderText } from '../../bench/render';
import { DEFAULT_OPTIONS } from '../../bench/run';
import { buildReport, ratio, type BenchResults } from '../../bench/report';
import type { MiniappSize } from '../../bench/authing-miniapp';
import type { V3FlowResult, V3Subject } from '../../bench/v3-flows';
import { percentile, summarize } from '../../bench/stats';
import { describeMachine } from '../../bench/machine';
import { sequentialWaits, type AsyncCall } from '../../bench/wx-timeline';

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

  test('构建 npm output loads by package name, as WeChat looks it up; what WeChat lacks fails as on the phone', async () => {
    const app = await mkdtemp(path.join(tmpdir(), 'bench-realm-'));
    const put = async (file: string, code: string) => {
      await mkdir(path.dirname(path.join(app, file)), { recursive: true });
      await writeFile(path.join(app, file), code);
    };
    try {
      await put('miniprogram_npm/dep/index.js', 'module.exports = 40;');
      await put('miniprogram_npm/dep/extra.js', 'module.exports = 1;');
      // A package nested under another's miniprogram_npm wins for that package, as npm nests a second version.
      await put('miniprogram_npm/lib/miniprogram_npm/dep/index.js', 'module.exports = 41;');
      await put('miniprogram_npm/lib/index.js', 'exports.answer = require("dep") + require("dep/extra"); exports.env = typeof process;');
      await put('miniprogram_npm/node/index.js', 'require("util");');
      for (const globals of ['recorded', 'shadowed'] as const) {
        const sandbox = createSandbox({ root: app, wx: {}, globals });
        expect(sandbox.require('./miniprogram_npm/lib/index.js')).toEqual({ answer: 42, env: 'undefined' });
        expect(() => sandbox.require('./miniprogram_npm/node/index.js')).toThrow("module 'util' is not defined, require args is 'util'");
      }
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  });

  test("Authing's @authing/miniapp is measured only from a checkout the caller names, never made up", async () => {
    expect(await measureAuthingMiniapp('')).toEqual({ notMeasured: NOT_MEASURED });
    expect(NOT_MEASURED).toBe('not measured: set BENCH_AUTHING_MINIAPP_SRC to a checkout of Authing/authing-js-sdk');
    const checkout = await mkdtemp(path.join(tmpdir(), 'bench-miniapp-'));
    try {
      expect(await measureAuthingMiniapp(checkout)).toEqual({ error: expect.stringContaining('holds no packages/miniapp/src/index.ts') });
      // A stand-in source with no dependencies: built and minified as the real one would be.
      const pkg = path.join(checkout, 'packages', 'miniapp');
      await mkdir(path.join(pkg, 'src'), { recursive: true });
      await writeFile(path.join(pkg, 'package.json'), JSON.stringify({ name: '@authing/miniapp', version: '9.9.9', dependencies: {} }));
      await writeFile(
        path.join(pkg, 'src', 'index.ts'),
        'export const mode: string = __authing_move_mode__;\ndeclare const __authing_move_mode__: string;\n',
      );
      const measured = await measureAuthingMiniapp(checkout);
      expect(measured).toMatchObject({ version: '9.9.9', installed: [], inputs: 1 });
      expect('minified' in measured && measured.minified > 0 && measured.gzip > 0).toBe(true);
    } finally {
      await rm(checkout, { recursive: true, force: true });
    }
  }, 60_000);

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
      apps: [
        { kind: 'components', label: 'components', subject: 'ours', limitKb: 30, installed: [], installMs: 0 },
        { kind: 'full', label: 'full', subject: 'ours', limitKb: 150, coldLoadTarget: true, installed: [], installMs: 0 },
        { kind: 'v3', label: 'v3', subject: 'ours', installed: [], installMs: 0 },
      ],
      footprint: failed,
      authingMiniapp: { notMeasured: NOT_MEASURED },
      coldLoad: failed,
      waits: failed,
      perRequest: failed,
      throughput: failed,
      memory: failed,
      v3Flows: failed,
    });
    expect(results.targets.map((t) => t.met)).toEqual([null, null, null, null, null, null, null]);
    expect(results.v3).toEqual([]);
    expect(results.sizes).toEqual([expect.objectContaining({ minified: NOT_MEASURED })]);
    expect(renderText(results)).toContain('error: boom');
    expect(renderMarkdown(results)).toContain('| 1 footprint |');
    expect(ratio(1, 4)).toBe('0.25×');
    expect(ratio(1, 0)).toBe('—');
  });
});

describe('figure 7 in the report', () => {
  const flow = (subject: V3Subject, method: string, waits: number, calls: string, unwaited = ''): V3FlowResult => ({
    method,
    subject,
    rotateSessionKey: 'always',
    ok: true,
    waits,
    calls,
    requests: 1,
    logins: calls.startsWith('wx.login') ? 1 : 0,
    unwaited,
  });
  const report = (v3Flows: BenchResults['v3Flows'], authingMiniapp: MiniappSize, v3Js: number) =>
    buildReport({
      machine: describeMachine(new Date(0)),
      durationSeconds: 1,
      options: { loadRuns: 1, calls: 1, flows: 1, concurrency: [1], users: 1 },
      apps: [{ kind: 'v3', label: 'ours: v3 Authing client', subject: 'ours', installed: [], installMs: 0 }],
      footprint: [
        {
          kind: 'v3',
          keptFiles: ['miniprogram_npm/authing-wxapp-sdk/core.js', 'miniprogram_npm/authing-wxapp-sdk/v3.js'],
          kept: { files: 2, raw: v3Js, minified: v3Js, gzip: 1 },
          keptJs: { files: 2, raw: v3Js, minified: v3Js, gzip: 1 },
          all: { files: 2, raw: v3Js, minified: v3Js, gzip: 1 },
          compiled: { error: 'skipped' },
        },
      ],
      authingMiniapp,
      coldLoad: [],
      waits: [],
      perRequest: { error: 'not run' },
      throughput: [],
      memory: { error: 'not run' },
      v3Flows,
    });
  const target = (results: BenchResults, name: string) => results.targets.find((t) => t.name === name)!;

  test("one wait for both WeChat logins is met; Authing's wx.login after the tap shows beside it", () => {
    const results = report(
      {
        authing: 'measured',
        results: [
          flow('ours', 'loginByCode', 1, 'wx.request /api/v3/signin-by-mobile', 'wx.request /api/v3/get-profile'),
          flow('ours', 'loginByPhone', 1, 'wx.request /api/v3/signin-by-mobile'),
          flow('authing', 'loginByCode', 2, 'wx.login → wx.request /api/v3/signin-by-mobile'),
          flow('authing', 'loginByPhone', 2, 'wx.login → wx.request /api/v3/signin-by-mobile'),
        ],
      },
      { version: '5.1.21', installed: [], minified: 20_000, gzip: 4_000, inputs: 1 },
      40_000,
    );
    expect(target(results, '1 wait after the tap for the v3 WeChat logins')).toMatchObject({ met: true });
    expect(results.v3[0]).toMatchObject({
      method: 'loginByCode',
      'ours: waits': '1: wx.request /api/v3/signin-by-mobile',
      'ours: calls': '1 wx.request, 0 wx.login; not waited for: wx.request /api/v3/get-profile',
      'Authing: waits': '2: wx.login → wx.request /api/v3/signin-by-mobile',
    });
    // The size target against the bundle built here: 40 000 bytes is over 20 000.
    expect(target(results, 'v3 app ≤ @authing/miniapp minified')).toMatchObject({
      met: false,
      detail: expect.stringContaining('(core.js + v3.js) vs 19.5 KB (@authing/miniapp 5.1.21, built here)'),
    });
    expect(renderText(results)).toContain('7 v3 flows');
    expect(renderMarkdown(results)).toContain('| loginByCode | 1: wx.request /api/v3/signin-by-mobile |');
  });

  test("a second wait misses the target; without Authing's source its cells say so and the issue's 19.5 KB is the limit", () => {
    const results = report(
      {
        authing: { notMeasured: NOT_MEASURED },
        results: [
          flow('ours', 'loginByCode', 2, 'wx.login → wx.request /api/v3/signin-by-mobile'),
          flow('ours', 'loginByPhone', 1, 'wx.request /api/v3/signin-by-mobile'),
        ],
      },
      { notMeasured: NOT_MEASURED },
      19_000,
    );
    expect(target(results, '1 wait after the tap for the v3 WeChat logins')).toMatchObject({ met: false });
    expect(results.v3.map((r) => r['Authing: waits'])).toEqual([NOT_MEASURED, NOT_MEASURED]);
    expect(target(results, 'v3 app ≤ @authing/miniapp minified')).toMatchObject({
      met: true,
      detail: expect.stringContaining("vs 19.5 KB (the issue's 19.5 KB for @authing/miniapp, not built here: not measured"),
    });
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
            BENCH_AUTHING_MINIAPP_SRC: '',
          },
          // A guard against a hang, not a performance limit: 33 s at load 8 on two cores.
          timeout: 330_000,
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, output, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(output)),
      ),
    );
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as BenchResults;
    for (const figure of ['footprint', 'coldLoad', 'waits', 'perRequest', 'throughput', 'memory', 'v3Flows'] as const) {
      expect({ figure, error: (results[figure] as { error?: string }).error }).toEqual({ figure, error: undefined });
    }
    // Every app installed by npm itself: ours from the packed tarball, the seed with its dependencies deduplicated by npm.
    expect(results.apps.map((app) => app.kind)).toEqual(expect.arrayContaining(['components', 'full', 'anchor']));
    const anchor = results.apps.find((app) => app.kind === 'anchor')!;
    expect(anchor.installed).toEqual(
      expect.arrayContaining(['authing-wxapp-sdk@4.3.22-alpha.7', 'authing-js-sdk@4.15.8', 'wx-axios@0.0.7']),
    );
    expect(results.apps.find((app) => app.kind === 'full')!.installed).toEqual([
      `authing-wxapp-sdk@${(JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}`,
    ]);
    // The size table: each app's kept files (analyseCode), the seed's whole output, and Authing's own SDK, here unmeasured.
    expect(results.sizes.map((r) => r.app)).toEqual([
      ...results.apps.flatMap((app) => [
        `${app.label}, files the app uses`,
        ...(app.subject === 'anchor' ? [`${app.label}, all 构建 npm output`] : []),
      ]),
      'Authing @authing/miniapp (source + deps, esbuild)',
    ]);
    expect(results.sizes.at(-1)!.minified).toBe(NOT_MEASURED);
    expect(stdout).toContain(NOT_MEASURED);
    const kept = (results.footprint as Array<{ kind: string; keptFiles: string[] }>).find((f) => f.kind === 'components')!.keptFiles;
    expect(kept).toContain('miniprogram_npm/authing-wxapp-sdk/core.js');
    expect(kept).not.toContain('miniprogram_npm/authing-wxapp-sdk/index.js');
    const figures = new Set(results.rows.map((r) => r.figure));
    expect(Array.from(figures)).toEqual([
      '1 footprint',
      '2 cold load',
      '3 waits after tap',
      '4 per request',
      '5 emulator',
      '6 emulator',
      '7 v3 flows',
    ]);
    // Figure 7: every method of our v3 client ran against the emulator; Authing's SDK, without its source, is not measured.
    const v3 = new Map(results.v3.map((r) => [r.method, r]));
    expect(v3.get('loginByCode')).toMatchObject({
      'ours: waits': '1: wx.request /api/v3/signin-by-mobile',
      'Authing: waits': NOT_MEASURED,
    });
    expect(v3.get('loginByPassCode')!['ours: waits']).toBe('1: wx.request /api/v3/signin');
    expect(v3.get('getUserInfo')!['ours: calls']).toMatch(/^1 wx\.request, 0 wx\.login/);
    expect(results.v3.filter((r) => r['ours: waits'].startsWith('fails'))).toEqual([]);
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
    expect(results.targets).toHaveLength(7);
    for (const target of results.targets) expect(typeof target.met).toBe('boolean');
    expect(stdout).toContain('ours/anchor');
    expect(stdout).toContain(results.machine.cpu);
    expect(await readFile(path.join(out, 'results.md'), 'utf8')).toContain('## Targets');
  }, 360_000);
});
