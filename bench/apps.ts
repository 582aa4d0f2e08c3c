/**
 * The tiny mini programs the bench measures: one DevTools project each, with the SDK installed
 * as a user installs it. package.json names it, `npm install` lays out node_modules (npm's own
 * hoisting and deduplication), then WeChat's 构建 npm (miniprogram-ci packNpm, build/
 * miniprogram-ci-runner.ts) writes miniprogram_npm/. Ours is `npm pack` of this checkout's build
 * (build/demo.ts's packTarball: no dependencies, so no registry); the seed SDK comes from the
 * registry at the version devDependencies pin, npm's cache first (`--prefer-offline`).
 *
 * The list is data: a new kind of app is one entry in APPS.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleLibrary } from '../build/bundle';
import { buildComponents } from '../build/components';
import { npmCommand, packTarball } from '../build/demo';
import { packNpm } from '../build/miniprogram-ci-runner';
import { createSandbox } from '../build/wx-sandbox';

export const ROOT = path.resolve(__dirname, '..');
/** The package name users install, for ours and the seed alike. */
export const PACKAGE_NAME = 'authing-wxapp-sdk';
export const SEED_VERSION = (
  JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'authing-wxapp-sdk-seed', 'package.json'), 'utf8')) as { version: string }
).version;

export interface AppSpec {
  kind: string;
  label: string;
  /** This checkout's build, or the seed SDK it replaces (the anchor every figure compares with). */
  subject: 'ours' | 'anchor';
  appJs: string;
  /** Our components the page uses (folder names). */
  components?: string[];
  /** The file the app's first require loads, under miniprogram_npm/ (figure 2 times it). */
  entry: string;
  /** What the app does next, untimed, so the globals it looks up count too. */
  construct?: (exports: unknown) => void;
  /** A file our miniprogram_dist must have for this app to exist (an entry point not built yet). */
  needs?: string;
  /** The targets: minified bytes after 构建 npm; cold load within ¼ of the anchor's. */
  limitKb?: number;
  coldLoadTarget?: boolean;
}

type Exports = Record<string, new (options: { appId: string }) => unknown> & { getClient: (options: { appId: string }) => unknown };
/** `new AuthenticationClient({appId})`, the first thing app.js does. */
const constructClient = (exports: unknown): unknown => new (exports as Exports).AuthenticationClient({ appId: 'AUTHING_APP_ID' });
const CLIENT_APP = `const { AuthenticationClient } = require('${PACKAGE_NAME}');\n\nApp({ authing: new AuthenticationClient({ appId: 'AUTHING_APP_ID' }) });\n`;

export const APPS: AppSpec[] = [
  {
    kind: 'components',
    label: 'ours: three components, no client',
    subject: 'ours',
    appJs: 'App({});\n',
    components: ['login-button', 'phone-button', 'avatar-picker'],
    entry: `${PACKAGE_NAME}/core.js`,
    // What a component does on attach: the shared client for its app-id.
    construct: (exports) => (exports as Exports).getClient({ appId: 'AUTHING_APP_ID' }),
    limitKb: 30,
  },
  {
    kind: 'full',
    label: 'ours: full AuthenticationClient',
    subject: 'ours',
    appJs: CLIENT_APP,
    entry: `${PACKAGE_NAME}/index.js`,
    construct: constructClient,
    limitKb: 150,
    coldLoadTarget: true,
  },
  {
    kind: 'v3',
    label: 'ours: v3 Authing client',
    subject: 'ours',
    appJs: `const { Authing } = require('${PACKAGE_NAME}/v3');\n\nApp({ authing: new Authing({ appId: 'AUTHING_APP_ID' }) });\n`,
    entry: `${PACKAGE_NAME}/v3.js`,
    construct: (exports) => new (exports as Exports).Authing({ appId: 'AUTHING_APP_ID' }),
    needs: 'v3.js',
  },
  {
    kind: 'anchor',
    label: `seed ${SEED_VERSION}: AuthenticationClient`,
    subject: 'anchor',
    appJs: CLIENT_APP,
    entry: `${PACKAGE_NAME}/index.js`,
    construct: constructClient,
  },
];

export interface PackedApp {
  spec: AppSpec;
  dir: string;
  /** What npm installed, name@version, from the app's package-lock.json. */
  installed: string[];
  /** npm install + 构建 npm. */
  installMs: number;
}

/**
 * `npm install` in `dir` as its package.json says (npm's cache first, no install scripts), and
 * what it installed: name@version from the package-lock.json it wrote.
 */
export async function npmInstall(dir: string): Promise<string[]> {
  const [command, args] = npmCommand(['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund']);
  await promisify(execFile)(command, args, { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  return Object.entries(lock.packages)
    .filter(([location]) => location.startsWith('node_modules/'))
    .map(([location, { version }]) => `${location.split('node_modules/').pop()}@${version}`);
}

async function writeJson(file: string, value: object): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * This checkout built with the project's own build steps into `<work>/package` (so a fresh clone
 * works and the working tree's miniprogram_dist is never overwritten), then `npm pack`ed.
 */
export async function packOurs(work: string): Promise<{ tarball: string; dist: string; cleanup: string }> {
  const packageDir = path.join(work, 'package');
  const dist = path.join(packageDir, 'miniprogram_dist');
  await mkdir(dist, { recursive: true });
  // The bundles gulp build makes (gulpfile.ts buildLib), from the same list.
  await bundleLibrary(ROOT, dist);
  await buildComponents(dist);
  await copyFile(path.join(ROOT, 'package.json'), path.join(packageDir, 'package.json'));
  const packed = await packTarball(packageDir);
  return { tarball: packed.file, dist, cleanup: packed.dir };
}

/** One app in `<work>/app-<kind>`: its files, `npm install`, 构建 npm (`tarball`: our package, for our apps). */
export async function makeApp(work: string, spec: AppSpec, tarball = ''): Promise<PackedApp> {
  const started = performance.now();
  const dir = path.join(work, `app-${spec.kind}`);
  const dependency = spec.subject === 'ours' ? `file:${tarball}` : SEED_VERSION;
  await writeJson(path.join(dir, 'package.json'), {
    name: `tiny-${spec.kind}`,
    version: '1.0.0',
    private: true,
    dependencies: { [PACKAGE_NAME]: dependency },
  });
  await writeJson(path.join(dir, 'project.config.json'), {
    appid: 'wx5f2b0c1d3e4a6b79',
    compileType: 'miniprogram',
    miniprogramRoot: '',
    setting: { es6: true, minified: true, ignoreUploadUnusedFiles: true },
  });
  await writeJson(path.join(dir, 'app.json'), { pages: ['pages/index/index'] });
  await writeFile(path.join(dir, 'app.js'), spec.appJs);
  const page = path.join(dir, 'pages', 'index', 'index');
  const components = spec.components ?? [];
  await writeJson(`${page}.json`, {
    usingComponents: Object.fromEntries(components.map((c) => [`authing-${c}`, `${PACKAGE_NAME}/${c}/index`])),
  });
  const wxml = components.map((c) => `<authing-${c} app-id="AUTHING_APP_ID" />\n`).join('') || `<view>${spec.kind}</view>\n`;
  await Promise.all([writeFile(`${page}.js`, 'Page({});\n'), writeFile(`${page}.wxml`, wxml), writeFile(`${page}.wxss`, '')]);
  const installed = await npmInstall(dir);
  await packNpm(dir, { timeoutMs: 120_000 });
  return { spec, dir, installed, installMs: performance.now() - started };
}

/** Every app whose entry exists in our build, made in parallel (npm and packNpm are I/O bound). */
export async function makeApps(work: string, ours: { tarball: string; dist: string }): Promise<PackedApp[]> {
  const specs = APPS.filter((spec) => !spec.needs || existsSync(path.join(ours.dist, spec.needs)));
  return Promise.all(specs.map((spec) => makeApp(work, spec, ours.tarball)));
}

/** The full client's shape, ours and the seed's alike, as far as the bench calls it. */
export interface ClientLike {
  loginByCode(code?: string, options?: object): Promise<{ id: string; token?: string | null }>;
  loginByPhone(code: string, iv: string, encryptedData: string): Promise<{ id: string; phone?: string | null }>;
  getCurrentUser(): Promise<{ id: string } | null>;
  updateProfile(patch: object): Promise<{ id: string }>;
}

/**
 * The app's SDK loaded afresh from its 构建 npm output in build/wx-sandbox.ts's realm, and a
 * client constructed as its users do. 'shadowed' for CPU timings (see the sandbox's options).
 */
export function clientOn<Client = ClientLike>(
  app: PackedApp,
  wx: object,
  options: { appId: string; host: string; userPoolId?: string },
  globals: 'recorded' | 'shadowed' = 'recorded',
): Client {
  const sandbox = createSandbox({ root: app.dir, wx, globals });
  const { AuthenticationClient } = sandbox.require(`./miniprogram_npm/${app.spec.entry}`) as {
    AuthenticationClient: new (o: typeof options) => Client;
  };
  return new AuthenticationClient(options);
}
