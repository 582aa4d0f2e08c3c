/**
 * Compiles one WXML template (stdin) for glass-easel and prints the module source: the component
 * suites' parent templates, compiled in a child process because the compiler is WebAssembly that
 * jest's jsdom realm cannot load.
 *
 *   echo '<view/>' | node -r esbuild-register test/components/compile-wxml.ts
 */
import { readFileSync } from 'node:fs';
import { compileWxml } from '../../playground/build';

process.stdout.write(compileWxml(readFileSync(0, 'utf8'), '<stdin>'));
