/**
 * The demo, with the SDK installed from an `npm pack` tarball, as WeChat's own tooling sees it:
 * DevTools' 构建 npm, the compiler behind upload, the code-quality panel and the dependency
 * analysis (miniprogram-ci), and the WXML / WXSS compilers (wcc / wcsc).
 *
 * Offline by construction: every miniprogram-ci call runs in a child process with non-loopback
 * connections refused (build/miniprogram-ci-runner.ts). getCompiledResult is the one call that
 * reaches for WeChat's servers (servicewechat.com/wxa/ci/getwhiteextlist); refused, it falls back
 * at once to the list it ships with. `npm run tooling:network` shows what happens online.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  DEFAULT_TIMEOUT_MS,
  footprint,
  inspectProject,
  packNpmManually,
  type CallResult,
  type Inspection,
  type NetworkAttempt,
} from '../../build/miniprogram-ci-runner';
import { compileFile, filesEndingWith, makeCompilersRunnable } from '../support/wx-compilers';
import { createDemoProject, type DemoProject } from './demo-project';

const SDK = 'miniprogram_npm/authing-wxapp-sdk/';
const COMPONENTS = ['login-button', 'phone-button', 'avatar-picker'];
/** What the phone runs, per the package's miniprogram_dist. */
const SHIPPED = [
  'core.js',
  'index.js',
  'v3.js',
  'common/index.js',
  'common/index.wxss',
  ...COMPONENTS.flatMap((name) => ['js', 'json', 'wxml', 'wxss'].map((ext) => `${name}/index.${ext}`)),
];
/** The runner's hang guard (build/miniprogram-ci-runner.ts); jest's limits sit above it, so only a hang fails, not a slow machine. */
const CI = { timeoutMs: DEFAULT_TIMEOUT_MS };
const HOOK_LIMIT_MS = DEFAULT_TIMEOUT_MS + 60_000;
const REPO = resolve(__dirname, '..', '..');
/**
 * What the uploaded package leaves out as unused: the demo's own package.json (npm's; nothing
 * requires it). Nothing under node_modules/ is listed at all: miniprogram-ci skips that folder.
 */
const UNUSED = ['package.json'];

let project: DemoProject;
/** The repository root before any tool ran: miniprogram-ci used to leave a cache folder there. */
let repoBefore: string[];

beforeAll(async () => {
  repoBefore = (await readdir(REPO)).sort();
  // 构建 npm runs on the project folder, as DevTools' button does: project.config.json decides where it goes.
  project = await createDemoProject('authing-tooling-');
  makeCompilersRunnable();
}, HOOK_LIMIT_MS);

afterAll(async () => {
  await project?.remove();
});

function offline(network: NetworkAttempt[]): void {
  for (const attempt of network) expect(attempt).toMatchObject({ outcome: 'denied' });
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path, base)));
    else
      out.push(
        path
          .slice(base.length + 1)
          .split('\\')
          .join('/'),
      );
  }
  return out.sort();
}

describe('构建 npm (miniprogram-ci packNpm / packNpmManually)', () => {
  test('the demo gets the package from the npm pack tarball; 构建 npm on the project copies its miniprogram_dist without a warning', async () => {
    const { build, miniprogramRoot } = project;
    expect(build.tarballName).toMatch(/^authing-wxapp-sdk-.+\.tgz$/);
    expect(build.warnings).toEqual([]);
    const installed = JSON.parse(await readFile(join(miniprogramRoot, 'node_modules', 'authing-wxapp-sdk', 'package.json'), 'utf8'));
    const own = JSON.parse(await readFile(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(installed).toMatchObject({ name: 'authing-wxapp-sdk', version: own.version, miniprogram: 'miniprogram_dist' });
    // Nothing of the emulator or the simulator reaches the phone.
    expect(installed.dependencies ?? {}).toEqual({});
    for (const file of SHIPPED) expect(Object.keys(build.npmFiles)).toContain(file);
    expect(Object.keys(build.npmFiles).filter((f) => /\.(ts|map)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  });

  test(
    'packNpmManually with the packNpmRelationList of project.config.json builds the same miniprogram_npm',
    async () => {
      const npmDir = join(project.miniprogramRoot, 'miniprogram_npm');
      const before = await listFiles(npmDir);
      await rm(npmDir, { recursive: true });
      const config = JSON.parse(await readFile(join(project.root, 'project.config.json'), 'utf8'));
      const [relation] = config.setting.packNpmRelationList as Array<{ packageJsonPath: string; miniprogramNpmDistDir: string }>;
      const manually = await packNpmManually(
        join(project.root, relation.packageJsonPath),
        join(project.root, relation.miniprogramNpmDistDir),
        CI,
      );
      expect(manually.result).toMatchObject({ warnings: [], miniprogramPackages: 1, otherPackages: 0 });
      expect(manually.network).toEqual([]);
      expect(await listFiles(npmDir)).toEqual(before);
    },
    HOOK_LIMIT_MS,
  );
});

describe('compile, code quality and dependency analysis (offline miniprogram-ci Project)', () => {
  let inspection: CallResult<Inspection>;
  beforeAll(async () => {
    inspection = await inspectProject(project.root, CI);
  }, HOOK_LIMIT_MS);

  test('getCompiledResult compiles the whole demo; its one call to WeChat’s servers is refused, not waited on', () => {
    const { result: compiled, durationMs } = inspection.result.compiled;
    const files = Object.keys(compiled.files);
    for (const page of ['pages/index/index', 'pages/profile/index', 'components/demo-notice/index', 'components/user-card/index']) {
      for (const ext of ['js', 'json', 'wxml', 'wxss']) expect(files).toContain(`${page}.${ext}`);
    }
    for (const file of SHIPPED) expect(files).toContain(`${SDK}${file}`);

    expect(inspection.network.map((a) => `${a.host}:${a.port}`)).toEqual(['servicewechat.com:443']);
    offline(inspection.network);

    // What the SDK adds to the uploaded package (upload leaves out what nothing requires).
    const sdk = footprint(compiled, SDK);
    const componentsOnly = Object.entries(compiled.files)
      .filter(([file]) => file.startsWith(SDK) && file !== `${SDK}index.js` && file !== `${SDK}v3.js`)
      .reduce((sum, [, size]) => sum + size, 0);
    expect(sdk.usedFiles).toBe(SHIPPED.length);
    expect(sdk.usedBytes).toBe(sdk.bytes);
    console.log(
      [
        `getCompiledResult of the demo (ES6 → ES5, minified): ${(durationMs / 1000).toFixed(1)} s`,
        `  miniprogram_npm/authing-wxapp-sdk in the compiled package: ${sdk.usedBytes} bytes (${(sdk.usedBytes / 1024).toFixed(1)} KB, ${sdk.usedFiles} files)`,
        `  of which core + common + 3 components (an app using only the components): ${componentsOnly} bytes (${(componentsOnly / 1024).toFixed(1)} KB)`,
        `  network: ${inspection.network.map((a) => `${a.host}:${a.port} ${a.outcome} at ${a.atMs} ms`).join(', ')}`,
      ].join('\n'),
    );
  });

  test('checkCodeQuality: every check of DevTools’ 代码质量 panel passes', () => {
    const quality = inspection.result.quality.result;
    expect(quality.length).toBeGreaterThan(5);
    for (const item of quality) expect({ name: item.name, success: item.success }).toEqual({ name: item.name, success: true });
  });

  test('analyseCode: every page, demo component and shipped SDK file is reached', () => {
    const { files } = inspection.result.analysis.result;
    // The same list on every run: only the project's files, none of what npm installed (a file
    // watcher inside miniprogram-ci used to add node_modules/ files while the analysis ran).
    expect(files.map((f) => f.path).filter((path) => path.startsWith('node_modules/'))).toEqual([]);
    expect(files.filter((f) => f.moduleId === null).map((f) => f.path)).toEqual(UNUSED);
    const used = files.map((f) => f.path);
    for (const file of SHIPPED) expect(used).toContain(`${SDK}${file}`);
  });

  test('the compile result and the analysis agree on what the upload leaves out', () => {
    expect(inspection.result.compiled.result.unused).toEqual(UNUSED);
  });

  test('WeChat’s tooling leaves nothing in the repository (its compiler cache goes to a folder the runner removes)', async () => {
    expect((await readdir(REPO)).sort()).toEqual(repoBefore);
  });
});

describe('wcc / wcsc: every template and style sheet of the demo and of the shipped miniprogram_dist', () => {
  test('every .wxml compiles', () => {
    const files = filesEndingWith(project.miniprogramRoot, '.wxml');
    expect(files).toEqual(
      expect.arrayContaining([...COMPONENTS.map((c) => `${SDK}${c}/index.wxml`), 'pages/index/index.wxml', 'pages/profile/index.wxml']),
    );
    for (const file of files) expect(compileFile(project.miniprogramRoot, file)).toEqual({ file, status: 0, stderr: '' });
  });

  test('every .wxss compiles', () => {
    const files = filesEndingWith(project.miniprogramRoot, '.wxss');
    expect(files).toEqual(
      expect.arrayContaining([...COMPONENTS.map((c) => `${SDK}${c}/index.wxss`), 'app.wxss', 'pages/index/index.wxss']),
    );
    for (const file of files) expect(compileFile(project.miniprogramRoot, file)).toMatchObject({ file, status: 0 });
  });
});
