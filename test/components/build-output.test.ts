/**
 * The built components as WeChat receives them: every template and stylesheet compiled by WeChat's
 * own compilers (miniprogram-compiler's wcc / wcsc), and each component's JS wired to the one core.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentNames } from '../../build/components';
import { compileFile, filesEndingWith as filesUnder, makeCompilersRunnable } from '../support/wx-compilers';
import { buildDist } from './build-dist';

let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'authing-components-build-'));
  await buildDist(dist);
  makeCompilersRunnable();
});
afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
});

function filesEndingWith(ext: string): string[] {
  return filesUnder(dist, ext);
}

test('the build writes index.{js,json,wxml,wxss} for each component and the shared common/index.js', async () => {
  const names = await componentNames();
  expect(names).toEqual(['avatar-picker', 'login-button', 'phone-button']);
  for (const name of names) {
    for (const ext of ['js', 'json', 'wxml', 'wxss']) expect(statSync(join(dist, name, `index.${ext}`)).size).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(dist, name, 'index.json'), 'utf8'))).toMatchObject({ component: true });
  }
  expect(statSync(join(dist, 'common', 'index.js')).size).toBeGreaterThan(0);
});

test('every .wxml compiles with WeChat’s wcc', () => {
  const files = filesEndingWith('.wxml');
  expect(files).toHaveLength(3);
  for (const file of files) expect(compileFile(dist, file)).toEqual({ file, status: 0, stderr: '' });
});

test('every .wxss compiles with WeChat’s wcsc', () => {
  const files = filesEndingWith('.wxss');
  expect(files).toHaveLength(4);
  for (const file of files) expect(compileFile(dist, file)).toMatchObject({ file, status: 0 });
});

test('the shared button styles live once, in common/index.wxss, themable through CSS variables', async () => {
  const common = readFileSync(join(dist, 'common', 'index.wxss'), 'utf8');
  expect(common).toContain('background-color:var(--authing-button-background,#07c160)');
  for (const name of await componentNames()) {
    const wxss = readFileSync(join(dist, name, 'index.wxss'), 'utf8');
    expect(wxss).toMatch(/^@import ['"]\.\.\/common\/index\.wxss['"];/);
    // No colour or rule of the shared button is copied into a component's own file.
    expect(wxss).not.toContain('#07c160');
    expect(wxss).not.toContain('.authing-button{');
  }
});

test('the compilers do reject broken files (so the two tests above can fail)', () => {
  writeFileSync(join(dist, 'broken.wxml'), '<view class="a"><text>{{ a </view>');
  writeFileSync(join(dist, 'broken.wxss'), '.a { color: red; .b {');
  try {
    const wxml = compileFile(dist, 'broken.wxml');
    expect(wxml.status).not.toBe(0);
    expect(wxml.stderr).toMatch(/broken\.wxml:\d+:\d+/);
    expect(compileFile(dist, 'broken.wxss').status).not.toBe(0);
  } finally {
    for (const file of ['broken.wxml', 'broken.wxss']) rm(join(dist, file), { force: true }).catch(() => undefined);
  }
});

test('components require the shared core and common modules instead of carrying copies', async () => {
  const requiresOf = (js: string): string[] => [...js.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
  for (const name of await componentNames()) {
    const js = readFileSync(join(dist, name, 'index.js'), 'utf8');
    expect(requiresOf(js)).toContain('../common/index');
    for (const required of requiresOf(js)) expect(['../core', '../common/index']).toContain(required);
    // Strings that live only in lib/core: the login endpoints and the session store's key.
    expect(js).not.toContain('wechat-miniprogram/auth');
    expect(js).not.toContain('_authing_token');
  }
  const common = readFileSync(join(dist, 'common', 'index.js'), 'utf8');
  expect(new Set(requiresOf(common))).toEqual(new Set(['../core']));
  expect(common).not.toContain('_authing_token');
  expect(readFileSync(join(dist, 'core.js'), 'utf8')).toContain('_authing_token');
});

test('the components stay small: all of them together, with their common module and styles, under 19 KB', async () => {
  let total = statSync(join(dist, 'common', 'index.js')).size + statSync(join(dist, 'common', 'index.wxss')).size;
  for (const name of await componentNames()) {
    for (const ext of ['js', 'json', 'wxml', 'wxss']) total += statSync(join(dist, name, `index.${ext}`)).size;
  }
  expect(total).toBeLessThan(19 * 1024);
});
