/**
 * Turns the figures into the report: a size table (figure 1, every app and Authing's own SDK side
 * by side), then one row per measure (ours, the anchor's, their ratio) with the issue's targets,
 * each met or missed with its margin. Everything measured is kept in the JSON beside the rows, so
 * a reader can check a row against what produced it.
 */
import path from 'node:path';
import type { AppSpec } from './apps';
import type { MiniappSize } from './authing-miniapp';
import type { LoadResult } from './cold-load';
import type { AppFootprint } from './footprint';
import type { Machine } from './machine';
import type { MemoryResult } from './memory';
import type { PerRequestResult } from './per-request';
import { round } from './stats';
import type { ThroughputResult } from './throughput';
import type { V3FlowResult, V3FlowsResult } from './v3-flows';
import type { WaitResult } from './waits';

type Failed = { error: string };
type Maybe<T> = T | Failed;

/** What the report needs to know of each app (bench/apps.ts), and what npm installed in it (name@version). */
export type AppInfo = Pick<AppSpec, 'kind' | 'label' | 'subject' | 'limitKb' | 'coldLoadTarget'> & {
  installed: string[];
  installMs: number;
};

export interface ReportInput {
  machine: Machine;
  durationSeconds: number;
  options: { loadRuns: number; calls: number; flows: number; concurrency: number[]; users: number };
  apps: AppInfo[];
  footprint: Maybe<AppFootprint[]>;
  authingMiniapp: MiniappSize;
  coldLoad: Maybe<LoadResult[]>;
  waits: Maybe<WaitResult[]>;
  perRequest: Maybe<PerRequestResult[]>;
  throughput: Maybe<ThroughputResult[]>;
  memory: Maybe<MemoryResult>;
  v3Flows: Maybe<V3FlowsResult>;
}

export const ROW_COLUMNS = ['figure', 'measure', 'ours', 'anchor', 'ratio', 'target', 'verdict'] as const;
export type Row = Record<(typeof ROW_COLUMNS)[number], string>;
export const SIZE_COLUMNS = ['app', 'files', 'raw', 'minified', 'JS minified', 'gzip', 'compiled (ES5)'] as const;
export type SizeRow = Record<(typeof SIZE_COLUMNS)[number], string>;

export const V3_COLUMNS = ['method', 'ours: waits', 'ours: calls', 'Authing: waits', 'Authing: calls', 'note'] as const;
export type V3Row = Record<(typeof V3_COLUMNS)[number], string>;

/** The size the issue gives for @authing/miniapp, used when the bench could not build it. */
export const ISSUE_MINIAPP_KB = 19.5;

export interface Target {
  name: string;
  met: boolean | null;
  /** e.g. "121.5 KB: 28.5 KB under the 150 KB limit". */
  detail: string;
}

export interface BenchResults extends ReportInput {
  sizes: SizeRow[];
  /** Figure 7, one row per method (empty when the figure failed: its error is in `rows`). */
  v3: V3Row[];
  rows: Row[];
  targets: Target[];
}

const KB = 1024;
export const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;
export const mb = (bytes: number): string => `${(bytes / KB / KB).toFixed(1)} MB`;
export const ms = (value: number, digits = 2): string => `${value.toFixed(digits)} ms`;

function failed<T>(value: Maybe<T>): value is Failed {
  return typeof value === 'object' && value !== null && 'error' in value && typeof (value as Failed).error === 'string';
}

export function ratio(ours: number | null | undefined, anchor: number | null | undefined): string {
  if (ours == null || anchor == null || !Number.isFinite(ours) || !Number.isFinite(anchor) || anchor === 0) return '—';
  return `${(ours / anchor).toFixed(2)}×`;
}

type Num = number | null;

/** A target's text and verdict for its row; the target itself goes to the Targets list. */
interface Judged {
  target: string;
  verdict: string;
}

function verdictText(met: boolean | null, margin: string): string {
  return met === null ? `n/a (${margin})` : met ? `met (${margin})` : `MISSED (${margin})`;
}

class Report {
  readonly rows: Row[] = [];
  readonly targets: Target[] = [];

  text(figure: string, measure: string, ours: string, anchor: string, ratioText = '—', judged?: Judged): void {
    this.rows.push({ figure, measure, ours, anchor, ratio: ratioText, target: judged?.target ?? '', verdict: judged?.verdict ?? '' });
  }

  /** Ours beside the anchor's (null: not measured), each formatted, with their ratio. */
  compare(figure: string, measure: string, ours: Num, anchor: Num, format: (v: number) => string, judged?: Judged): void {
    const show = (value: Num) => (value === null ? '—' : format(value));
    this.text(figure, measure, show(ours), show(anchor), ratio(ours, anchor), judged);
  }

  /** A target met or missed (null: could not be measured) by `margin`. */
  judge(name: string, limit: string, met: boolean | null, margin: string, detail: string): Judged {
    this.targets.push({ name, met, detail });
    return { target: limit, verdict: verdictText(met, margin) };
  }

  /** A figure that failed: its error in place of its rows, its targets not measured. */
  failure(figure: string, error: string, names: string[]): void {
    this.text(figure, figure.replace(/^\d+ /, ''), `error: ${error}`, '');
    for (const name of names) this.targets.push({ name, met: null, detail: error });
  }
}

function sizeTable(input: ReportInput): SizeRow[] {
  const sizes: SizeRow[] = [];
  const line = (app: string, b: AppFootprint['kept'], js: string, compiled: string): SizeRow => ({
    app,
    files: String(b.files),
    raw: kb(b.raw),
    minified: kb(b.minified),
    'JS minified': js,
    gzip: kb(b.gzip),
    'compiled (ES5)': compiled,
  });
  for (const f of failed(input.footprint) ? [] : input.footprint) {
    const app = appOf(input, f.kind);
    const compiled = 'bytes' in f.compiled ? kb(f.compiled.bytes) : `n/a (${f.compiled.error})`;
    sizes.push(line(`${app.label}, files the app uses`, f.kept, kb(f.keptJs.minified), compiled));
    if (app.subject === 'anchor') sizes.push(line(`${app.label}, all 构建 npm output`, f.all, '—', '—'));
  }
  // Authing's own SDK is one bundle built from its source (bench/authing-miniapp.ts): no 构建 npm, no upload compile.
  const m = input.authingMiniapp;
  const app = `Authing @authing/miniapp${'version' in m ? ` ${m.version}` : ''} (source + deps, esbuild)`;
  const row = line(app, { files: 1, raw: 0, minified: 0, gzip: 0 }, '', '—');
  if ('version' in m) {
    sizes.push({ ...row, raw: '—', minified: kb(m.minified), 'JS minified': kb(m.minified), gzip: kb(m.gzip) });
    const rsa = m.withRsa;
    if (rsa) {
      const app = `Authing @authing/miniapp ${m.version} + @authing/miniapp-jsencrypt (its RSA password sign-in)`;
      sizes.push({
        ...line(app, { files: 1, raw: 0, minified: 0, gzip: 0 }, '', '—'),
        raw: '—',
        minified: kb(rsa.minified),
        'JS minified': kb(rsa.minified),
        gzip: kb(rsa.gzip),
      });
    }
  } else
    sizes.push({
      ...row,
      files: '',
      raw: '',
      minified: 'notMeasured' in m ? m.notMeasured : `error: ${m.error}`,
      gzip: '',
      'compiled (ES5)': '',
    });
  return sizes;
}

const appOf = (input: ReportInput, kind: string): AppInfo => input.apps.find((a) => a.kind === kind)!;

function footprintRows(input: ReportInput, report: Report): void {
  const F = '1 footprint';
  const name = (app: AppInfo): string => `${app.label} ≤ ${app.limitKb} KB minified`;
  if (failed(input.footprint)) {
    const v3 = input.apps.some((a) => a.kind === 'v3') ? [V3_SIZE] : [];
    return report.failure(F, input.footprint.error, [...input.apps.filter((a) => a.limitKb).map(name), ...v3]);
  }
  const anchor = input.footprint.find((f) => appOf(input, f.kind).subject === 'anchor');
  for (const f of input.footprint) {
    const app = appOf(input, f.kind);
    if (app.subject === 'anchor') continue;
    const bytes = f.kept.minified;
    const limit = (app.limitKb ?? 0) * KB;
    const margin = bytes <= limit ? `${kb(limit - bytes)} under` : `${kb(bytes - limit)} over`;
    const judged = app.limitKb
      ? report.judge(name(app), `≤ ${app.limitKb} KB`, bytes <= limit, margin, `${kb(bytes)}: ${margin} the ${app.limitKb} KB limit`)
      : undefined;
    report.compare(F, `${app.label}, minified (anchor: all 构建 npm output)`, bytes, anchor?.all.minified ?? null, kb, judged);
  }
  v3SizeRow(input, report);
}

const V3_SIZE = 'v3 app ≤ @authing/miniapp minified';

/** Ours: the v3 app's kept JS (core.js + v3.js); theirs: its bundle, or the issue's 19.5 KB when not built. */
function v3SizeRow(input: ReportInput, report: Report): void {
  const F = '1 footprint';
  const v3 = failed(input.footprint) ? undefined : input.footprint.find((f) => f.kind === 'v3');
  if (!v3) return void report.targets.push({ name: V3_SIZE, met: null, detail: 'no v3 app measured' });
  const m = input.authingMiniapp;
  const limit = 'version' in m ? m.minified : ISSUE_MINIAPP_KB * KB;
  const source =
    'version' in m
      ? `@authing/miniapp ${m.version}, built here`
      : `the issue's ${ISSUE_MINIAPP_KB} KB for @authing/miniapp, not built here: ${'notMeasured' in m ? m.notMeasured : m.error}`;
  const bytes = v3.keptJs.minified;
  const files = v3.keptFiles
    .filter((file) => file.endsWith('.js'))
    .map((file) => path.basename(file))
    .join(' + ');
  const margin = bytes <= limit ? `${kb(limit - bytes)} under` : `${kb(bytes - limit)} over`;
  const judged = report.judge(V3_SIZE, `≤ ${kb(limit)}`, bytes <= limit, margin, `${kb(bytes)} (${files}) vs ${kb(limit)} (${source})`);
  report.text(F, `v3 app's JS (${files}) vs ${source}`, kb(bytes), '—', ratio(bytes, limit), judged);
  // Like for like: ours encrypts passwords with RSA built in; Authing's needs its RSA package beside it for that.
  if ('version' in m && m.withRsa) {
    report.text(
      F,
      `v3 app's JS vs @authing/miniapp + @authing/miniapp-jsencrypt (RSA password sign-in)`,
      kb(bytes),
      kb(m.withRsa.minified),
      ratio(bytes, m.withRsa.minified),
    );
  }
}

function coldLoadRows(input: ReportInput, report: Report): void {
  const F = '2 cold load';
  const NAME = 'cold load ≤ 1/4 of the anchor, no browser or Node global';
  if (failed(input.coldLoad)) return report.failure(F, input.coldLoad.error, [NAME]);
  const anchor = input.coldLoad.find((r) => appOf(input, r.kind).subject === 'anchor');
  const ours = input.coldLoad.filter((r) => appOf(input, r.kind).subject === 'ours');
  const timed = (r: LoadResult | undefined, key: 'median' | 'p95'): number | null => (r && !r.error ? r.loadMs[key] : null);
  const globals = (list: LoadResult[]) => Array.from(new Set(list.flatMap((r) => [...r.foreignOnLoad, ...r.foreignOnConstruct]))).sort();
  const touched = globals(ours).join(', ');
  const anchorMedian = timed(anchor, 'median');
  for (const r of ours.filter((result) => !result.error)) {
    const app = appOf(input, r.kind);
    let judged: Judged | undefined;
    if (app.coldLoadTarget) {
      const limit = anchorMedian === null ? null : anchorMedian / 4;
      const fast = limit !== null && r.loadMs.median <= limit;
      const margin =
        limit === null ? 'anchor not timed' : fast ? `${ms(limit - r.loadMs.median)} under ¼` : `${ms(r.loadMs.median - limit)} over ¼`;
      const detail = `${ms(r.loadMs.median)} vs ${anchorMedian === null ? 'n/a' : ms(anchorMedian)}: ${ratio(r.loadMs.median, anchorMedian)} of the anchor's median, limit 0.25×; non-WeChat globals: ${touched || 'none'}`;
      judged = report.judge(NAME, '≤ 0.25×', limit === null ? null : fast && !touched, margin, detail);
    }
    report.compare(F, `${app.label} (${r.entry}), median of ${r.loadMs.runs} realms`, r.loadMs.median, anchorMedian, ms, judged);
    report.compare(F, `${app.label}, p95`, r.loadMs.p95, timed(anchor, 'p95'), ms);
  }
  // Part of the cold-load target above, with a row of its own.
  const clean = { target: 'none', verdict: verdictText(!touched, touched || 'none touched') };
  report.text(
    F,
    'non-WeChat globals touched (load + construct)',
    touched || 'none',
    anchor ? globals([anchor]).join(', ') || 'none' : '—',
    '—',
    clean,
  );
  const loads = (list: LoadResult[]) =>
    list
      .map((r) => (r.error ? `${r.kind}: no: ${r.error}` : ''))
      .filter(Boolean)
      .join('; ') || 'yes';
  report.text(F, 'loads in the strict WeChat realm', loads(ours), anchor ? loads([anchor]) : '—');
}

function waitRows(input: ReportInput['waits'], report: Report): void {
  const F = '3 waits after tap';
  const NAME = '1 wait after the tap for phone login';
  if (failed(input)) return report.failure(F, input.error, [NAME]);
  const find = (subject: string, flow: string, rotation: string, SDKVersion?: string) =>
    input.find(
      (r) => r.subject === subject && r.flow === flow && r.rotateSessionKey === rotation && (!SDKVersion || r.SDKVersion === SDKVersion),
    );
  const text = (r: WaitResult | undefined) => (!r ? 'not run' : r.ok ? `${r.waits}` : `fails${r.error ? `: ${r.error}` : ''}`);
  const count = (r: WaitResult | undefined) => (r && r.ok ? r.waits : null);
  const anchorPhone = find('anchor', 'phone login', 'never');
  const phone = [
    ['3.4.0', 'phone code'],
    ['2.21.1', 'encryptedData'],
  ].map(([version, how]) => ({ version, how, result: find('ours', 'phone login', 'always', version) }));
  const counts = phone.map((p) => count(p.result));
  const worst = counts.includes(null) ? null : Math.max(...(counts as number[]));
  const margin = worst === null ? 'flow failed' : worst <= 1 ? `${worst} wait` : `${worst - 1} too many`;
  const detail = `ours ${phone.map((p) => `${text(p.result)} (${p.how})`).join(' / ')}, anchor ${text(anchorPhone)}`;
  const judged = report.judge(NAME, '1', worst !== null && worst <= 1, margin, detail);
  for (const p of phone) {
    report.text(
      F,
      `phone login, base library ${p.version} (${p.how})`,
      text(p.result),
      text(anchorPhone),
      ratio(count(p.result), count(anchorPhone)),
      judged,
    );
  }
  const rotated = find('anchor', 'phone login', 'always');
  const works = phone.every((p) => p.result?.ok) ? 'works' : 'fails';
  report.text(
    F,
    "phone login, WeChat rotating session_key ('always')",
    works,
    !rotated ? 'not run' : rotated.ok ? 'works' : `fails: ${rotated.error}`,
  );
  const [oursSilent, anchorSilent] = [find('ours', 'silent login', 'always'), find('anchor', 'silent login', 'never')];
  report.text(
    F,
    'silent login (login button / wx.login + loginByCode)',
    text(oursSilent),
    text(anchorSilent),
    ratio(count(oursSilent), count(anchorSilent)),
  );
}

function perRequestRows(input: ReportInput['perRequest'], report: Report): void {
  const F = '4 per request';
  const NAME = '0 storage reads per request';
  if (failed(input)) return report.failure(F, input.error, [NAME]);
  const ours = input.find((r) => r.subject === 'ours')!;
  const anchor = input.find((r) => r.subject === 'anchor')!;
  const n = (value: number) => `${round(value, 3)}`;
  const reads = (r: PerRequestResult) => r.storage.syncReads + r.storage.asyncReads;
  const margin = reads(ours) === 0 ? 'none' : `${n(reads(ours))} per request`;
  const judged = report.judge(
    NAME,
    '0',
    reads(ours) === 0,
    margin,
    `ours ${n(reads(ours))}, anchor ${n(reads(anchor))} over ${ours.calls} calls`,
  );
  const measures: Array<[string, (r: PerRequestResult) => number, (v: number) => string, Judged?]> = [
    [`storage reads / request (sync + async, ${ours.calls} calls)`, reads, n, judged],
    ['storage writes / request (sync + async)', (r) => r.storage.syncWrites + r.storage.asyncWrites, n],
    ['wx.request calls / SDK call', (r) => r.requestsPerCall, n],
    ['SDK CPU / request (wx.request answered in-process)', (r) => r.cpuMs.sdk, (v) => ms(v, 3)],
    ['process CPU / request vs emulator (SDK + simulated wx.request)', (r) => r.cpuMs.process, (v) => ms(v, 3)],
    ['wall time / request (loopback emulator)', (r) => r.wallMs, (v) => ms(v)],
  ];
  for (const [measure, value, format, judgedRow] of measures) report.compare(F, measure, value(ours), value(anchor), format, judgedRow);
}

function emulatorRows(input: ReportInput, report: Report): void {
  const { throughput, memory } = input;
  const problems = (r: { errors: number; firstError?: string; stoppedAtLimit: boolean }) =>
    `${r.errors ? `, ${r.errors} errors (${r.firstError})` : ''}${r.stoppedAtLimit ? ', stopped at the time limit' : ''}`;
  if (failed(throughput)) report.failure('5 emulator', throughput.error, []);
  else
    for (const t of throughput) {
      const text = `${t.loginsPerSecond.toFixed(0)}/s, p50 ${ms(t.p50Ms, 1)}, p95 ${ms(t.p95Ms, 1)}${problems(t)}`;
      report.text('5 emulator', `loginByCode flows, concurrency ${t.concurrency} (${t.flows} flows)`, text, '—');
    }
  if (failed(memory)) return report.failure('6 emulator', memory.error, []);
  const grown = `${mb(memory.rssAfterBytes)} (+${mb(memory.rssAfterBytes - memory.rssBeforeBytes)})${problems(memory)}`;
  report.text('6 emulator', 'RSS, fresh emulator (after warm-up and reset)', mb(memory.rssBeforeBytes), '—');
  report.text(
    '6 emulator',
    `RSS after ${memory.users} new users (${memory.usersStored} stored, ${memory.seconds.toFixed(1)} s)`,
    grown,
    '—',
  );
}

const V3_LOGINS = ['loginByCode', 'loginByPhone'];
const V3_WAIT = '1 wait after the tap for the v3 WeChat logins';

/** A method's waits, the calls waited for, and what it sent in all. */
function v3Cells(r: V3FlowResult | undefined, notRun: string): [string, string] {
  if (!r) return [notRun, ''];
  if (!r.ok) return [`fails: ${r.error ?? ''}`, r.calls];
  const unwaited = r.unwaited ? `; not waited for: ${r.unwaited}` : '';
  return [`${r.waits}: ${r.calls || 'none'}`, `${r.requests} wx.request, ${r.logins} wx.login${unwaited}`];
}

/** Figure 7's table, and its target row in the main table. */
function v3Flows(input: ReportInput['v3Flows'], report: Report): V3Row[] {
  const F = '7 v3 flows';
  if (failed(input)) {
    report.failure(F, input.error, [V3_WAIT]);
    return [];
  }
  const authingNotRun =
    input.authing === 'measured' ? 'not run' : 'notMeasured' in input.authing ? input.authing.notMeasured : `error: ${input.authing.error}`;
  const find = (subject: string, method: string) => input.results.find((r) => r.subject === subject && r.method === method);
  const rows = input.results
    .filter((r) => r.subject === 'ours')
    .map((ours): V3Row => {
      const [oursWaits, oursCalls] = v3Cells(ours, 'not run');
      const [authingWaits, authingCalls] = v3Cells(find('authing', ours.method), authingNotRun);
      const note = ours.note ?? '';
      return {
        method: ours.method,
        'ours: waits': oursWaits,
        'ours: calls': oursCalls,
        'Authing: waits': authingWaits,
        'Authing: calls': authingCalls,
        note,
      };
    });
  const waits = (subject: string) => V3_LOGINS.map((method) => find(subject, method)).map((r) => (r?.ok ? r.waits : null));
  const counts = waits('ours');
  const worst = counts.includes(null) ? null : Math.max(...(counts as number[]));
  const shown = (list: Array<number | null>) => list.map((n) => (n === null ? '—' : String(n))).join(' / ');
  const theirs = input.authing === 'measured' ? shown(waits('authing')) : authingNotRun;
  const margin = worst === null ? 'a login failed' : worst <= 1 ? `${worst} wait` : `${worst - 1} too many`;
  const calls = (subject: string) => V3_LOGINS.map((method) => `${method} ${v3Cells(find(subject, method), authingNotRun)[0]}`).join('; ');
  const detail = `ours: ${calls('ours')}. @authing/miniapp: ${input.authing === 'measured' ? calls('authing') : authingNotRun}`;
  const judged = report.judge(V3_WAIT, '1', worst !== null && worst <= 1, margin, detail);
  report.text(F, `waits after the tap, ${V3_LOGINS.join(' / ')} (@authing/miniapp: ${theirs})`, shown(counts), '—', '—', judged);
  return rows;
}

export function buildReport(input: ReportInput): BenchResults {
  const report = new Report();
  footprintRows(input, report);
  coldLoadRows(input, report);
  waitRows(input.waits, report);
  perRequestRows(input.perRequest, report);
  emulatorRows(input, report);
  const v3 = v3Flows(input.v3Flows, report);
  return { ...input, sizes: sizeTable(input), v3, rows: report.rows, targets: report.targets };
}
