import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/src';

/** A fresh in-memory emulator for one suite, closed after it. */
export function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, db: ':memory:', ...options });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return () => {
    if (!emulator) throw new Error('emulator not started yet: call inside a test');
    return emulator;
  };
}
