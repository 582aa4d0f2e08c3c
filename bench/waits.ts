/**
 * Figure 3: sequential waits between the user's tap and the success event, counted on a
 * simulated phone against the emulator (bench/wx-timeline.ts).
 *
 * Ours: the built components rendered by miniprogram-simulate (bench/component-host.ts), tapped
 * once their login code is held, as a user taps a page that has been on screen for a moment.
 * Anchor: the seed SDK from its 构建 npm output, driven by its README's handlers: inside the
 * button's callback `wx.login()` and then `loginByPhone(code, iv, encryptedData)` /
 * `loginByCode(code)`. WeChat may rotate the session_key at that wx.login, so the anchor's phone
 * flow is counted on an emulator that never rotates, and run again on one that always does.
 */
import { createWx, type Sim, type SimWx } from '../testing';
import { openComponentHost, type ComponentHost } from './component-host';
import type { EmulatorProcess } from '../test/support/emulator-process';
import { until } from '../scripts/lib/miniprogram-host';
import { clientOn, type ClientLike, type PackedApp } from './apps';
import { callsBetween, describeCalls, recordTimeline, sequentialWaits } from './wx-timeline';

export interface WaitResult {
  flow: string;
  subject: 'ours' | 'anchor';
  /** Base library the phone runs. */
  SDKVersion: string;
  rotateSessionKey: string;
  ok: boolean;
  waits: number | null;
  /** Every wait in order, e.g. "wx.login → wx.request /connections/…/auth-by-phone". */
  calls: string;
  error?: string;
}

const MODERN = '3.4.0';
/** The last base library whose getPhoneNumber gives iv + encryptedData only (no phone code). */
const LEGACY = '2.21.1';
let nextPhone = 13800138100;
const phoneNumber = (): string => String(nextPhone++);

/** An error as the report shows it: its code and message. */
export function errorText(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return [code, message].filter((part) => part !== undefined && part !== '').join(' ') || JSON.stringify(error);
  }
  return String(error);
}

type Phone = { wx: SimWx; sim: Sim };
/** What a tap came to: when the flow ended, and why it failed if it did. */
type Outcome = { at: number; error?: string };

/**
 * One flow on a fresh phone whose wx calls are recorded: `prepare` does what happened on the page
 * before the tap and returns the tap; the waits counted are the calls between the tap and the
 * flow's end.
 */
async function countWaits(
  base: Pick<WaitResult, 'flow' | 'subject' | 'SDKVersion'>,
  emulator: EmulatorProcess,
  prepare: (phone: Phone) => Promise<() => Promise<Outcome>>,
): Promise<WaitResult> {
  const result = { ...base, rotateSessionKey: emulator.rotateSessionKey };
  try {
    const phone = createWx({ emulator: emulator.url, appid: emulator.wechatAppId, SDKVersion: base.SDKVersion });
    const timeline = recordTimeline(phone.wx);
    const tap = await prepare(phone);
    const tappedAt = performance.now();
    const { at, error } = await tap();
    const calls = callsBetween(timeline, tappedAt, at);
    return { ...result, ok: error === undefined, waits: sequentialWaits(calls), calls: describeCalls(calls), error };
  } catch (error) {
    return { ...result, ok: false, waits: null, calls: '', error: errorText(error) };
  }
}

/** Ours: the component mounted, tapped (fire) once its login code is held, counted up to its event. */
function tapComponent(
  host: ComponentHost,
  emulator: EmulatorProcess,
  spec: { flow: string; component: string; SDKVersion: string },
  tap: (phone: Phone) => Promise<{ selector: string; event: string; detail?: unknown }>,
): Promise<WaitResult> {
  let mounted: ReturnType<ComponentHost['mount']> | undefined;
  const counted = countWaits({ flow: spec.flow, subject: 'ours', SDKVersion: spec.SDKVersion }, emulator, async (phone) => {
    mounted = host.mount(spec.component, phone.wx, { appId: emulator.appId, host: emulator.url });
    const client = mounted.core.getClient({ appId: emulator.appId, host: emulator.url });
    await until(() => client.codes.hasUsableCode(), 'the login code the component fetches on attach');
    const { selector, event, detail } = await tap(phone);
    return async () => {
      const next = mounted!.nextEvent();
      mounted!.fire(selector, event, detail);
      const outcome = await next;
      return { at: outcome.at, error: outcome.type === 'success' ? undefined : errorText(outcome.detail) };
    };
  });
  return counted.finally(() => mounted?.unmount());
}

/**
 * The seed SDK on a phone, a README handler run as the tap's callback. getPhoneNumber: wx.login
 * inside the callback, then loginByPhone; before the tap, one wx.login (the app opened earlier)
 * makes the WeChat user exist, and the button's encryptedData is made under the session_key
 * current at the tap. Silent login: `const { code } = await wx.login(); await authing.loginByCode(code)`.
 */
const ANCHOR_FLOWS: Record<string, (phone: Phone & { client: ClientLike }) => Promise<() => Promise<unknown>>> = {
  'phone login': async ({ wx, sim, client }) => {
    await wx.login();
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: phoneNumber() });
    return async () => client.loginByPhone((await wx.login()).code, detail.iv!, detail.encryptedData!);
  },
  'silent login':
    async ({ wx, client }) =>
    async () =>
      client.loginByCode((await wx.login()).code),
};

function tapAnchor(anchor: PackedApp, emulator: EmulatorProcess, flow: string): Promise<WaitResult> {
  return countWaits({ flow, subject: 'anchor', SDKVersion: MODERN }, emulator, async (phone) => {
    const client = clientOn(anchor, phone.wx, { appId: emulator.appId, host: emulator.url, userPoolId: emulator.userPoolId });
    const onTap = await ANCHOR_FLOWS[flow]({ ...phone, client });
    return () =>
      onTap().then(
        () => ({ at: performance.now() }),
        (error: unknown) => ({ at: performance.now(), error: errorText(error) }),
      );
  });
}

export interface WaitEmulators {
  /** rotateSessionKey 'always' (the emulator's default: the strictest phone). */
  rotating: EmulatorProcess;
  /** rotateSessionKey 'never', where the seed's phone flow can work at all. */
  stable: EmulatorProcess;
}

export async function measureWaits(dist: string, anchor: PackedApp, emulators: WaitEmulators): Promise<WaitResult[]> {
  const results: WaitResult[] = [];
  const host = openComponentHost(dist);
  try {
    const phoneTap = async ({ sim }: { sim: Sim }) => ({
      selector: '.authing-button',
      event: 'getphonenumber',
      detail: await sim.getPhoneNumber('allow', { phoneNumber: phoneNumber() }),
    });
    const plainTap = async () => ({ selector: '.authing-button', event: 'tap' });
    // Ours on both emulators: its count must not depend on whether WeChat rotates the key.
    for (const emulator of [emulators.rotating, emulators.stable]) {
      results.push(await tapComponent(host, emulator, { flow: 'phone login', component: 'phone-button', SDKVersion: MODERN }, phoneTap));
      results.push(await tapComponent(host, emulator, { flow: 'phone login', component: 'phone-button', SDKVersion: LEGACY }, phoneTap));
      results.push(await tapComponent(host, emulator, { flow: 'silent login', component: 'login-button', SDKVersion: MODERN }, plainTap));
    }
  } finally {
    host.close();
  }
  for (const emulator of [emulators.stable, emulators.rotating]) {
    for (const flow of Object.keys(ANCHOR_FLOWS)) results.push(await tapAnchor(anchor, emulator, flow));
  }
  return results;
}
