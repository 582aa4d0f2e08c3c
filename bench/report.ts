/**
 * Turns the figures into the report: a size table (figure 1, every app and Authing's own SDK side
 * by side), then one row per measure (ours, the anchor's, their ratio) with the issue's targets,
 * each met or missed with its margin. Everything measured is kept in the JSON beside the rows, so
 * a reader can check a row against what produced it.
 */
import type { MiniappSize } from './authing-miniapp';
import type { LoadResult } from './cold-load';
import type { AppFootprint } from './footprint';
import type { Machine } from './machine';
import type { MemoryResult } from './memory';
import type { PerRequestResult } from './per-request';
import { round } from './stats';
import type { ThroughputResult } from './throughput';
import type { WaitResult } from './waits';

type Failed = { error: string };
type Maybe<T> = T | Failed;

/** What the report needs to know of each app (bench/apps.ts). */
export interface AppInfo {
  kind: string;
  label: string;
  subject: 'ours' | 'anchor';
  limitKb?: number;
  coldLoadTarget?: boolean;
  /** What npm installed, name@version. */
  installed: string[];
  installMs: number;
}

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
}

export const ROW_COLUMNS = ['figure', 'measure', 'ours', 'anchor', 'ratio', 'target', 'verdict'] as const;
export type Row = Record<(typeof ROW_COLUMNS)[number], string>;
export const SIZE_COLUMNS = ['app', 'files', 'raw', 'minified', 'JS minified', 'gzip', 'compiled (ES5)'] as const;
export type SizeRow = Record<(typeof SIZE_COLUMNS)[number], string>;

export interface Target {
  name: string;
  met: boolean | null;
  /** e.g. "121.5 KB: 28.5 KB under the 150 KB limit". */
  detail: string;
}

export interface BenchResults extends ReportInput {
  sizes: SizeRow[];
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

function row(figure: string, measure: string, ours: string, anchor: string, ratioText = '—', target = '', verdict = ''): Row {
  return { figure, measure, ours, anchor, ratio: ratioText, target, verdict };
}

function verdict(met: boolean, margin: string): string {
  return met ? `met (${margin})` : `MISSED (${margin})`;
}

/** The report's own rows for a figure that failed, and its targets as not measured. */
function failure(figure: string, error: string, rows: Row[], targets: Target[], names: string[]): void {
  rows.push(row(figure, figure.replace(/^\d+ /, ''), `error: ${error}`, ''));
  for (const name of names) targets.push({ name, met: null, detail: error });
}

function sizeTable(input: ReportInput): SizeRow[] {
  const sizes: SizeRow[] = [];
  if (!failed(input.footprint)) {
    for (const f of input.footprint) {
      const app = input.apps.find((a) => a.kind === f.kind)!;
      const compiled = 'bytes' in f.compiled ? kb(f.compiled.bytes) : `n/a (${f.compiled.error})`;
      const line = (label: string, b: AppFootprint['kept'], js: string, compiledText: string): SizeRow => ({
        app: label,
        files: String(b.files),
        raw: kb(b.raw),
        minified: kb(b.minified),
        'JS minified': js,
        gzip: kb(b.gzip),
        'compiled (ES5)': compiledText,
      });
      sizes.push(line(`${app.label}, files the app uses`, f.kept, kb(f.keptJs.minified), compiled));
      if (app.subject === 'anchor') sizes.push(line(`${app.label}, all 构建 npm output`, f.all, '—', '—'));
    }
  }
  // Authing's own SDK is one bundle, built from its source (bench/authing-miniapp.ts): no 构建 npm, no upload compile.
  const m = input.authingMiniapp;
  const app = `Authing @authing/miniapp${'version' in m ? ` ${m.version}` : ''} (source + deps, esbuild)`;
  if ('version' in m) {
    const [minified, gzip] = [kb(m.minified), kb(m.gzip)];
    sizes.push({ app, files: '1', raw: '—', minified, 'JS minified': minified, gzip, 'compiled (ES5)': '—' });
  } else {
    const text = 'notMeasured' in m ? m.notMeasured : `error: ${m.error}`;
    sizes.push({ app, files: text, raw: '', minified: '', 'JS minified': '', gzip: '', 'compiled (ES5)': '' });
  }
  return sizes;
}

function footprintRows(input: ReportInput, rows: Row[], targets: Target[]): void {
  const F = '1 footprint';
  const limited = input.apps.filter((a) => a.limitKb);
  const name = (app: AppInfo): string => `${app.label} ≤ ${app.limitKb} KB minified`;
  if (failed(input.footprint)) return failure(F, input.footprint.error, rows, targets, limited.map(name));
  const anchor = input.footprint.find((f) => input.apps.find((a) => a.kind === f.kind)?.subject === 'anchor');
  for (const f of input.footprint) {
    const app = input.apps.find((a) => a.kind === f.kind)!;
    if (app.subject === 'anchor') continue;
    const bytes = f.kept.minified;
    let target = '';
    let result = '';
    if (app.limitKb) {
      const limit = app.limitKb * KB;
      const margin = bytes <= limit ? `${kb(limit - bytes)} under` : `${kb(bytes - limit)} over`;
      targets.push({ name: name(app), met: bytes <= limit, detail: `${kb(bytes)}: ${margin} the ${app.limitKb} KB limit` });
      [target, result] = [`≤ ${app.limitKb} KB`, verdict(bytes <= limit, margin)];
    }
    const anchorBytes = anchor?.all.minified;
    rows.push(
      row(
        F,
        `${app.label}, minified (anchor: all 构建 npm output)`,
        kb(bytes),
        anchorBytes ? kb(anchorBytes) : '—',
        ratio(bytes, anchorBytes),
        target,
        result,
      ),
    );
  }
}

function coldLoadRows(input: ReportInput, rows: Row[], targets: Target[]): void {
  const F = '2 cold load';
  const NAME = 'cold load ≤ 1/4 of the anchor, no browser or Node global';
  if (failed(input.coldLoad)) return failure(F, input.coldLoad.error, rows, targets, [NAME]);
  const results = input.coldLoad;
  const appOf = (r: LoadResult): AppInfo => input.apps.find((a) => a.kind === r.kind)!;
  const anchor = results.find((r) => appOf(r).subject === 'anchor');
  const ours = results.filter((r) => appOf(r).subject === 'ours');
  const median = (r: LoadResult | undefined): number | null => (r && !r.error ? r.loadMs.median : null);
  const globals = (list: LoadResult[]): string[] =>
    Array.from(new Set(list.flatMap((r) => [...r.foreignOnLoad, ...r.foreignOnConstruct]))).sort();
  const oursGlobals = globals(ours);
  const clean = oursGlobals.length === 0;

  for (const r of ours) {
    const app = appOf(r);
    if (r.error) continue;
    let target = '';
    let result = '';
    if (app.coldLoadTarget) {
      const limit = median(anchor) === null ? null : median(anchor)! / 4;
      const fast = limit !== null && r.loadMs.median <= limit;
      const margin =
        limit === null ? 'anchor not timed' : fast ? `${ms(limit - r.loadMs.median)} under ¼` : `${ms(r.loadMs.median - limit)} over ¼`;
      targets.push({
        name: NAME,
        met: limit === null ? null : fast && clean,
        detail: `${ms(r.loadMs.median)} vs ${anchor && !anchor.error ? ms(anchor.loadMs.median) : 'n/a'}: ${ratio(r.loadMs.median, median(anchor))} of the anchor's median, limit 0.25×; non-WeChat globals: ${clean ? 'none' : oursGlobals.join(', ')}`,
      });
      [target, result] = ['≤ 0.25×', verdict(fast, margin)];
    }
    const anchorText = (value: number | undefined): string => (value === undefined || anchor?.error ? '—' : ms(value));
    rows.push(
      row(
        F,
        `${app.label} (${r.entry}), median of ${r.loadMs.runs} realms`,
        ms(r.loadMs.median),
        anchorText(anchor?.loadMs.median),
        ratio(r.loadMs.median, median(anchor)),
        target,
        result,
      ),
    );
    rows.push(
      row(
        F,
        `${app.label}, p95`,
        ms(r.loadMs.p95),
        anchorText(anchor?.loadMs.p95),
        ratio(r.loadMs.p95, anchor?.error ? null : anchor?.loadMs.p95),
      ),
    );
  }
  rows.push(
    row(
      F,
      'non-WeChat globals touched (load + construct)',
      clean ? 'none' : oursGlobals.join(', '),
      anchor ? globals([anchor]).join(', ') || 'none' : '—',
      '—',
      'none',
      verdict(clean, clean ? 'none touched' : oursGlobals.join(', ')),
    ),
  );
  const loads = (list: LoadResult[]): string =>
    list
      .map((r) => (r.error ? `${r.kind}: no: ${r.error}` : ''))
      .filter(Boolean)
      .join('; ') || 'yes';
  rows.push(row(F, 'loads in the strict WeChat realm', loads(ours), anchor ? loads([anchor]) : '—'));
}

function waitRows(input: ReportInput['waits'], rows: Row[], targets: Target[]): void {
  const F = '3 waits after tap';
  const NAME = '1 wait after the tap for phone login';
  if (failed(input)) return failure(F, input.error, rows, targets, [NAME]);
  const find = (subject: string, flow: string, rotation: string, SDKVersion?: string) =>
    input.find(
      (r) => r.subject === subject && r.flow === flow && r.rotateSessionKey === rotation && (!SDKVersion || r.SDKVersion === SDKVersion),
    );
  const text = (r: WaitResult | undefined): string => (!r ? 'not run' : r.ok ? `${r.waits}` : `fails${r.error ? `: ${r.error}` : ''}`);
  const count = (r: WaitResult | undefined): number | null => (r && r.ok ? r.waits : null);

  const anchorPhone = find('anchor', 'phone login', 'never');
  const phone = [
    ['3.4.0', 'phone code'],
    ['2.21.1', 'encryptedData'],
  ].map(([version, how]) => ({ version, how, result: find('ours', 'phone login', 'always', version) }));
  const counts = phone.map((p) => count(p.result));
  const worst = counts.some((c) => c === null) ? null : Math.max(...(counts as number[]));
  const met = worst !== null && worst <= 1;
  targets.push({
    name: NAME,
    met,
    detail: `ours ${phone.map((p) => `${text(p.result)} (${p.how})`).join(' / ')}, anchor ${text(anchorPhone)}`,
  });
  const phoneVerdict = worst === null ? 'MISSED (flow failed)' : verdict(met, met ? `${worst} wait` : `${worst - 1} too many`);
  for (const p of phone) {
    rows.push(
      row(
        F,
        `phone login, base library ${p.version} (${p.how})`,
        text(p.result),
        text(anchorPhone),
        ratio(count(p.result), count(anchorPhone)),
        '1',
        phoneVerdict,
      ),
    );
  }
  const rotated = find('anchor', 'phone login', 'always');
  const works = (r: WaitResult | undefined): string => (!r ? 'not run' : r.ok ? 'works' : `fails: ${r.error}`);
  rows.push(
    row(F, "phone login, WeChat rotating session_key ('always')", phone.every((p) => p.result?.ok) ? 'works' : 'fails', works(rotated)),
  );
  const oursSilent = find('ours', 'silent login', 'always');
  const anchorSilent = find('anchor', 'silent login', 'never');
  rows.push(
    row(
      F,
      'silent login (login button / wx.login + loginByCode)',
      text(oursSilent),
      text(anchorSilent),
      ratio(count(oursSilent), count(anchorSilent)),
    ),
  );
}

function perRequestRows(input: ReportInput['perRequest'], rows: Row[], targets: Target[]): void {
  const F = '4 per request';
  const NAME = '0 storage reads per request';
  if (failed(input)) return failure(F, input.error, rows, targets, [NAME]);
  const ours = input.find((r) => r.subject === 'ours')!;
  const anchor = input.find((r) => r.subject === 'anchor')!;
  const reads = (r: PerRequestResult) => r.storage.syncReads + r.storage.asyncReads;
  const writes = (r: PerRequestResult) => r.storage.syncWrites + r.storage.asyncWrites;
  const met = reads(ours) === 0;
  const n = (value: number) => `${round(value, 3)}`;
  targets.push({ name: NAME, met, detail: `ours ${n(reads(ours))}, anchor ${n(reads(anchor))} over ${ours.calls} calls` });
  const measures: Array<[string, (r: PerRequestResult) => number, (v: number) => string]> = [
    ['storage writes / request (sync + async)', writes, n],
    ['wx.request calls / SDK call', (r) => r.requestsPerCall, n],
    ['SDK CPU / request (wx.request answered in-process)', (r) => r.cpuMs.sdk, (v) => ms(v, 3)],
    ['process CPU / request vs emulator (SDK + simulated wx.request)', (r) => r.cpuMs.process, (v) => ms(v, 3)],
    ['wall time / request (loopback emulator)', (r) => r.wallMs, (v) => ms(v)],
  ];
  rows.push(
    row(
      F,
      `storage reads / request (sync + async, ${ours.calls} calls)`,
      n(reads(ours)),
      n(reads(anchor)),
      ratio(reads(ours), reads(anchor)),
      '0',
      verdict(met, met ? 'none' : `${n(reads(ours))} per request`),
    ),
  );
  for (const [measure, value, format] of measures) {
    rows.push(row(F, measure, format(value(ours)), format(value(anchor)), ratio(value(ours), value(anchor))));
  }
}

function emulatorRows(input: ReportInput, rows: Row[]): void {
  const { throughput, memory } = input;
  const problems = (errors: number, firstError?: string, cut = false): string =>
    `${errors ? `, ${errors} errors (${firstError})` : ''}${cut ? ', stopped at the time limit' : ''}`;
  if (failed(throughput)) rows.push(row('5 emulator', 'throughput', `error: ${throughput.error}`, ''));
  else
    for (const t of throughput) {
      const measure = `loginByCode flows, concurrency ${t.concurrency} (${t.flows} flows)`;
      rows.push(
        row(
          '5 emulator',
          measure,
          `${t.loginsPerSecond.toFixed(0)}/s, p50 ${ms(t.p50Ms, 1)}, p95 ${ms(t.p95Ms, 1)}${problems(t.errors, t.firstError, t.stoppedAtLimit)}`,
          '—',
        ),
      );
    }
  if (failed(memory)) return void rows.push(row('6 emulator', 'memory', `error: ${memory.error}`, ''));
  rows.push(row('6 emulator', 'RSS, fresh emulator (after warm-up and reset)', mb(memory.rssBeforeBytes), '—'));
  const grown = `${mb(memory.rssAfterBytes)} (+${mb(memory.rssAfterBytes - memory.rssBeforeBytes)})`;
  rows.push(
    row(
      '6 emulator',
      `RSS after ${memory.users} new users (${memory.usersStored} stored, ${memory.seconds.toFixed(1)} s)`,
      `${grown}${problems(memory.errors, memory.firstError, memory.stoppedAtLimit)}`,
      '—',
    ),
  );
}

export function buildReport(input: ReportInput): BenchResults {
  const rows: Row[] = [];
  const targets: Target[] = [];
  footprintRows(input, rows, targets);
  coldLoadRows(input, rows, targets);
  waitRows(input.waits, rows, targets);
  perRequestRows(input.perRequest, rows, targets);
  emulatorRows(input, rows);
  return { ...input, sizes: sizeTable(input), rows, targets };
}
