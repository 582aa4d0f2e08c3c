#!/usr/bin/env node
'use strict';
// The emulator is a dev tool written in TypeScript; esbuild-register compiles it on load.
require('esbuild-register/dist/node').register({ target: 'node20' });
require('../src/cli.ts');
