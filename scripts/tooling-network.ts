/**
 * npm run tooling:network — which miniprogram-ci calls reach for WeChat's servers, and how long
 * they wait when the network is there, absent or stalled. Kept out of `npm test` on purpose: one
 * of these calls can wait without limit, and CI must never sit on a network timeout.
 *
 * Each call runs on the demo project (built into a temp folder from an `npm pack` tarball) in its
 * own child process (build/miniprogram-ci-runner.ts) under each network policy:
 *   deny   non-loopback connections refused at once (what npm test uses)
 *   allow  the machine's real network
 *   stall  connections go to a local peer that accepts and never answers (a hung proxy)
 *
 *   npm run tooling:network                         allow and deny, 60 s limit per call
 *   npm run tooling:network -- --stall --timeout 20 also stall
 *   npm run tooling:network -- --only compile
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoProject } from '../build/demo';
import {
  analyseCode,
  checkCodeQuality,
  CiTimeoutError,
  compile,
  packNpm,
  type CallResult,
  type NetworkAttempt,
  type NetworkPolicy,
  type RunOptions,
} from '../build/miniprogram-ci-runner';
import { scriptArgs } from './lib/script-args';

type Call = (root: string, options: RunOptions) => Promise<CallResult<unknown>>;

const CALLS: Array<[string, Call]> = [
  ['packNpm', (root, options) => packNpm(root, options)],
  ['getCompiledResult', (root, options) => compile(root, options)],
  ['checkCodeQuality', (root, options) => checkCodeQuality(root, options)],
  ['analyseCode', (root, options) => analyseCode(root, options)],
];

function describeAttempts(network: NetworkAttempt[]): string {
  if (network.length === 0) return 'no connection attempted';
  return network
    .map((a) => `${a.host}:${a.port} at ${(a.atMs / 1000).toFixed(1)} s → ${a.outcome}${a.error ? ` (${a.error})` : ''}`)
    .join('; ');
}

async function measure(name: string, call: Call, root: string, network: NetworkPolicy, timeoutMs: number): Promise<string> {
  const started = Date.now();
  try {
    const result = await call(root, { network, timeoutMs });
    const wall = ((Date.now() - started) / 1000).toFixed(1);
    return `${name.padEnd(18)} ${network.padEnd(5)}  finished in ${(result.durationMs / 1000).toFixed(1)} s (${wall} s with process start)  ${describeAttempts(result.network)}`;
  } catch (error) {
    if (error instanceof CiTimeoutError) {
      return `${name.padEnd(18)} ${network.padEnd(5)}  STILL WAITING after ${timeoutMs / 1000} s: killed  ${describeAttempts(error.network)}`;
    }
    return `${name.padEnd(18)} ${network.padEnd(5)}  failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

async function main(): Promise<void> {
  const values = scriptArgs(
    { timeout: { type: 'string' }, stall: { type: 'boolean' }, only: { type: 'string' } },
    'usage: npm run tooling:network -- [--timeout SECONDS] [--stall] [--only packNpm|getCompiledResult|checkCodeQuality|analyseCode]',
  );
  if (!values) return;
  const timeoutMs = Number(values.timeout ?? 60) * 1000;
  const policies: NetworkPolicy[] = values.stall ? ['deny', 'allow', 'stall'] : ['deny', 'allow'];
  const calls = CALLS.filter(([name]) => !values.only || name === values.only);

  const root = await mkdtemp(join(tmpdir(), 'authing-tooling-network-'));
  try {
    console.log(`demo project (npm pack → 构建 npm) in ${root}`);
    await buildDemoProject(root, { log: (line) => console.log(line) });
    console.log(`\nminiprogram-ci calls, each in its own process, ${timeoutMs / 1000} s limit:`);
    for (const [name, call] of calls) {
      for (const policy of policies) console.log(`  ${await measure(name, call, root, policy, timeoutMs)}`);
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
