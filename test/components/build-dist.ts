/**
 * Builds the shipped layout into a folder: `<dir>/core.js` (the core bundle another build step
 * makes for real) plus the components and their common module. Run in a child process by the
 * component suites: esbuild refuses to run inside jest's jsdom realm.
 *
 *   node -r esbuild-register test/components/build-dist.ts <dir>
 */
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { buildComponents } from '../../build/components';

const ROOT = resolve(__dirname, '..', '..');

export async function buildDist(dir: string): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'lib', 'core', 'index.ts')],
    outfile: join(dir, 'core.js'),
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2017',
    logLevel: 'warning',
  });
  await buildComponents(dir);
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: build-dist.ts <dir>');
  buildDist(resolve(dir)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
