/** Reads a run's request record and says what broke the contract. Shared by the teardown and its test. */
import { readFileSync } from 'node:fs';
import { CONTRACT, isEmulatorOnly } from '../../emulator/src/contract';
import type { RecordLine } from '../../emulator/src/validation/request-record';

export interface RecordReport {
  requests: number;
  hits: Map<string, number>;
  /**
   * Requests that matched no entry or that the contract refused, unless they carry x-emulator-probe:
   * no Authing client sends that header, only tests probing unknown routes and bad input on purpose.
   */
  violations: RecordLine[];
  neverHit: string[];
}

export function readRecord(file: string): RecordLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as RecordLine);
}

/** The emulator's own routes are outside the Authing check: their refusals are the emulator's business. */
const EMULATOR_ONLY = new Set(CONTRACT.filter(isEmulatorOnly).map((e) => e.id));

export function checkRecord(lines: RecordLine[]): RecordReport {
  const hits = new Map<string, number>();
  const violations: RecordLine[] = [];
  for (const line of lines) {
    if (line.entry) hits.set(line.entry, (hits.get(line.entry) ?? 0) + 1);
    if (line.entry && EMULATOR_ONLY.has(line.entry)) continue;
    if (line.verdict !== 'accepted' && !line.probe) violations.push(line);
  }
  const neverHit = CONTRACT.filter((e) => !isEmulatorOnly(e) && !hits.has(e.id)).map((e) => e.id);
  return { requests: lines.length, hits, violations, neverHit };
}

export function summary(report: RecordReport): string {
  const authing = CONTRACT.filter((e) => !isEmulatorOnly(e)).length;
  const hitAuthing = authing - report.neverHit.length;
  const lines = [
    `contract record: ${report.requests} requests, ${hitAuthing}/${authing} Authing/WeChat entries hit`,
    `  never hit: ${report.neverHit.length ? report.neverHit.join(', ') : 'none'}`,
  ];
  if (report.violations.length) {
    const counted = new Map<string, number>();
    for (const v of report.violations) {
      const key =
        `${v.verdict} ${v.method} ${v.path}${v.entry ? ` [${v.entry}]` : ''} from ${v.from.requestFrom ?? '?'} ${v.from.sdkVersion ?? ''}`.trim();
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    lines.push(`  VIOLATIONS (${report.violations.length}):`);
    for (const [key, n] of counted) lines.push(`    ${n}× ${key}`);
  }
  return lines.join('\n');
}
