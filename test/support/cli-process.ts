/** The emulator's published bin in a child process, as a developer runs it, for suites about the process itself. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const EMULATOR_BIN = join(__dirname, '../../emulator/bin/authing-wxapp-emulator.js');

export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the URL once it prints "listening on", rejects with its stderr if it exits first. */
  ready: Promise<string>;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Exit code (or null on a signal), once it exits. */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<number | null>;
}

export function spawnEmulatorCli(args: string[], env: NodeJS.ProcessEnv = process.env): CliProcess {
  const child = spawn(process.execPath, [EMULATOR_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`emulator exited (${code}) before listening:\n${err}`)));
  });
  ready.catch(() => undefined); // a caller that awaits `exited` instead still sees the failure there
  return {
    child,
    ready,
    stdout: () => out,
    stderr: () => err,
    exited,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
