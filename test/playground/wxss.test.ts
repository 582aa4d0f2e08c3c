// WXSS → CSS for glass-easel's DOM backend (playground/wxss.ts): what reaches the browser.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopeWxss } from '../../playground/wxss';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authing-wxss-'));
  await mkdir(join(dir, 'common'));
  await mkdir(join(dir, 'login-button'));
  await writeFile(join(dir, 'common', 'index.wxss'), ':host { display: block; }\n.authing-button { height: var(--h, 88rpx); }\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('classes get the scope glass-easel writes, :host is the host element, rpx a multiple of --rpx', async () => {
  const css = await scopeWxss('.a .b:not(.c), :host { margin: 0 -32rpx 1.5rpx; }', 'login-button', 'x.wxss');
  expect(css).toBe(
    '.login-button--a .login-button--b:not(.login-button--c), [wx-host=login-button] ' +
      '{ margin: 0 calc(-32 * var(--rpx, 0.5px)) calc(1.5 * var(--rpx, 0.5px)); }',
  );
});

test('a relative @import is inlined and takes the importing component’s scope', async () => {
  const file = join(dir, 'login-button', 'index.wxss');
  const css = await scopeWxss("@import '../common/index.wxss';\n.authing-profile { width: 144rpx; }", 'login-button', file);
  expect(css).not.toContain('@import');
  expect(css).toContain('[wx-host=login-button] { display: block; }');
  expect(css).toContain('.login-button--authing-button { height: var(--h, calc(88 * var(--rpx, 0.5px))); }');
  expect(css).toContain('.login-button--authing-profile { width: calc(144 * var(--rpx, 0.5px)); }');
});
