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

function phoneOn(emulator: EmulatorProcess, SDKVersion: string): { wx: SimWx; sim: Sim } {
  return createWx({ emulator: emulator.url, appid: emulator.wechatAppId, SDKVersion });
}

function errorText(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return [code, message].filter((part) => part !== undefined && part !== '').join(' ') || JSON.stringify(error);
  }
  return String(error);
}

/** Taps a component (fire) on a phone whose timeline is recorded, and counts the waits up to its event. */
async function tapComponent(
  host: ComponentHost,
  emulator: EmulatorProcess,
  spec: { flow: string; component: string; SDKVersion: string },
  tap: (phone: { wx: SimWx; sim: Sim }) => Promise<{ selector: string; event: string; detail?: unknown }>,
): Promise<WaitResult> {
  const phone = phoneOn(emulator, spec.SDKVersion);
  const timeline = recordTimeline(phone.wx);
  const mounted = host.mount(spec.component, phone.wx, { appId: emulator.appId, host: emulator.url });
  const base = { flow: spec.flow, subject: 'ours' as const, SDKVersion: spec.SDKVersion, rotateSessionKey: emulator.rotateSessionKey };
  try {
    const client = mounted.core.getClient({ appId: emulator.appId, host: emulator.url });
    await until(() => client.codes.hasUsableCode(), 'the login code the component fetches on attach');
    const { selector, event, detail } = await tap(phone);
    const next = mounted.nextEvent();
    const tappedAt = performance.now();
    mounted.fire(selector, event, detail);
    const outcome = await next;
    const calls = callsBetween(timeline, tappedAt, outcome.at);
    return {
      ...base,
      ok: outcome.type === 'success',
      waits: sequentialWaits(calls),
      calls: describeCalls(calls),
      error: outcome.type === 'success' ? undefined : errorText(outcome.detail),
    };
  } catch (error) {
    return { ...base, ok: false, waits: null, calls: '', error: errorText(error) };
  } finally {
    mounted.unmount();
  }
}

/** The seed SDK on a phone, a page handler run as the tap's callback, waits counted until it settles. */
async function tapAnchor(anchor: PackedApp, emulator: EmulatorProcess, flow: string, handler: AnchorHandler): Promise<WaitResult> {
  const phone = phoneOn(emulator, MODERN);
  const base = { flow, subject: 'anchor' as const, SDKVersion: MODERN, rotateSessionKey: emulator.rotateSessionKey };
  try {
    const timeline = recordTimeline(phone.wx);
    const client = clientOn(anchor, phone.wx, { appId: emulator.appId, host: emulator.url, userPoolId: emulator.userPoolId });
    // The handler's set-up runs before the tap (what happened earlier on the page); what it returns is the tap's callback.
    const onTap = await handler({ ...phone, client });
    const tappedAt = performance.now();
    let error: string | undefined;
    try {
      await onTap();
    } catch (caught) {
      error = errorText(caught);
    }
    const calls = callsBetween(timeline, tappedAt, performance.now());
    return { ...base, ok: error === undefined, waits: sequentialWaits(calls), calls: describeCalls(calls), error };
  } catch (error) {
    return { ...base, ok: false, waits: null, calls: '', error: errorText(error) };
  }
}

type AnchorHandler = (context: { wx: SimWx; sim: Sim; client: ClientLike }) => Promise<() => Promise<unknown>>;

/**
 * The seed README's handlers. getPhoneNumber: wx.login inside the callback, then loginByPhone;
 * before the tap, one wx.login (the app opened earlier) makes the WeChat user exist, and the
 * button's encryptedData is made under the session_key current at the tap. Silent login:
 * `const { code } = await wx.login(); await authing.loginByCode(code)`.
 */
const ANCHOR_FLOWS: Record<string, AnchorHandler> = {
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
    for (const [flow, handler] of Object.entries(ANCHOR_FLOWS)) results.push(await tapAnchor(anchor, emulator, flow, handler));
  }
  return results;
}
