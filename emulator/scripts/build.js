'use strict';
// Compiles src/ to dist/ (CommonJS + declarations), starting from an empty dist/ so that a module
// removed from src/ never ships. Run by `npm run build` here, by `prepare` (a fresh clone's
// `npm install`, and `npm pack`) and by the repository's `gulp build`.
const { rmSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
