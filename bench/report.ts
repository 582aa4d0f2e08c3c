/**
 * Turns the six figures into the report: one row per measure (ours, the anchor's, their ratio)
 * and the issue's targets, each met or missed with its margin. Everything measured is kept in
 * the JSON beside the rows, so a reader can check a row against what produced it.
 */
import type { LoadResult } from './cold-load';
import type { MemoryResult } from './memory';
import type { AppFootprint } from './footprint';
import type { Machine } from './machine';
import type { Leniency } from './npm-realm';
import type { PlacedPackage } from './npm-layout';
import type { PerRequestResult } from './per-request';
import type { PackNpmResult } from '../build/miniprogram-ci-runner';
import { round } from './stats';
import type { ThroughputResult } from './throughput';
import type { WaitResult } from './waits';

type Failed = { error: string };
type Maybe<T> = T | Failed;

export interface ReportInput {
  machine: Machine;
  durationSeconds: number;
  options: { loadRuns: number; calls: number; flows: number; concurrency: number[]; users: number };
  apps: Record<string, { pack: PackNpmResult; packMs: number; installed?: PlacedPackage[] }>;
  footprint: Maybe<Record<'components' | 'full' | 'anchor', AppFootprint>>;
  coldLoad: Maybe<{ results: LoadResult[]; anchorStrictError: string | null; anchorLeniency: Leniency }>;
  waits: Maybe<WaitResult[]>;
  perRequest: Maybe<PerRequestResult[]>;
  throughput: Maybe<ThroughputResult[]>;
  memory: Maybe<MemoryResult>;
}

export interface Row {
  figure: string;
  measure: string;
  ours: string;
  anchor: string;
  ratio: string;
  target: string;
  verdict: string;
}

export interface Target {
  name: string;
  met: boolean | null;
  /** e.g. "121.5 KB, 28.5 KB under the limit". */
  detail: string;
}

export interface BenchResults extends ReportInput {
  rows: Row[];
  targets: Target[];
}

const KB = 1024;

function failed<T>(value: Maybe<T>): value is Failed {
  return typeof value === 'object' && value !== null && 'error' in value && typeof (value as Failed).error === 'string';
}

export const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;
export const ms = (value: number, digits = 2): string => `${value.toFixed(digits)} ms`;

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

/** A byte limit: met with what is left, or missed by how much. */
function byteTarget(name: string, bytes: number, limitKb: number, targets: Target[]): { target: string; verdict: string } {
  const limit = limitKb * KB;
  const met = bytes <= limit;
  const margin = met ? `${kb(limit - bytes)} under` : `${kb(bytes - limit)} over`;
  targets.push({ name, met, detail: `${kb(bytes)}: ${margin} the ${limitKb} KB limit` });
  return { target: `≤ ${limitKb} KB`, verdict: verdict(met, margin) };
}

function footprintRows(input: ReportInput['footprint'], rows: Row[], targets: Target[]): void {
  const F = '1 footprint';
  if (failed(input)) {
    rows.push(row(F, 'footprint', `error: ${input.error}`, ''));
    targets.push({ name: 'full client ≤ 150 KB minified', met: null, detail: input.error });
    targets.push({ name: 'components-only app ≤ 30 KB minified', met: null, detail: input.error });
    return;
  }
  const { components, full, anchor } = input;
  const compiled = (f: AppFootprint): number | null => ('bytes' in f.compiled ? f.compiled.bytes : null);
  const compiledText = (f: AppFootprint): string => ('bytes' in f.compiled ? kb(f.compiled.bytes) : `n/a (${f.compiled.error})`);

  const fullTarget = byteTarget('full client ≤ 150 KB minified', full.kept.minified, 150, targets);
  rows.push(
    row(
      F,
      'full client app, minified (anchor: all 构建 npm output)',
      kb(full.kept.minified),
      kb(anchor.all.minified),
      ratio(full.kept.minified, anchor.all.minified),
      fullTarget.target,
      fullTarget.verdict,
    ),
  );
  rows.push(row(F, 'full client app, raw', kb(full.kept.raw), kb(anchor.all.raw), ratio(full.kept.raw, anchor.all.raw)));
  rows.push(row(F, 'full client app, minified + gzip', kb(full.kept.gzip), kb(anchor.all.gzip), ratio(full.kept.gzip, anchor.all.gzip)));
  rows.push(
    row(
      F,
      'full client app, minified, files the app reaches only',
      kb(full.kept.minified),
      kb(anchor.kept.minified),
      ratio(full.kept.minified, anchor.kept.minified),
    ),
  );
  rows.push(
    row(
      F,
      'full client app, compiled for upload (ES5, kept files)',
      compiledText(full),
      compiledText(anchor),
      ratio(compiled(full), compiled(anchor)),
    ),
  );

  const compTarget = byteTarget('components-only app ≤ 30 KB minified', components.kept.minified, 30, targets);
  rows.push(
    row(
      F,
      'components-only app, minified',
      kb(components.kept.minified),
      kb(anchor.all.minified),
      ratio(components.kept.minified, anchor.all.minified),
      compTarget.target,
      compTarget.verdict,
    ),
  );
  const js = components.keptByType.js;
  if (js) {
    const jsText = `${kb(js.minified)} (${js.minified} B)`;
    rows.push(
      row(
        F,
        'components-only app, JS only, minified (no wxml/wxss/json)',
        jsText,
        kb(anchor.all.minified),
        ratio(js.minified, anchor.all.minified),
      ),
    );
  }
  rows.push(row(F, 'components-only app, raw', kb(components.kept.raw), kb(anchor.all.raw), ratio(components.kept.raw, anchor.all.raw)));
  rows.push(
    row(
      F,
      'components-only app, minified + gzip',
      kb(components.kept.gzip),
      kb(anchor.all.gzip),
      ratio(components.kept.gzip, anchor.all.gzip),
    ),
  );
  rows.push(
    row(
      F,
      'components-only app, compiled for upload (ES5, kept files)',
      compiledText(components),
      compiledText(anchor),
      ratio(compiled(components), compiled(anchor)),
    ),
  );
}

function coldLoadRows(input: ReportInput['coldLoad'], rows: Row[], targets: Target[]): void {
  const F = '2 cold load';
  if (failed(input)) {
    rows.push(row(F, 'cold load', `error: ${input.error}`, ''));
    targets.push({ name: 'cold load ≤ 1/4 of the anchor, no browser or Node global', met: null, detail: input.error });
    return;
  }
  const [core, full, anchor] = input.results;
  const globals = (result: LoadResult): string => {
    const names = Array.from(new Set([...result.foreignOnLoad, ...result.foreignOnConstruct])).sort();
    return names.length ? names.join(', ') : 'none';
  };
  const limit = anchor.loadMs.median / 4;
  const fastEnough = full.loadMs.median <= limit;
  const oursGlobals = Array.from(
    new Set([...full.foreignOnLoad, ...full.foreignOnConstruct, ...core.foreignOnLoad, ...core.foreignOnConstruct]),
  );
  const clean = oursGlobals.length === 0;
  const speed = `${ratio(full.loadMs.median, anchor.loadMs.median)} of the anchor's median, limit 0.25×`;
  const met = fastEnough && clean;
  targets.push({
    name: 'cold load ≤ 1/4 of the anchor, no browser or Node global',
    met,
    detail: `${ms(full.loadMs.median)} vs ${ms(anchor.loadMs.median)}: ${speed}; non-WeChat globals: ${clean ? 'none' : oursGlobals.join(', ')}`,
  });
  const margin = fastEnough ? `${ms(limit - full.loadMs.median)} under ¼` : `${ms(full.loadMs.median - limit)} over ¼`;
  rows.push(
    row(
      F,
      `full client (index.js + core.js), median of ${full.loadMs.runs} realms`,
      ms(full.loadMs.median),
      ms(anchor.loadMs.median),
      ratio(full.loadMs.median, anchor.loadMs.median),
      '≤ 0.25×',
      verdict(fastEnough, margin),
    ),
  );
  rows.push(row(F, 'full client, p95', ms(full.loadMs.p95), ms(anchor.loadMs.p95), ratio(full.loadMs.p95, anchor.loadMs.p95)));
  rows.push(
    row(
      F,
      'components (core.js), median',
      ms(core.loadMs.median),
      ms(anchor.loadMs.median),
      ratio(core.loadMs.median, anchor.loadMs.median),
    ),
  );
  rows.push(row(F, 'components (core.js), p95', ms(core.loadMs.p95), ms(anchor.loadMs.p95), ratio(core.loadMs.p95, anchor.loadMs.p95)));
  rows.push(
    row(
      F,
      'non-WeChat globals touched (load + new client)',
      globals(full) === 'none' && globals(core) === 'none' ? 'none' : `${globals(full)} / ${globals(core)}`,
      globals(anchor),
      '—',
      'none',
      verdict(clean, clean ? 'none touched' : oursGlobals.join(', ')),
    ),
  );
  const strict = input.anchorStrictError;
  const stubs = [...input.anchorLeniency.modules.map((m) => `module ${m}`), ...input.anchorLeniency.globals.map((g) => `global ${g}`)];
  rows.push(row(F, 'loads in the strict WeChat realm', 'yes', strict ? `no: ${strict}; timed with stubs: ${stubs.join(', ')}` : 'yes'));
}

function waitRows(input: ReportInput['waits'], rows: Row[], targets: Target[]): void {
  const F = '3 waits after tap';
  if (failed(input)) {
    rows.push(row(F, 'waits', `error: ${input.error}`, ''));
    targets.push({ name: '1 wait after the tap for phone login', met: null, detail: input.error });
    return;
  }
  const find = (subject: string, flow: string, rotation: string, SDKVersion?: string) =>
    input.find(
      (r) => r.subject === subject && r.flow === flow && r.rotateSessionKey === rotation && (!SDKVersion || r.SDKVersion === SDKVersion),
    );
  const text = (result: WaitResult | undefined): string =>
    !result ? 'not run' : result.ok ? `${result.waits}` : `fails${result.error ? `: ${result.error}` : ''}`;
  const count = (result: WaitResult | undefined): number | null => (result && result.ok ? result.waits : null);

  const anchorPhone = find('anchor', 'phone login', 'never');
  const oursModern = find('ours', 'phone login', 'always', '3.4.0');
  const oursLegacy = find('ours', 'phone login', 'always', '2.21.1');
  const phoneCounts = [oursModern, oursLegacy].map(count);
  const worst = phoneCounts.some((c) => c === null) ? null : Math.max(...(phoneCounts as number[]));
  const met = worst !== null && worst <= 1;
  targets.push({
    name: '1 wait after the tap for phone login',
    met,
    detail: `ours ${text(oursModern)} (phone code) / ${text(oursLegacy)} (encryptedData), anchor ${text(anchorPhone)}`,
  });
  const phoneVerdict = worst === null ? 'MISSED (flow failed)' : verdict(met, met ? `${worst} wait` : `${worst - 1} too many`);
  rows.push(
    row(
      F,
      'phone login, base library 3.4.0 (phone code)',
      text(oursModern),
      text(anchorPhone),
      ratio(count(oursModern), count(anchorPhone)),
      '1',
      phoneVerdict,
    ),
  );
  rows.push(
    row(
      F,
      'phone login, base library 2.21.1 (encryptedData)',
      text(oursLegacy),
      text(anchorPhone),
      ratio(count(oursLegacy), count(anchorPhone)),
      '1',
      phoneVerdict,
    ),
  );
  const anchorRotated = find('anchor', 'phone login', 'always');
  rows.push(
    row(
      F,
      "phone login, WeChat rotating session_key ('always')",
      oursModern?.ok && oursLegacy?.ok ? 'works' : 'fails',
      anchorRotated ? (anchorRotated.ok ? 'works' : `fails: ${anchorRotated.error}`) : 'not run',
    ),
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
  if (failed(input)) {
    rows.push(row(F, 'per request', `error: ${input.error}`, ''));
    targets.push({ name: '0 storage reads per request', met: null, detail: input.error });
    return;
  }
  const ours = input.find((r) => r.subject === 'ours')!;
  const anchor = input.find((r) => r.subject === 'anchor')!;
  const reads = (r: PerRequestResult) => r.storage.syncReads + r.storage.asyncReads;
  const met = reads(ours) === 0;
  targets.push({
    name: '0 storage reads per request',
    met,
    detail: `ours ${round(reads(ours), 3)}, anchor ${round(reads(anchor), 3)} over ${ours.calls} calls`,
  });
  const n = (value: number) => `${round(value, 3)}`;
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
  rows.push(
    row(
      F,
      'storage writes / request (sync + async)',
      n(ours.storage.syncWrites + ours.storage.asyncWrites),
      n(anchor.storage.syncWrites + anchor.storage.asyncWrites),
      ratio(ours.storage.syncWrites + ours.storage.asyncWrites, anchor.storage.syncWrites + anchor.storage.asyncWrites),
    ),
  );
  rows.push(
    row(
      F,
      'wx.request calls / SDK call',
      n(ours.requestsPerCall),
      n(anchor.requestsPerCall),
      ratio(ours.requestsPerCall, anchor.requestsPerCall),
    ),
  );
  rows.push(
    row(
      F,
      'SDK CPU / request (wx.request answered in-process)',
      ms(ours.cpuMs.sdk, 3),
      ms(anchor.cpuMs.sdk, 3),
      ratio(ours.cpuMs.sdk, anchor.cpuMs.sdk),
    ),
  );
  rows.push(
    row(
      F,
      'process CPU / request vs emulator (SDK + simulated wx.request)',
      ms(ours.cpuMs.process, 3),
      ms(anchor.cpuMs.process, 3),
      ratio(ours.cpuMs.process, anchor.cpuMs.process),
    ),
  );
  rows.push(row(F, 'wall time / request (loopback emulator)', ms(ours.wallMs), ms(anchor.wallMs), ratio(ours.wallMs, anchor.wallMs)));
}

function throughputRows(input: ReportInput['throughput'], rows: Row[]): void {
  const F = '5 emulator';
  if (failed(input)) {
    rows.push(row(F, 'throughput', `error: ${input.error}`, ''));
    return;
  }
  for (const result of input) {
    const errors = result.errors ? `, ${result.errors} errors (${result.firstError})` : '';
    const cut = result.stoppedAtLimit ? `, stopped at the time limit after ${result.completed}` : '';
    rows.push(
      row(
        F,
        `loginByCode flows, concurrency ${result.concurrency} (${result.flows} flows)`,
        `${result.loginsPerSecond.toFixed(0)}/s, p50 ${ms(result.p50Ms, 1)}, p95 ${ms(result.p95Ms, 1)}${errors}${cut}`,
        '—',
      ),
    );
  }
}

export const mb = (bytes: number): string => `${(bytes / KB / KB).toFixed(1)} MB`;

function memoryRows(input: ReportInput['memory'], rows: Row[]): void {
  const F = '6 emulator';
  if (failed(input)) {
    rows.push(row(F, 'memory', `error: ${input.error}`, ''));
    return;
  }
  const errors = input.errors ? `, ${input.errors} errors (${input.firstError})` : '';
  const cut = input.stoppedAtLimit ? ', stopped at the time limit' : '';
  rows.push(row(F, 'RSS, fresh emulator (after warm-up and reset)', mb(input.rssBeforeBytes), '—'));
  rows.push(
    row(
      F,
      `RSS after ${input.users} new users (${input.usersStored} stored, ${input.seconds.toFixed(1)} s)`,
      `${mb(input.rssAfterBytes)} (+${mb(input.rssAfterBytes - input.rssBeforeBytes)})${errors}${cut}`,
      '—',
    ),
  );
}

export function buildReport(input: ReportInput): BenchResults {
  const rows: Row[] = [];
  const targets: Target[] = [];
  footprintRows(input.footprint, rows, targets);
  coldLoadRows(input.coldLoad, rows, targets);
  waitRows(input.waits, rows, targets);
  perRequestRows(input.perRequest, rows, targets);
  throughputRows(input.throughput, rows);
  memoryRows(input.memory, rows);
  return { ...input, rows, targets };
}
