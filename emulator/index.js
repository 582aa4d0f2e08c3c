'use strict';
// Lets plain Node (and other packages' tests) `require('authing-wxapp-emulator')`: the emulator is
// TypeScript, compiled on load by esbuild-register.
require('esbuild-register/dist/node').register({ target: 'node20' });
module.exports = require('./src/index.ts');
