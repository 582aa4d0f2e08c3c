/**
 * Figure 6: the emulator's memory after many users, as a long test run would grow it. A fresh
 * emulator process (SQLite in memory, as tests run it) is warmed up, reset, then serves `users`
 * silent logins, each creating a new WeChat user; its resident set size (RSS, what the OS
 * charges it) is read before and after, and the users are counted through the control API.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { EmulatorProcess } from '../test/support/emulator-process';
import { requestJson } from '../test/support/http-json';
import { MAX_SECONDS_PER_RUN, runLogins } from './throughput';

export interface MemoryResult {
  /** Users asked for, and how many the emulator holds afterwards. */
  users: number;
  usersStored: number;
  concurrency: number;
  errors: number;
  seconds: number;
  stoppedAtLimit: boolean;
  /** RSS of the emulator process after warm-up and reset, and after the users were created. */
  rssBeforeBytes: number;
  rssAfterBytes: number;
  firstError?: string;
}

/** Resident set size of a process: /proc on Linux, `ps` elsewhere. */
export function residentBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    if (match) return Number(match[1]) * 1024;
  } catch {
    // No /proc (macOS): ask ps.
  }
  const kb = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  if (!Number.isFinite(kb) || kb <= 0) throw new Error(`no RSS for process ${pid}`);
  return kb * 1024;
}

export async function measureMemory(emulator: EmulatorProcess, users: number, concurrency = 32, warmup = 200): Promise<MemoryResult> {
  await runLogins(emulator, warmup, concurrency);
  await emulator.reset();
  const rssBeforeBytes = residentBytes(emulator.pid);
  // Ten thousand users take tens of seconds: allow more than one level of figure 5, still bounded.
  const { errors, seconds, stoppedAtLimit, firstError } = await runLogins(emulator, users, concurrency, 3 * MAX_SECONDS_PER_RUN);
  const rssAfterBytes = residentBytes(emulator.pid);
  // Read after the RSS: listing every user costs the emulator memory of its own.
  const listed = await requestJson<{ users: unknown[] }>('GET', `${emulator.url}/__emulator/users`, undefined, { timeoutMs: 60_000 });
  const usersStored = listed.body.users.length;
  return { users, usersStored, concurrency, errors, seconds, stoppedAtLimit, rssBeforeBytes, rssAfterBytes, firstError };
}
