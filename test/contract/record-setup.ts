/**
 * jest globalSetup: a fresh record file for this run, named to every emulator through
 * AUTHING_EMULATOR_RECORD (workers and the emulators they spawn inherit the environment).
 * Files of earlier runs are removed so nothing left behind can make this run pass or fail.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECORD_ENV } from '../../emulator/src/validation/request-record';
import { newRecordPath, OUTPUT_DIR, RECORD_PREFIX } from './record-file';

export default function recordSetup(): void {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const name of readdirSync(OUTPUT_DIR)) {
    if (name.startsWith(RECORD_PREFIX)) rmSync(join(OUTPUT_DIR, name), { force: true });
  }
  const file = newRecordPath();
  writeFileSync(file, '', { flag: 'wx' });
  process.env[RECORD_ENV] = file;
}
