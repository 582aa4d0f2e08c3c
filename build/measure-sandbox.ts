/**
 * Size and load time of miniprogram_dist in the WeChat-like sandbox (run `npx gulp build` first):
 *   node -r esbuild-register build/measure-sandbox.ts [runs]
 * Each run is a fresh realm: no module cache, no JIT warmth from the previous run.
 */
import path from 'node:path';
import { outputSize } from './bundle';
import { createSandbox, storageOnlyWx } from './wx-sandbox';

const DIST = path.join(__dirname, '..', 'miniprogram_dist');
const RUNS = Number(process.argv[2]) || 20;

interface FullModule {
  AuthenticationClient: new (options: { appId: string }) => object;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(label: string, samples: number[]): string {
  const sorted = samples.slice().sort((a, b) => a - b);
  return `${label.padEnd(34)} median ${percentile(sorted, 50).toFixed(2).padStart(6)} ms   p95 ${percentile(sorted, 95).toFixed(2).padStart(6)} ms`;
}

function main(): void {
  for (const file of ['core.js', 'index.js']) {
    const { bytes, gzipBytes } = outputSize(path.join(DIST, file));
    console.log(
      `${file.padEnd(10)} ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB) min, ${gzipBytes} bytes (${(gzipBytes / 1024).toFixed(1)} KB) gzip`,
    );
  }

  const coreOnly: number[] = [];
  const load: number[] = [];
  const construct: number[] = [];
  let lookups: string[] = [];
  let foreign: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    const lean = createSandbox({ root: DIST, wx: storageOnlyWx() });
    let start = performance.now();
    lean.require('./core.js');
    coreOnly.push(performance.now() - start);

    const sandbox = createSandbox({ root: DIST, wx: storageOnlyWx() });
    start = performance.now();
    const full = sandbox.require('./index.js') as FullModule;
    load.push(performance.now() - start);
    start = performance.now();
    new full.AuthenticationClient({ appId: `measure-${run}` });
    construct.push(performance.now() - start);
    lookups = Array.from(sandbox.lookups).sort();
    foreign = Array.from(sandbox.foreignGlobals).sort();
  }
  console.log(`\n${RUNS} fresh sandbox realms:`);
  console.log(summary('require core.js alone', coreOnly));
  console.log(summary('require index.js (+ core.js)', load));
  console.log(summary('new AuthenticationClient()', construct));
  console.log(`\nglobals looked up while loading and constructing: ${lookups.join(', ')}`);
  console.log(`globals WeChat lacks: ${foreign.length ? foreign.join(', ') : 'none'}`);
  if (foreign.length) process.exitCode = 1;
}

main();
