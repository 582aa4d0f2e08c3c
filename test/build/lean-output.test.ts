/**
 * What a components-only mini program ships (core.js, common/, the three components) carries no
 * code the source could avoid: at the ES2017 target esbuild turns every object spread into a
 * helper prelude (≈0.4 KB per bundle), so this code copies objects with Object.assign instead;
 * and core.js ends in a plain `module.exports = {…}` rather than esbuild's CJS export getters.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST } from './stub-wx';
import * as source from '../../lib/core';

const SHIPPED = ['core.js', 'common/index.js', 'login-button/index.js', 'phone-button/index.js', 'avatar-picker/index.js'];

describe('the components’ bundles', () => {
  it.each(SHIPPED)('%s has no object-spread helper', (file) => {
    const target = path.join(DIST, file);
    if (!existsSync(target)) throw new Error(`miniprogram_dist/${file} is missing: run \`npx gulp build\` first`);
    const code = readFileSync(target, 'utf8');
    // esbuild's __spreadValues / __spreadProps are the only code here that needs these two.
    expect(code).not.toContain('getOwnPropertyDescriptors');
    expect(code).not.toContain('propertyIsEnumerable');
  });

  it('core.js exports what lib/core exports, as plain properties without the CJS interop prelude', () => {
    const code = readFileSync(path.join(DIST, 'core.js'), 'utf8');
    expect(code).not.toContain('__esModule');
    const loaded = { exports: {} as Record<string, unknown> };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the built core.js, evaluated as a CommonJS module is
    new Function('module', code)(loaded);
    expect(Object.keys(loaded.exports).sort()).toEqual(Object.keys(source).sort());
    expect(typeof loaded.exports.AuthCore).toBe('function');
  });
});
