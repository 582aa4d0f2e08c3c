/**
 * jest globalTeardown: the whole run's requests against the contract. The run fails when any
 * request matched no contract entry, or was refused by the contract without `x-emulator-probe`
 * (the header tests put on bad input they send on purpose).
 */
import { existsSync } from 'node:fs';
import { RECORD_ENV } from '../../emulator/src/validation/request-record';
import { checkRecord, readRecord, summary } from './record-check';

export default function recordTeardown(): void {
  const file = process.env[RECORD_ENV];
  if (!file || !existsSync(file)) throw new Error(`contract record missing: ${RECORD_ENV}=${file ?? ''} (globalSetup did not run?)`);
  const report = checkRecord(readRecord(file));
  process.stdout.write(`\n${summary(report)}\n`);
  if (report.violations.length) {
    throw new Error(`${report.violations.length} request(s) broke the Authing contract; see the list above (record: ${file})`);
  }
}
