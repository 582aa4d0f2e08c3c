/**
 * Build tasks. `npx gulp --tasks` lists them.
 *   build   lib + components → miniprogram_dist/, the wx simulator → testing/dist/, the emulator → emulator/dist/
 *   demo    build, then the demo → miniprogram_dev/ with the package from `npm pack` and 构建 npm
 *   dev     demo, then rebuild on changes to lib/, components/ (everything) or demo/ (the demo's own files)
 *   playground  build, then the browser playground → playground/dist/ (npm run playground serves it)
 *   clean   remove every build output
 *   rules   rewrite the argument rules from the declarations (build/argument-rules.ts); build
 *           fails while the committed ones are out of date
 * AUTHING_DEMO_HOST=http://127.0.0.1:4001 points the built demo at another Authing host.
 */
import { parallel, series, watch } from 'gulp';
import { buildDemo as buildDemoInto, copyDemoSources, DEMO_OUT } from './build/demo';
import { writeNotices } from './build/notices';
import { buildComponents as bundleComponents, componentSizes } from './build/components';
import { assertWeChatSafe } from './build/bundle';
import { build as esbuild } from 'esbuild';
import { mkdir, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { bundleLibrary, outputSize } from './build/bundle';
import { emitDeclarations } from './build/declarations';
import { staleArgumentRules, writeArgumentRules } from './build/argument-rules';
import { buildPlayground as bundlePlayground } from './playground/build';

const ROOT = __dirname;

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`))));
  });
}

async function report(label: string, file: string): Promise<void> {
  const { size } = await stat(file);
  console.log(`  ${label.padEnd(28)} ${(size / 1024).toFixed(1).padStart(7)} KB  ${file.replace(ROOT + '/', '')}`);
}

/** The wx simulator for Node tests (authing-wxapp-sdk/testing): one CommonJS file plus its types. */
async function buildTesting(): Promise<void> {
  await rm(`${ROOT}/testing/dist`, { recursive: true, force: true });
  await esbuild({
    entryPoints: [`${ROOT}/testing/index.ts`],
    outfile: `${ROOT}/testing/dist/index.js`,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: false,
    logLevel: 'warning',
  });
  await run(process.execPath, [`${ROOT}/node_modules/typescript/bin/tsc`, '-p', 'tsconfig.testing.json']);
  await report('testing (wx simulator)', `${ROOT}/testing/dist/index.js`);
}

/** The emulator package (authing-wxapp-emulator) → emulator/dist/, by its own build script: the bin runs that. */
async function buildEmulator(): Promise<void> {
  await run(process.execPath, [`${ROOT}/emulator/scripts/build.js`]);
  await report('emulator (bin + API)', `${ROOT}/emulator/dist/index.js`);
}

/**
 * The phone-side library: miniprogram_dist/core.js (the lean core), index.js (the full client,
 * requiring ./core.js at run time), v3.js (the v3 client, likewise), and their declarations in types/ (index.d.ts, core.d.ts),
 * outside miniprogram_dist so that 构建 npm copies none of them to the phone.
 */
async function buildLib(): Promise<void> {
  const outdir = `${ROOT}/miniprogram_dist`;
  await mkdir(outdir, { recursive: true });
  const [{ core, full, v3 }] = await Promise.all([bundleLibrary(ROOT, outdir), emitDeclarations(ROOT)]);
  for (const [label, file] of [
    ['core (lean client)', core.file],
    ['index (full client)', full.file],
    ['v3 (v3 client)', v3.file],
  ]) {
    const { bytes, gzipBytes } = outputSize(file);
    console.log(
      `  ${label.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(7)} KB min ${(gzipBytes / 1024).toFixed(1).padStart(6)} KB gzip  ${file.replace(ROOT + '/', '')}`,
    );
  }
  const packages = writeNotices(ROOT, [core.metafile, full.metafile, v3.metafile]);
  console.log(`  bundled packages: ${packages.join(', ')} (licences in THIRD_PARTY_NOTICES.md)`);
}

/** The custom components → miniprogram_dist/<name>/ (+ common/), requiring ../core at run time. */
async function buildComponents(): Promise<void> {
  const outdir = `${ROOT}/miniprogram_dist`;
  await bundleComponents(outdir);
  const sizes = await componentSizes(outdir);
  let total = 0;
  for (const [file, size] of Object.entries(sizes)) {
    if (file.endsWith('.js')) assertWeChatSafe(`${outdir}/${file}`);
    total += size;
  }
  console.log(
    `  components (3 + common)     ${(total / 1024).toFixed(1).padStart(7)} KB      miniprogram_dist/{common,login-button,phone-button,avatar-picker}/`,
  );
}

/** The shipped argument checks must match the declarations they were generated from. */
async function checkRules(): Promise<void> {
  const stale = staleArgumentRules(ROOT);
  if (stale.length) throw new Error(`argument rules out of date: ${stale.join(', ')}; run \`npx gulp rules\` and commit the result`);
}

async function rules(): Promise<void> {
  const written = writeArgumentRules(ROOT);
  console.log(written.length ? `  argument rules rewritten: ${written.join(', ')}` : '  argument rules already up to date');
}

async function removeDirs(dirs: string[]): Promise<void> {
  for (const dir of dirs) await rm(`${ROOT}/${dir}`, { recursive: true, force: true });
}

async function clean(): Promise<void> {
  await removeDirs(['miniprogram_dist', 'types', 'miniprogram_dev', 'testing/dist', 'playground/dist', 'emulator/dist']);
}

/** A build starts from nothing: a file an older build left (a removed module, old typings) never ships. */
async function cleanPackage(): Promise<void> {
  await removeDirs(['miniprogram_dist', 'types', 'testing/dist']);
}

/** miniprogram_dev/: the demo with the packed package installed and 构建 npm run. */
async function buildDemo(): Promise<void> {
  await buildDemoInto({ host: process.env.AUTHING_DEMO_HOST || undefined });
}

/** A change in demo/ only needs the demo's own files copied again; the installed package stays. */
async function copyDemo(): Promise<void> {
  await copyDemoSources(DEMO_OUT, process.env.AUTHING_DEMO_HOST || undefined);
  console.log('  demo sources copied to miniprogram_dev/');
}

/** playground/dist/: the components of miniprogram_dist/ on glass-easel, for a browser. */
async function buildPlayground(): Promise<void> {
  const { jsBytes } = await bundlePlayground(`${ROOT}/playground/dist`);
  console.log(`  playground (page JS)        ${(jsBytes / 1024).toFixed(1).padStart(7)} KB min  playground/dist/playground.js`);
}

export { clean, buildLib, buildTesting, buildComponents, buildEmulator, buildPlayground, rules };
export const build = series(cleanPackage, parallel(checkRules, buildTesting, buildLib, buildComponents, buildEmulator));
export const demo = series(build, buildDemo);
export const playground = series(parallel(buildLib, buildComponents), buildPlayground);

function watchSources(): void {
  // The library changes reach the demo the way a new release would: build, pack, install, 构建 npm.
  watch(['lib/**/*', 'components/**/*'], { ignoreInitial: true }, series(parallel(buildLib, buildComponents), buildDemo));
  watch(['demo/**/*'], { ignoreInitial: true }, copyDemo);
  console.log('  watching lib/, components/, demo/ (Ctrl-C to stop)');
}
export const dev = series(demo, watchSources);
export default build;
