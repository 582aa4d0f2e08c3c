/**
 * The emulator in its own Node process, started through its published bin exactly as a developer
 * runs it (`authing-wxapp-emulator --port 0 --db :memory:`). The one launcher of the dev tools and
 * suites: the bench (the emulator's CPU never lands on the process it measures), the scripts and the
 * component suites (their jsdom globals never reach the server: jose would pick its browser build,
 * and jest's jsdom realm has no fetch), the playground, and the suites about the process itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { okJson } from './http-json';

const ROOT = join(__dirname, '..', '..');
export const EMULATOR_BIN = join(ROOT, 'emulator', 'bin', 'authing-wxapp-emulator.js');
/** A bound on start-up, not a performance limit: a broken emulator fails its caller instead of hanging it. */
const START_TIMEOUT_MS = 60_000;

/**
 * The bin runs the compiled emulator (emulator/dist), which `npm install`, `npm run build` and
 * `npm test` make. A dist older than the source would run yesterday's emulator under today's tests:
 * refuse it, saying how to rebuild (about 4 s).
 */
export function assertCompiled(emulatorDir = join(ROOT, 'emulator')): void {
  const compiled = join(emulatorDir, 'dist', 'cli.js');
  const rebuild = 'run `npm run build -w emulator` (or `npm run build`)';
  let builtAt: number;
  try {
    builtAt = statSync(compiled).mtimeMs;
  } catch {
    throw new Error(`the emulator is not compiled (${compiled} is missing): ${rebuild}`);
  }
  const src = join(emulatorDir, 'src');
  const newer = readdirSync(src, { recursive: true, encoding: 'utf8' }).find(
    (file) => file.endsWith('.ts') && statSync(join(src, file)).mtimeMs > builtAt,
  );
  if (newer) throw new Error(`emulator/src/${newer} changed after emulator/dist was compiled: ${rebuild}`);
}

export const IN_MEMORY_ARGS = ['--port', '0', '--host', '127.0.0.1', '--db', ':memory:'];

/** GET /__emulator/info. */
export interface EmulatorInfo {
  url: string;
  appId: string;
  userPoolId: string;
  wechatAppId: string;
  rotateSessionKey: 'always' | 'never' | 'alternate';
}

export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the URL once it prints "listening on", rejects with its stderr if it exits first. */
  ready: Promise<string>;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Exit code (or null on a signal), once it exits. */
  exited: Promise<number | null>;
  /** SIGTERM (as Ctrl-C would), SIGKILL after 5 s, then waits for the exit. */
  stop(): Promise<number | null>;
}

/** Spawns the bin with `args`; the caller awaits `ready` (or `exited`, for a start meant to fail). */
export function spawnEmulatorCli(args: string[] = IN_MEMORY_ARGS, env: NodeJS.ProcessEnv = process.env): CliProcess {
  assertCompiled();
  const child = spawn(process.execPath, [EMULATOR_BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  let err = '';
  // Always drained, so a chatty child never blocks on a full pipe.
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`emulator did not start in ${START_TIMEOUT_MS} ms:\n${err}`));
    }, START_TIMEOUT_MS);
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}) before listening:\n${err}`));
    });
  });
  ready.catch(() => undefined); // a caller that awaits `exited` instead still sees the failure there
  return {
    child,
    ready,
    stdout: () => out,
    stderr: () => err,
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        void exited.then(() => clearTimeout(force));
        child.kill('SIGTERM');
      }
      return exited;
    },
  };
}

/** A user as the control API lists them (`GET /__emulator/users`), as far as the suites read them. */
export interface EmulatorUser {
  id: string;
  phone: string | null;
  photo: string | null;
  nickname: string | null;
}

export interface EmulatorProcess extends EmulatorInfo {
  pid: number;
  child: ChildProcess;
  /** Empties the database and rewinds the clock (control API `reset`). */
  reset(): Promise<void>;
  /** Moves the emulator's clock forward (code and token lifetimes), as a fake clock moves the phone's. */
  advanceClock(ms: number): Promise<void>;
  /** The Authing users it holds. */
  users(): Promise<EmulatorUser[]>;
  stop(): Promise<void>;
}

/**
 * A running emulator (in memory on a free port unless `args` say otherwise), with its app ids read from the control API.
 * Flags the defaults lack go in `args` as a developer would type them (`[...IN_MEMORY_ARGS, '--rotate-session-key', 'alternate']`).
 */
export async function startEmulatorProcess(args: string[] = IN_MEMORY_ARGS): Promise<EmulatorProcess> {
  const cli = spawnEmulatorCli(args);
  let info: EmulatorInfo;
  try {
    const url = await cli.ready;
    info = { ...(await okJson<EmulatorInfo>('GET', `${url}/__emulator/info`)), url };
  } catch (error) {
    await cli.stop();
    throw error;
  }
  return {
    ...info,
    pid: cli.child.pid!,
    child: cli.child,
    async reset() {
      await okJson('POST', `${info.url}/__emulator/reset`, {});
    },
    async advanceClock(ms) {
      await okJson('POST', `${info.url}/__emulator/clock`, { advanceMs: ms });
    },
    async users() {
      return (await okJson<{ users: EmulatorUser[] }>('GET', `${info.url}/__emulator/users`)).users;
    },
    async stop() {
      await cli.stop();
    },
  };
}

/** The emulator's info when one answers at `url`; null when nothing does (or something else does). */
export async function probeEmulator(url: string, timeoutMs = 1500): Promise<EmulatorInfo | null> {
  try {
    const info = await okJson<EmulatorInfo>('GET', `${url.replace(/\/+$/, '')}/__emulator/info`, undefined, { timeoutMs });
    return info && typeof info.appId === 'string' ? info : null;
  } catch {
    return null;
  }
}
