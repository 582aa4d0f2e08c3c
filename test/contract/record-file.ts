/** Where one jest run's request record lives: inside the repo's own ignored output folder, fresh per run. */
import { join, resolve } from 'node:path';

export const OUTPUT_DIR = resolve(__dirname, '../../.test-output');
export const RECORD_PREFIX = 'emulator-requests-';

export function newRecordPath(): string {
  return join(OUTPUT_DIR, `${RECORD_PREFIX}${process.pid}-${Date.now()}.jsonl`);
}
