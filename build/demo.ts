/**
 * The demo mini program → miniprogram_dev/, with authing-wxapp-sdk installed the way a user gets
 * it: `npm pack` of this repository, installed from that tarball into the demo's node_modules
 * (offline: the package has no dependencies), then WeChat's 构建 npm (miniprogram-ci packNpm) to
 * miniprogram_npm/. What DevTools opens is then exactly what a user's project holds.
 *
 * Expects miniprogram_dist/ to be built (gulp build) before it runs.
 */
import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { packNpm, type PackWarning } from './miniprogram-ci-runner';

const ROOT = resolve(__dirname, '..');
export const DEMO_SOURCE = join(ROOT, 'demo');
export const DEMO_OUT = join(ROOT, 'miniprogram_dev');
export const PACKAGE_NAME = 'authing-wxapp-sdk';

export interface DemoBuildOptions {
  /** Where the built demo goes. Default miniprogram_dev/. */
  outDir?: string;
  /** Authing host written into the built config.js (e.g. an emulator on another port). Default: as in demo/config.js. */
  host?: string;
  /**
   * Run 构建 npm on this DevTools project folder, as the DevTools button does (its
   * project.config.json decides where miniprogram_npm/ goes). Default: on outDir itself, which
   * gives the same result without scanning a whole repository.
   */
  projectRoot?: string;
  /** Progress lines; default console.log. */
  log?: (line: string) => void;
}

export interface DemoBuildResult {
  outDir: string;
  /** The `npm pack` tarball the demo installed (deleted after the build). */
  tarballName: string;
  tarballBytes: number;
  /** 构建 npm's warnings (unresolvable requires …); empty when all is well. */
  warnings: PackWarning[];
  /** Files under miniprogram_npm/authing-wxapp-sdk/ and their sizes. */
  npmFiles: Record<string, number>;
  /** Files of the demo itself (pages, components, app.*) and their sizes. */
  demoFiles: Record<string, number>;
  durationMs: number;
}

function exec(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolveExec, reject) => {
    execFile(command, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed (in ${cwd}):\n${stderr || error.message}`));
      else resolveExec(stdout);
    });
  });
}

/** How to run npm itself: with this Node when npm started us (works where `npm` is a shell shim). */
export function npmCommand(args: string[]): [command: string, args: string[]] {
  const cli = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? process.env.npm_execpath : null;
  return cli ? [process.execPath, [cli, ...args]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', args];
}

function npm(args: string[], cwd: string): Promise<string> {
  return exec(...npmCommand(args), cwd);
}

async function sizes(dir: string, base = dir): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, await sizes(path, base));
    else out[relative(base, path).split('\\').join('/')] = (await stat(path)).size;
  }
  return out;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1).padStart(6)} KB`;
}

/**
 * `npm pack` of this repository (or of another package folder in it, e.g. emulator/) into a temp
 * folder; prepack's / prepare's build is skipped, the caller has just built.
 */
export async function packTarball(packageDir = ROOT): Promise<{ file: string; name: string; bytes: number; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'authing-wxapp-sdk-pack-'));
  const output = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], packageDir);
  const [packed] = JSON.parse(output) as Array<{ filename: string; size: number }>;
  return { file: join(dir, packed.filename), name: packed.filename, bytes: packed.size, dir };
}

/** Copies demo/ over outDir, leaving node_modules and miniprogram_npm alone; applies the host. */
export async function copyDemoSources(outDir: string, host?: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await cp(DEMO_SOURCE, outDir, { recursive: true });
  if (host) await setConfigHost(outDir, host);
}

/** Rewrites the `host:` line of the built config.js; the source keeps its default. */
export async function setConfigHost(outDir: string, host: string): Promise<void> {
  const file = join(outDir, 'config.js');
  const source = await readFile(file, 'utf8');
  const pattern = /^(\s*host:\s*)'[^']*'/m;
  if (!pattern.test(source)) throw new Error(`${file}: no \`host: '…'\` line to point at ${host}`);
  await writeFile(file, source.replace(pattern, `$1'${host.replace(/'/g, '')}'`));
}

export async function buildDemo(options: DemoBuildOptions = {}): Promise<DemoBuildResult> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const outDir = resolve(options.outDir ?? DEMO_OUT);
  await stat(join(ROOT, 'miniprogram_dist', 'index.js')).catch(() => {
    throw new Error('miniprogram_dist/ is not built: run `npx gulp build` (or `npx gulp demo`, which builds first)');
  });

  const tarball = await packTarball();
  try {
    log(`  npm pack                     ${kb(tarball.bytes)}  ${tarball.name}`);

    await rm(outDir, { recursive: true, force: true });
    await copyDemoSources(outDir, options.host);
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const demoPackage = JSON.parse(await readFile(join(outDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    demoPackage.dependencies[PACKAGE_NAME] = `^${version}`;
    await writeFile(join(outDir, 'package.json'), JSON.stringify(demoPackage, null, 2) + '\n');

    // The tarball is the only package involved, so npm never needs the registry.
    await npm(
      ['install', tarball.file, '--no-save', '--no-package-lock', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'],
      outDir,
    );
    log(`  npm install (offline)        node_modules/${PACKAGE_NAME}@${version}`);

    // WeChat DevTools' 工具 → 构建 npm, as the code behind it runs it.
    const packed = await packNpm(options.projectRoot ?? outDir);
    const warnings = packed.result.warnings;
    const npmFiles = await sizes(join(outDir, 'miniprogram_npm', PACKAGE_NAME));
    const shipped = Object.entries(npmFiles).filter(([file]) => !file.endsWith('.d.ts'));
    log(
      `  构建 npm (miniprogram-ci)    ${kb(shipped.reduce((sum, [, size]) => sum + size, 0))}  miniprogram_npm/${PACKAGE_NAME}/ ` +
        `(${shipped.length} files, ${packed.durationMs} ms, ${warnings.length} warnings)`,
    );
    for (const warning of warnings) log(`    warning ${warning.code}: ${warning.jsPath} ${warning.msg} ${warning.tips}`);

    const demoFiles = await sizes(DEMO_SOURCE);
    const demoBytes = Object.values(demoFiles).reduce((sum, size) => sum + size, 0);
    const shownDir = outDir.startsWith(ROOT + '/') ? relative(ROOT, outDir) : outDir;
    log(`  demo pages + components      ${kb(demoBytes)}  ${shownDir}/ (${Object.keys(demoFiles).length} files)`);
    if (options.host) log(`  config.js host               ${options.host}`);
    return {
      outDir,
      tarballName: tarball.name,
      tarballBytes: tarball.bytes,
      warnings,
      npmFiles,
      demoFiles,
      durationMs: Date.now() - started,
    };
  } finally {
    await rm(tarball.dir, { recursive: true, force: true });
  }
}

/**
 * A WeChat DevTools project folder laid out as this repository's root: its project.config.json
 * next to the built demo in miniprogram_dev/. What DevTools (and miniprogram-ci) open.
 */
export async function buildDemoProject(
  root: string,
  options: Omit<DemoBuildOptions, 'outDir' | 'projectRoot'> = {},
): Promise<DemoBuildResult> {
  await mkdir(root, { recursive: true });
  await copyFile(join(ROOT, 'project.config.json'), join(root, 'project.config.json'));
  return buildDemo({ ...options, outDir: join(root, 'miniprogram_dev'), projectRoot: root });
}
