/**
 * The emulator in its own Node process, started through its published bin exactly as a user
 * would (`authing-wxapp-emulator --port 0 --db :memory:`): its CPU never lands on the bench
 * process, whose CPU time is what figure 4 measures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { requestJson } from './http-json';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'emulator', 'bin', 'authing-wxapp-emulator.js');
const START_TIMEOUT_MS = 30000;

export type Rotation = 'always' | 'never' | 'alternate';

export interface EmulatorInfo {
  url: string;
  appId: string;
  userPoolId: string;
  wechatAppId: string;
  rotateSessionKey: Rotation;
}

export interface EmulatorProcess extends EmulatorInfo {
  pid: number;
  /** Empties the database and rewinds the clock (control API `reset`). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start in ${START_TIMEOUT_MS} ms:\n${errors}`)), START_TIMEOUT_MS);
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}) before listening:\n${errors}`));
    });
  });
}

export async function startEmulatorProcess(rotation: Rotation = 'always'): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [BIN, '--port', '0', '--host', '127.0.0.1', '--db', ':memory:', '--rotate-session-key', rotation], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let url: string;
  try {
    url = await waitForUrl(child);
  } catch (error) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw error;
  }
  // Keep draining its output so a chatty child never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();
  const info = (await requestJson<EmulatorInfo>(`${url}/__emulator/info`, 'GET')).body;
  return {
    url,
    appId: info.appId,
    userPoolId: info.userPoolId,
    wechatAppId: info.wechatAppId,
    rotateSessionKey: info.rotateSessionKey,
    pid: child.pid!,
    async reset() {
      await requestJson(`${url}/__emulator/reset`, 'POST', {});
    },
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
