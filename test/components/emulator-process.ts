/**
 * Runs the emulator in a plain Node process for the component suites: jest's jsdom realm has no
 * fetch and resolves packages by their browser builds, which the emulator's server cannot run on.
 * Prints one JSON line `{url, options}` once listening; stops when its stdin closes.
 *
 *   node -r esbuild-register test/components/emulator-process.ts '{"rotateSessionKey":"alternate"}'
 */
import { startEmulator, type EmulatorOptions } from '../../emulator/src';

const options = JSON.parse(process.argv[2] ?? '{}') as EmulatorOptions;

startEmulator({ port: 0, db: ':memory:', ...options }).then(
  (emulator) => {
    process.stdout.write(JSON.stringify({ url: emulator.url, options: emulator.options }) + '\n');
    const stop = (): void => {
      emulator.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
