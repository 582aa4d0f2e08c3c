/** What the simulator's request/upload suites share: the fake server answering `{"ok":true}` until told otherwise. */
import { json, startFakeServer, type FakeServer } from '../support/fake-server';

export { refusedUrl } from '../support/fake-server';
export type LocalServer = FakeServer;

export function startLocalServer(): Promise<LocalServer> {
  return startFakeServer(json({ ok: true }));
}

/** Emulator URL for tests that never reach the emulator. */
export const NO_EMULATOR = 'http://127.0.0.1:9';
export const APPID = 'wx0123456789abcdef';
