/**
 * Builds the shipped layout into a folder: `<dir>/core.js` (the core bundle another build step
 * makes for real) plus the components and their common module, and each WXML compiled for glass-easel
 * (`<name>/index.wxml.glass-easel.js`, beside the files the package ships). Run in a child process by the
 * component suites: esbuild refuses to run inside jest's jsdom realm.
 *
 *   node -r esbuild-register test/components/build-dist.ts <dir>
 */
import { build } from 'esbuild';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildComponents } from '../../build/components';
import { compileWxml } from '../../playground/build';

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
  // glass-easel takes templates compiled ahead (glass-easel-template-compiler, WebAssembly, not loadable in jsdom's realm).
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const wxml = join(dir, entry.name, 'index.wxml');
    if (!entry.isDirectory() || !(await stat(wxml).catch(() => null))) continue;
    await writeFile(`${wxml}.glass-easel.js`, compileWxml(await readFile(wxml, 'utf8'), wxml));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: build-dist.ts <dir>');
  buildDist(resolve(dir)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
