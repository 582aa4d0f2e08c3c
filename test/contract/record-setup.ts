/**
 * jest globalSetup: a fresh record file for this run, named to every emulator through
 * AUTHING_EMULATOR_RECORD (workers and the emulators they spawn inherit the environment).
 * The file name is new to this run, so nothing left behind can make it pass or fail; files of
 * earlier runs are removed once the jest process that wrote them is gone (another jest running in
 * this worktree keeps its own).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProcessRunning } from '../../emulator/src/process-alive';
import { RECORD_ENV } from '../../emulator/src/validation/request-record';
import { newRecordPath, OUTPUT_DIR, RECORD_PREFIX } from './record-file';

export default function recordSetup(): void {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const name of readdirSync(OUTPUT_DIR)) {
    const pid = name.startsWith(RECORD_PREFIX) ? Number(name.slice(RECORD_PREFIX.length).split('-')[0]) : NaN;
    if (Number.isInteger(pid) && !isProcessRunning(pid)) rmSync(join(OUTPUT_DIR, name), { force: true });
  }
  const file = newRecordPath();
  writeFileSync(file, '', { flag: 'wx' });
  process.env[RECORD_ENV] = file;
}
