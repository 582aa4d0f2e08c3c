/**
 * WeChat's own tooling (miniprogram-ci: the code behind DevTools' 构建 npm, compile and code
 * quality panel), run offline and one call per child process.
 *
 * Why a child process: getCompiledResult, checkCodeQuality and analyseCode leave handles open
 * after they resolve, so a process that awaits them never exits; the child calls process.exit()
 * and the parent enforces a hard timeout, killing the child's whole process group (the compiler
 * forks workers of its own).
 *
 * Why a network policy: getCompiledResult asks https://servicewechat.com/wxa/ci/getwhiteextlist
 * for the list of file types an upload may carry, through a request with no timeout. When the
 * request fails it falls back to the list it ships with; on a network that accepts connections
 * but never answers (a stalled proxy) it waits forever. `network: 'deny'` (the default) refuses
 * every non-loopback connection inside the child at once, so the fallback is immediate;
 * 'stall' reproduces the stalled network; every attempt is reported in `network` either way.
 *
 * Why a scratch folder per call: miniprogram-ci keeps state relative to where it runs.
 * getCompiledResult makes its compiler's persistent cache in `<cwd>/<md5(projectPath + "|summer")>`
 * (modules/createSummer.js ensureCacheDir joins "" with the hash, so it lands in the working
 * directory), some of its code reads ~/.npmrc, and its temp files go to os.tmpdir(). The child
 * runs in a fresh folder that is its working directory, HOME and TMPDIR, removed when the child
 * ends: no call sees what an earlier one left, and nothing is left in the repository or in ~.
 *
 * Why a static file view: miniprogram-ci's dependency analyser (analyseCode, and the analysis
 * behind checkCodeQuality) lists the project with a glob that skips node_modules, then also starts
 * a chokidar watcher on the whole project (no ignores) whose initial scan adds every file it meets
 * to the same list while the analysis runs. The result then depends on how far that scan got: on a
 * busy machine node_modules/authing-wxapp-sdk/miniprogram_dist/*.js appear as unused files. The
 * child turns the watcher off (a one-shot analysis has no later changes to see; miniprogram-ci's
 * own upload filter analyses through a file view without a watcher too), so the analysis sees
 * exactly the glob's files.
 *
 * API (stable; bench/ uses it too):
 *   packNpm(projectPath)                   构建 npm for a project whose package.json sits in projectPath
 *   packNpmManually(packageJsonPath, outDir)
 *   compile(projectPath, { setting })      getCompiledResult: every output file and its size
 *   checkCodeQuality(projectPath)          the DevTools 代码质量 items
 *   analyseCode(projectPath)               the dependency analysis: which files the app uses
 *   inspectProject(projectPath)            compile + checkCodeQuality + analyseCode in one child
 *   footprint(files, prefix, unused?)      bytes under a folder of a compile result
 * Each takes { timeoutMs, network, appid, echo } as its last argument and resolves with the
 * call's result plus `durationMs` (the call itself, measured in the child) and `network`.
 *
 * Run directly for a quick look:
 *   node -r esbuild-register build/miniprogram-ci-runner.ts compile miniprogram_dev
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The demo's WeChat appid (also the emulator's default); any well-formed appid works offline. */
export const DEFAULT_APPID = 'wx5f2b0c1d3e4a6b79';

/**
 * A guard against a hang, not a performance limit: a full compile of the demo takes 7 s on two
 * idle cores and 46 s at load 11 on the same two (measured 2026-11-25); this leaves room for worse.
 */
export const DEFAULT_TIMEOUT_MS = 300_000;

export interface RunOptions {
  /** Hard limit for the child process; it is killed (with its workers) when reached. Default 120 s. */
  timeoutMs?: number;
  /**
   * 'deny' (default): non-loopback connections fail at once. 'allow': the real network.
   * 'stall': they connect to a local peer that never answers (a stalled network), to see who waits.
   */
  network?: NetworkPolicy;
  /** WeChat appid the project is compiled as. Default DEFAULT_APPID. */
  appid?: string;
  /** Stream miniprogram-ci's own log lines to this process's stderr. Default false. */
  echo?: boolean;
}

export type NetworkPolicy = 'deny' | 'allow' | 'stall';

/** One connection miniprogram-ci tried to open. */
export interface NetworkAttempt {
  host: string;
  port: number;
  /** Milliseconds after the call started. */
  atMs: number;
  /** 'denied' under network: 'deny', 'stalled' under 'stall'; otherwise how the socket ended. */
  outcome: 'denied' | 'stalled' | 'connected' | 'error' | 'pending';
  error?: string;
}

export interface CallResult<T> {
  result: T;
  /** The miniprogram-ci call alone, measured in the child. */
  durationMs: number;
  network: NetworkAttempt[];
  /** What miniprogram-ci printed. */
  log: string;
}

/** A problem 构建 npm reports (a require it could not resolve, a renamed require …). */
export interface PackWarning {
  jsPath: string;
  code: string;
  tips: string;
  msg: string;
  startLine?: number;
  endLine?: number;
}

export interface PackNpmResult {
  warnings: PackWarning[];
  /** Packages with a "miniprogram" folder, copied as they are. */
  miniprogramPackages: number;
  /** Plain JS packages, bundled into one file each. */
  otherPackages: number;
}

export interface CompileSetting {
  es6?: boolean;
  minify?: boolean;
  minifyJS?: boolean;
  minifyWXML?: boolean;
  minifyWXSS?: boolean;
  autoPrefixWXSS?: boolean;
}

/** The upload defaults of a new DevTools project: ES6 → ES5, minified. */
export const UPLOAD_SETTING: CompileSetting = {
  es6: true,
  minify: true,
  minifyJS: true,
  minifyWXML: true,
  minifyWXSS: true,
  autoPrefixWXSS: true,
};

export interface CompileResult {
  /** Every file of the compiled package (path relative to the project) and its size in bytes. */
  files: Record<string, number>;
  /**
   * Source files nothing requires (analyseCode run on the same project). WeChat's upload leaves
   * them out (project setting ignoreUploadUnusedFiles, on by default).
   */
  unused: string[];
}

export interface QualityItem {
  name?: string;
  success: boolean;
  text: string;
  detail?: unknown;
  docURL?: string;
}

export interface AnalysedFile {
  path: string;
  size: number;
  /** Null when no page, component or require reaches the file. */
  moduleId: string | null;
}

export interface AnalyseResult {
  files: AnalysedFile[];
}

type Task =
  | { kind: 'packNpm'; projectPath: string; appid: string }
  | { kind: 'packNpmManually'; packageJsonPath: string; outDir: string }
  | { kind: 'compile'; projectPath: string; appid: string; setting: CompileSetting }
  | { kind: 'checkCodeQuality'; projectPath: string; appid: string }
  | { kind: 'analyseCode'; projectPath: string; appid: string }
  | { kind: 'inspect'; projectPath: string; appid: string; setting: CompileSetting };

interface ChildMessage {
  ok: boolean;
  result?: unknown;
  error?: string;
  durationMs: number;
  network: NetworkAttempt[];
}

export class CiTimeoutError extends Error {
  constructor(
    readonly task: string,
    readonly timeoutMs: number,
    readonly network: NetworkAttempt[],
  ) {
    super(`miniprogram-ci ${task} did not finish within ${timeoutMs} ms (killed)`);
  }
}

// ---- parent side ------------------------------------------------------------------------------

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** A fresh folder for one child: its working directory, HOME and TMPDIR (see the header). */
async function scratchFolder(): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = await mkdtemp(join(tmpdir(), 'miniprogram-ci-state-'));
  const home = join(dir, 'home');
  const temp = join(dir, 'tmp');
  await Promise.all([mkdir(home), mkdir(temp)]);
  return { dir, env: { HOME: home, USERPROFILE: home, TMPDIR: temp, TMP: temp, TEMP: temp } };
}

async function run<T>(task: Task, options: RunOptions = {}): Promise<CallResult<T>> {
  const scratch = await scratchFolder();
  try {
    return await runIn<T>(scratch, task, options);
  } finally {
    await rm(scratch.dir, { recursive: true, force: true });
  }
}

async function runIn<T>(scratch: { dir: string; env: NodeJS.ProcessEnv }, task: Task, options: RunOptions): Promise<CallResult<T>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const network = options.network ?? 'deny';
  const child = spawn(process.execPath, ['-r', createRequire(__filename).resolve('esbuild-register'), __filename, '--child'], {
    cwd: scratch.dir,
    // Own process group, so a timeout also ends the compiler's forked workers.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...scratch.env, MINIPROGRAM_CI_RUNNER_NETWORK: network },
  });
  let log = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    log += text;
    if (options.echo) process.stderr.write(text);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  // Attempts are streamed as they happen, so a timeout can still say what it was waiting on.
  const attempts: NetworkAttempt[] = [];
  let message: ChildMessage | undefined;
  child.on('message', (raw: { attempt?: NetworkAttempt; done?: ChildMessage }) => {
    if (raw.attempt) attempts.push(raw.attempt);
    if (raw.done) message = raw.done;
  });
  child.send(task);

  return new Promise<CallResult<T>>((resolveRun, reject) => {
    const timer = setTimeout(() => {
      killGroup(child.pid);
      reject(new CiTimeoutError(task.kind, timeoutMs, attempts));
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      killGroup(child.pid);
      if (signal === 'SIGKILL') return; // the timer already rejected
      if (!message) return reject(new Error(`miniprogram-ci ${task.kind}: child exited (${code ?? signal}) without a result\n${log}`));
      if (!message.ok) return reject(new Error(`miniprogram-ci ${task.kind} failed: ${message.error}\n${log}`));
      resolveRun({ result: message.result as T, durationMs: message.durationMs, network: message.network, log });
    });
  });
}

/** The fields every call on a project carries: the project's absolute path and the appid it is built as. */
function onProject(projectPath: string, options: RunOptions): { projectPath: string; appid: string } {
  return { projectPath: resolve(projectPath), appid: options.appid ?? DEFAULT_APPID };
}

/** A project call that compiles: onProject, and the compile setting (the upload's by default). */
function compiling(
  projectPath: string,
  options: RunOptions & { setting?: CompileSetting },
): { projectPath: string; appid: string; setting: CompileSetting } {
  return { ...onProject(projectPath, options), setting: options.setting ?? UPLOAD_SETTING };
}

export function packNpm(projectPath: string, options: RunOptions = {}): Promise<CallResult<PackNpmResult>> {
  return run({ kind: 'packNpm', ...onProject(projectPath, options) }, options);
}

export function packNpmManually(packageJsonPath: string, outDir: string, options: RunOptions = {}): Promise<CallResult<PackNpmResult>> {
  return run({ kind: 'packNpmManually', packageJsonPath: resolve(packageJsonPath), outDir: resolve(outDir) }, options);
}

export function compile(projectPath: string, options: RunOptions & { setting?: CompileSetting } = {}): Promise<CallResult<CompileResult>> {
  return run({ kind: 'compile', ...compiling(projectPath, options) }, options);
}

export function checkCodeQuality(projectPath: string, options: RunOptions = {}): Promise<CallResult<QualityItem[]>> {
  return run({ kind: 'checkCodeQuality', ...onProject(projectPath, options) }, options);
}

export function analyseCode(projectPath: string, options: RunOptions = {}): Promise<CallResult<AnalyseResult>> {
  return run({ kind: 'analyseCode', ...onProject(projectPath, options) }, options);
}

/** compile, checkCodeQuality and analyseCode of one project, each timed, in one child process. */
export interface Inspection {
  compiled: { result: CompileResult; durationMs: number };
  quality: { result: QualityItem[]; durationMs: number };
  analysis: { result: AnalyseResult; durationMs: number };
}

/** The three read-only calls at once: one child, one load of miniprogram-ci (saves ~2 s per call). */
export function inspectProject(
  projectPath: string,
  options: RunOptions & { setting?: CompileSetting } = {},
): Promise<CallResult<Inspection>> {
  return run({ kind: 'inspect', ...compiling(projectPath, options) }, options);
}

export interface Footprint {
  /** Compiled bytes of every file under the prefix. */
  bytes: number;
  files: number;
  /** Compiled bytes of the files under the prefix that the app uses (what an upload keeps). */
  usedBytes: number;
  usedFiles: number;
}

/** How much a folder (e.g. 'miniprogram_npm/authing-wxapp-sdk/') weighs in a compile result. */
export function footprint(compiled: CompileResult, prefix: string): Footprint {
  const unused = new Set(compiled.unused);
  const out: Footprint = { bytes: 0, files: 0, usedBytes: 0, usedFiles: 0 };
  for (const [file, size] of Object.entries(compiled.files)) {
    if (!file.startsWith(prefix)) continue;
    out.bytes += size;
    out.files += 1;
    if (!unused.has(file)) {
      out.usedBytes += size;
      out.usedFiles += 1;
    }
  }
  return out;
}

// ---- child side -------------------------------------------------------------------------------

type MiniprogramCi = typeof import('miniprogram-ci');

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** A local peer that accepts connections and never says a word. */
function silentPeer(): net.Server {
  const server = net.createServer(() => undefined);
  server.listen(0, '127.0.0.1');
  server.unref();
  return server;
}

/**
 * Records every outgoing TCP connection; under 'deny' fails the non-loopback ones at once, under
 * 'stall' sends them to a silent local peer. This sits below whatever HTTP client miniprogram-ci
 * uses (it bundles several).
 */
function watchConnections(policy: string, started: () => number, attempts: NetworkAttempt[]): void {
  // Kept unbound on purpose: the patch below calls it with .apply(this, args) on each socket.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- see above
  const connect = net.Socket.prototype.connect as (this: net.Socket, ...args: unknown[]) => net.Socket;
  const peer = policy === 'stall' ? silentPeer() : null;
  net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
    const first = args[0];
    const target =
      first && typeof first === 'object' && !Array.isArray(first)
        ? (first as { host?: string; port?: number | string; path?: string })
        : { port: first as number, host: typeof args[1] === 'string' ? args[1] : undefined };
    if ((target as { path?: string }).path) return connect.apply(this, args); // a local pipe
    const host = target.host ?? 'localhost';
    if (isLoopback(host)) return connect.apply(this, args);
    const outcome = policy === 'deny' ? 'denied' : policy === 'stall' ? 'stalled' : 'pending';
    const attempt: NetworkAttempt = { host, port: Number(target.port), atMs: started(), outcome };
    attempts.push(attempt);
    process.send?.({ attempt });
    if (policy === 'deny') {
      const error = Object.assign(new Error(`connect ECONNREFUSED ${host}:${attempt.port} (network denied by miniprogram-ci-runner)`), {
        code: 'ECONNREFUSED',
      });
      process.nextTick(() => this.destroy(error));
      return this;
    }
    if (peer) {
      const address = peer.address() as net.AddressInfo;
      return connect.call(this, { host: '127.0.0.1', port: address.port });
    }
    this.once('connect', () => (attempt.outcome = 'connected'));
    this.once('error', (error: Error) => {
      attempt.outcome = 'error';
      attempt.error = error.message;
    });
    return connect.apply(this, args);
  };
}

function offlineProject(ci: MiniprogramCi, projectPath: string, appid: string): InstanceType<MiniprogramCi['Project']> {
  const options = {
    appid,
    type: 'miniProgram' as const,
    projectPath,
    // Only upload and preview use the key; the calls here never sign anything.
    privateKey: 'offline-dummy-key',
    // Without it the project asks servicewechat.com for the account's attributes.
    attr: async () => ci.DefaultProjectAttr,
    ignores: ['node_modules/**/*'],
  };
  return new ci.Project(options as ConstructorParameters<MiniprogramCi['Project']>[0]);
}

async function perform(ci: MiniprogramCi, task: Task): Promise<unknown> {
  switch (task.kind) {
    case 'packNpm': {
      const counts = { miniprogram: 0, other: 0 };
      const warnings = await ci.packNpm(offlineProject(ci, task.projectPath, task.appid), {
        reporter: (info: { miniprogram_pack_num?: number; other_pack_num?: number }) => {
          counts.miniprogram = info.miniprogram_pack_num ?? 0;
          counts.other = info.other_pack_num ?? 0;
        },
      });
      return { warnings, miniprogramPackages: counts.miniprogram, otherPackages: counts.other } satisfies PackNpmResult;
    }
    case 'packNpmManually': {
      const result = await ci.packNpmManually({ packageJsonPath: task.packageJsonPath, miniprogramNpmDistDir: task.outDir });
      return {
        warnings: result.warnList,
        miniprogramPackages: result.miniProgramPackNum,
        otherPackages: result.otherNpmPackNum,
      } satisfies PackNpmResult;
    }
    case 'compile':
      return compileIn(ci, task.projectPath, task.appid, task.setting);
    case 'inspect': {
      const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; durationMs: number }> => {
        const at = Date.now();
        return { result: await work(), durationMs: Date.now() - at };
      };
      const compiled = await timed(() => compileIn(ci, task.projectPath, task.appid, task.setting));
      const quality = await timed(() => qualityIn(ci, task.projectPath, task.appid));
      const analysis = await timed(() => analyseIn(ci, task.projectPath, task.appid));
      return { compiled, quality, analysis } satisfies Inspection;
    }
    case 'checkCodeQuality':
      return qualityIn(ci, task.projectPath, task.appid);
    case 'analyseCode':
      return analyseIn(ci, task.projectPath, task.appid);
  }
}

async function analyseIn(ci: MiniprogramCi, projectPath: string, appid: string): Promise<AnalyseResult> {
  const analysis = await ci.analyseCode(offlineProject(ci, projectPath, appid), { silent: true });
  return { files: (analysis?.files ?? []).map((f) => ({ path: f.path, size: f.size, moduleId: f.moduleId ?? null })) };
}

async function compileIn(ci: MiniprogramCi, projectPath: string, appid: string, setting: CompileSetting): Promise<CompileResult> {
  const output = await ci.getCompiledResult({ project: offlineProject(ci, projectPath, appid), version: '0.0.0', setting });
  const files: Record<string, number> = {};
  for (const [file, content] of Object.entries(output)) files[file] = Buffer.byteLength(content);
  const unused = (await analyseIn(ci, projectPath, appid)).files.filter((f) => f.moduleId === null).map((f) => f.path);
  return { files, unused };
}

async function qualityIn(ci: MiniprogramCi, projectPath: string, appid: string): Promise<QualityItem[]> {
  return (await ci.checkCodeQuality(offlineProject(ci, projectPath, appid))) as QualityItem[];
}

/** The part of miniprogram-ci's dependency analyser (dist/common/code-analyse) patched here. */
interface CodeAnalyseModule {
  FileHelper: { prototype: { watchFileChange(onChange: () => void): void } };
}

/**
 * Turns off the file watcher of miniprogram-ci's analyser (see the header: its initial scan races
 * the analysis). Fails loudly if the analyser moved, so an upgrade cannot bring the race back unseen.
 */
function analyseWithoutWatcher(): void {
  const ciRequire = createRequire(createRequire(__filename).resolve('miniprogram-ci'));
  const analyser = ciRequire('./common/code-analyse') as Partial<CodeAnalyseModule>;
  const prototype = analyser.FileHelper?.prototype;
  if (typeof prototype?.watchFileChange !== 'function') {
    throw new Error(
      `miniprogram-ci (${dirname(ciRequire.resolve('./common/code-analyse'))}) no longer has FileHelper.watchFileChange: ` +
        'check whether its analysis still races a file watcher before removing this guard',
    );
  }
  prototype.watchFileChange = () => undefined;
}

function childMain(): void {
  // The compiler forks workers with this process's execArgv from another cwd, where a bare
  // `-r esbuild-register` does not resolve; they are plain JS and need no loader.
  process.execArgv.splice(0);
  const attempts: NetworkAttempt[] = [];
  let startedAt = Date.now();
  watchConnections(process.env.MINIPROGRAM_CI_RUNNER_NETWORK ?? 'deny', () => Date.now() - startedAt, attempts);
  process.once('message', (task: Task) => {
    // Loaded after the hook, so nothing it opens at load time escapes it.
    const ci = createRequire(__filename)('miniprogram-ci') as MiniprogramCi;
    startedAt = Date.now();
    Promise.resolve()
      .then(() => {
        analyseWithoutWatcher();
        return perform(ci, task);
      })
      .then(
        (result) => finish({ ok: true, result, durationMs: Date.now() - startedAt, network: attempts }),
        (error: unknown) =>
          finish({
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
            durationMs: Date.now() - startedAt,
            network: attempts,
          }),
      );
  });
}

function finish(message: ChildMessage): void {
  // The calls leave handles open: exit explicitly once the parent has the result.
  process.send?.({ done: message }, () => process.exit(0));
}

// ---- command line -----------------------------------------------------------------------------

async function cli(args: string[]): Promise<void> {
  const [kind, path, outDir] = args;
  const policy = process.env.NETWORK;
  const options: RunOptions = { echo: true, network: policy === 'allow' || policy === 'stall' ? policy : 'deny' };
  let call: CallResult<unknown>;
  if (kind === 'packNpm' && path) call = await packNpm(path, options);
  else if (kind === 'packNpmManually' && path && outDir) call = await packNpmManually(path, outDir, options);
  else if (kind === 'compile' && path) {
    const compiled = await compile(path, options);
    console.log(JSON.stringify({ footprint: footprint(compiled.result, 'miniprogram_npm/'), durationMs: compiled.durationMs }, null, 2));
    call = compiled;
  } else if (kind === 'checkCodeQuality' && path) call = await checkCodeQuality(path, options);
  else if (kind === 'analyseCode' && path) call = await analyseCode(path, options);
  else {
    console.error('usage: miniprogram-ci-runner.ts packNpm|compile|checkCodeQuality|analyseCode <projectPath>');
    console.error('       miniprogram-ci-runner.ts packNpmManually <package.json> <outDir>      (NETWORK=allow|stall)');
    process.exitCode = 2;
    return;
  }
  console.log(JSON.stringify({ result: call.result, durationMs: call.durationMs, network: call.network }, null, 2));
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  if (process.argv[2] === '--child') childMain();
  else
    cli(process.argv.slice(2)).catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
