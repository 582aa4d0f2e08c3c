/**
 * The v3 client's e2e world: one emulator per suite, a simulated phone per test, and the app's
 * `Authing` client on it over real HTTP, with a clock the test can move (the phone's, and with
 * `advance` the emulator's too, so tokens really expire on both sides).
 */
import { resetClients } from '../../lib/core';
import { Authing } from '../../lib/v3';
import type { AuthingOptions } from '../../lib/v3';
import type { Sim } from '../../testing';
import { getJson, postJson } from '../support/http-json';
import { useWorld, type Phone } from '../core/world';

export { failureOf, recordEvents, requestsTo } from '../core/world';

export interface V3World {
  phone(options?: Parameters<ReturnType<typeof useWorld>['phone']>[0]): Phone;
  /** The app's client for the emulator (shared with components, as `getClient` makes it). */
  client(options?: Partial<AuthingOptions>): Authing;
  /** Moves the phone's clock and the emulator's by `ms`. */
  advance(ms: number): Promise<void>;
  /** The phone's clock now (moved by `advance`). */
  now(): number;
  /** The newest verification code the emulator "sent" to a phone number or email for a channel. */
  lastCode(recipient: string, channel: string): Promise<string>;
  emulatorUrl(): string;
  appId(): string;
}

export function useV3World(): V3World {
  const world = useWorld();
  // The emulator's clock stays where a test moved it, so the phone's does too: one timeline per suite.
  let offset = 0;
  afterEach(() => resetClients());
  return {
    phone: (options) => world.phone(options),
    client(options = {}) {
      const emu = world.emulator();
      return new Authing({ appId: emu.options.appId, host: emu.url, ...options }, { now: () => Date.now() + offset });
    },
    now: () => Date.now() + offset,
    async advance(ms) {
      offset += ms;
      await postJson(`${world.emulator().url}/__emulator/clock`, { advanceMs: ms });
    },
    async lastCode(recipient, channel) {
      const { body } = await getJson<{ messages: Array<{ recipient: string; scene: string; code: string }> }>(
        `${world.emulator().url}/__emulator/messages`,
      );
      const found = body.messages.filter((m) => m.recipient === recipient && m.scene === channel).pop();
      if (!found) throw new Error(`no ${channel} code for ${recipient}`);
      return found.code;
    },
    emulatorUrl: () => world.emulator().url,
    appId: () => world.emulator().options.appId,
  };
}

/**
 * Signs a phone-number user in by SMS code (signed up on first use) and waits for the profile read
 * that follows a v3 login (USER_UPDATED), so the test goes on from a settled session.
 */
export async function signInByPhone(world: V3World, authing: Authing, phone: string): Promise<string> {
  await authing.sendSms({ phoneNumber: phone, channel: 'CHANNEL_LOGIN' });
  const profileRead = new Promise<void>((resolve) => {
    const off = authing.onAuthStateChange((event) => event === 'USER_UPDATED' && (off(), resolve()));
  });
  await authing.loginByPassCode({ phone, passCode: await world.lastCode(phone, 'CHANNEL_LOGIN') });
  await profileRead;
  return phone;
}

/** Bodies of the requests this phone sent to a path (query ignored), as the server received them. */
export function bodiesTo(sim: Sim, path: string): unknown[] {
  return sim.counters.requests.filter((r) => new URL(r.url).pathname === path).map((r) => r.data);
}

/** Headers of the requests this phone sent to a path. */
export function headersTo(sim: Sim, path: string): Array<Record<string, string>> {
  return sim.counters.requests.filter((r) => new URL(r.url).pathname === path).map((r) => r.header);
}
