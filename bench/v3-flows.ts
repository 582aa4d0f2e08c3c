/**
 * Figure 7: every method of our v3 client (authing-wxapp-sdk/v3, loaded from the packed v3 app's
 * 构建 npm output) beside the same method of Authing's own @authing/miniapp (its bundle from
 * bench/authing-miniapp.ts), each on a fresh simulated phone against the emulator, in
 * build/wx-sandbox.ts's realm (the SDK's `wx` is the simulator's).
 *
 * For each method: the sequential waits between the call (the tap) and its result, which calls
 * they are, and how many wx.request / wx.login calls the method made from the tap until the phone
 * is idle again (follow-ups after the result included, and named). The client is constructed at
 * launch and the phone left to go idle before anything else happens: a page that has been on
 * screen for a moment. What each method needs first (a session, a verification code from the
 * emulator's outbox, a getPhoneNumber result) is done by the same SDK before the tap, as its users
 * would, and is not counted.
 *
 * Ours runs on the emulator that rotates the session_key at every wx.login (the strictest
 * WeChat); Authing's on the one that never does, as figure 3 counts the seed: its decryptData needs
 * a wx.login code the app takes after the data was made (`getLoginCode()`), which only a
 * non-rotating WeChat decrypts. A flow marked `rotating` runs Authing's on the rotating one too.
 */
import path from 'node:path';
import { V3_LOGIN_SCOPE } from '../lib/core';
import type { Authing as OurAuthing } from '../lib/v3';
import type { EmulatorProcess } from '../test/support/emulator-process';
import { okJson } from '../test/support/http-json';
import { createSandbox } from '../build/wx-sandbox';
import { createWx, type Sim, type SimWx } from '../testing';
import { PACKAGE_NAME, type PackedApp } from './apps';
import { AUTHING_MINIAPP_FILE } from './authing-miniapp';
import { errorText } from './waits';
import { callsBetween, describeCalls, recordTimeline, sequentialWaits, type AsyncCall, type Timeline } from './wx-timeline';

export type V3Subject = 'ours' | 'authing';

export interface V3FlowResult {
  method: string;
  note?: string;
  subject: V3Subject;
  rotateSessionKey: string;
  ok: boolean;
  /** Sequential waits from the call to its result. */
  waits: number | null;
  /** Those waits' calls, in order ("wx.login → wx.request /api/v3/signin-by-mobile"). */
  calls: string;
  /** wx.request / wx.login calls the method started, from the tap until the phone was idle. */
  requests: number | null;
  logins: number | null;
  /** Calls the method started that the result did not wait for (follow-ups, refills). */
  unwaited: string;
  error?: string;
}

/** The one figure's result: Authing's rows, or why there are none. */
export interface V3FlowsResult {
  results: V3FlowResult[];
  authing: 'measured' | { notMeasured: string } | { error: string };
}

const SDK_VERSION = '3.4.0';

/**
 * What the flows call, the same for both SDKs: ours directly; Authing's with its own argument
 * shapes (extIdpConnidentifier passed by the caller) and its `[error, data]` tuples unwrapped.
 */
interface Driver {
  loginByCode(): Promise<unknown>;
  loginByPhone(phoneCode: string): Promise<unknown>;
  loginByPassword(phone: string, password: string): Promise<unknown>;
  loginByPassCode(payload: { phone?: string; email?: string; passCode: string }): Promise<unknown>;
  sendSms(phoneNumber: string, channel: string): Promise<unknown>;
  sendEmailCode(email: string, channel: string): Promise<unknown>;
  getUserInfo(): Promise<unknown>;
  updateUserInfo(patch: { nickname: string }): Promise<unknown>;
  updatePassword(newPassword: string): Promise<unknown>;
  refreshToken(): Promise<unknown>;
  logout(): Promise<unknown>;
  /** The account methods whose options are Authing's DTOs in both SDKs. */
  account(method: AccountMethod, options: object): Promise<unknown>;
  getPhone(phoneCode: string): Promise<unknown>;
  decryptData(data: { encryptedData: string; iv: string }): Promise<unknown>;
  bindWxByCode(): Promise<unknown>;
}

type AccountMethod =
  | 'bindEmail'
  | 'updateEmailRequest'
  | 'updateEmail'
  | 'bindPhone'
  | 'updatePhoneRequest'
  | 'updatePhone'
  | 'deleteAccountRequest'
  | 'deleteAccount';

interface Server {
  emulator: EmulatorProcess;
  /** The WeChat connection's identifier (extIdpConnidentifier), from the control API. */
  connection: string;
}

function oursOn(app: PackedApp, wx: SimWx, { emulator }: Server): Driver {
  const sandbox = createSandbox({ root: app.dir, wx });
  const { Authing } = sandbox.require(`./miniprogram_npm/${PACKAGE_NAME}/v3.js`) as { Authing: typeof OurAuthing };
  const a = new Authing({ appId: emulator.appId, host: emulator.url });
  return {
    loginByCode: () => a.loginByCode(),
    loginByPhone: (code) => a.loginByPhone(code),
    loginByPassword: (phone, password) => a.loginByPassword({ phone, password }),
    loginByPassCode: (payload) => a.loginByPassCode(payload),
    sendSms: (phoneNumber, channel) => a.sendSms({ phoneNumber, channel: channel as 'CHANNEL_LOGIN' }),
    sendEmailCode: (email, channel) => a.sendEmailCode({ email, channel: channel as 'CHANNEL_LOGIN' }),
    getUserInfo: () => a.getUserInfo(),
    updateUserInfo: (patch) => a.updateUserInfo(patch),
    updatePassword: (newPassword) => a.updatePassword({ newPassword }),
    refreshToken: () => a.refreshToken(),
    logout: () => a.logout(),
    account: (method, options) => (a[method] as (o: object) => Promise<unknown>).call(a, options),
    getPhone: (code) => a.getPhone(code),
    decryptData: (data) => a.decryptData(data),
    bindWxByCode: () => a.bindWxByCode(),
  };
}

/** @authing/miniapp's client as far as the flows call it (packages/miniapp/src/Authing.ts). */
type Tuple = [unknown, unknown];
type MiniappClient = Record<Exclude<keyof Driver, 'account'> | AccountMethod, (options?: object) => Promise<Tuple>> & {
  /** A new wx.login code (its only way to hand one out). */
  getLoginCode(): Promise<string>;
};

function authingOn(bundleDir: string, wx: SimWx, { emulator, connection }: Server): Driver {
  const sandbox = createSandbox({ root: bundleDir, wx });
  const { Authing } = sandbox.require(`./${AUTHING_MINIAPP_FILE}`) as { Authing: new (options: object) => MiniappClient };
  const a = new Authing({ appId: emulator.appId, userPoolId: emulator.userPoolId, host: emulator.url });
  /** Its methods resolve `[error, data]`; an error is thrown here so a flow fails as ours would. */
  const call = async (method: Exclude<keyof MiniappClient, 'getLoginCode'>, options?: object): Promise<unknown> => {
    const [error, data] = await a[method](options);
    if (error) throw new Error(errorText(error));
    return data;
  };
  const extIdpConnidentifier = connection;
  // Its sign-ins ask for no refresh token unless the app passes a scope: given the one ours asks by default.
  const options = { scope: V3_LOGIN_SCOPE };
  return {
    loginByCode: () => call('loginByCode', { extIdpConnidentifier }),
    loginByPhone: (code) => call('loginByPhone', { extIdpConnidentifier, wechatMiniProgramCodeAndPhonePayload: { wxPhoneInfo: { code } } }),
    loginByPassword: (phone, password) => call('loginByPassword', { passwordPayload: { phone, password }, options }),
    loginByPassCode: (payload) => call('loginByPassCode', { passCodePayload: payload, options }),
    sendSms: (phoneNumber, channel) => call('sendSms', { phoneNumber, channel }),
    sendEmailCode: (email, channel) => call('sendEmailCode', { email, channel }),
    getUserInfo: () => call('getUserInfo'),
    updateUserInfo: (patch) => call('updateUserInfo', patch),
    updatePassword: (newPassword) => call('updatePassword', { newPassword }),
    refreshToken: () => call('refreshToken'),
    logout: () => call('logout'),
    account: (method, options) => call(method, options),
    getPhone: (code) => call('getPhone', { extIdpConnidentifier, code }),
    // Its caller brings the code: the one its getLoginCode() takes (a wx.login) once the data is made.
    decryptData: async (data) => call('decryptData', { extIdpConnidentifier, ...data, code: await a.getLoginCode() }),
    bindWxByCode: () => call('bindWxByCode', { extIdpConnidentifier }),
  };
}

/** What a flow may do before its tap. */
interface Before {
  client: Driver;
  sim: Sim;
  /** The same SDK on another phone of the same emulator, constructed and idle (setup only). */
  another: () => Promise<Driver>;
  /** The newest code the emulator "sent" to a phone or email for a channel. */
  code: (recipient: string, channel: string) => Promise<string>;
}

interface Flow {
  method: string;
  /** What the reader needs to know to read the row. */
  note?: string;
  /** Run Authing's SDK too on the WeChat that rotates the session_key at every wx.login. */
  rotating?: boolean;
  /** Returns the tap, after doing what the page did before it. */
  prepare(before: Before): Promise<() => Promise<unknown>>;
}

let serial = 0;
const newPhone = (): string => `1390${String(Date.now() % 10_000).padStart(4, '0')}${String(serial++ % 1000).padStart(3, '0')}`;
const newEmail = (): string => `v3-${Date.now()}-${serial++}@example.com`;

/** Signs a new phone-number user in by SMS code with the flow's own SDK. */
async function signIn({ client, code }: Pick<Before, 'client' | 'code'>, phone = newPhone()): Promise<string> {
  await client.sendSms(phone, 'CHANNEL_LOGIN');
  await client.loginByPassCode({ phone, passCode: await code(phone, 'CHANNEL_LOGIN') });
  return phone;
}

const signedIn = (tap: (client: Driver) => Promise<unknown>) => async (before: Before) => {
  await signIn(before);
  return () => tap(before.client);
};

async function emailChange(before: Before): Promise<{ newEmail: string; passCode: string }> {
  await signIn(before);
  const email = newEmail();
  await before.client.sendEmailCode(email, 'CHANNEL_BIND_EMAIL');
  await before.client.account('bindEmail', { email, passCode: await before.code(email, 'CHANNEL_BIND_EMAIL') });
  const next = newEmail();
  await before.client.sendEmailCode(next, 'CHANNEL_UPDATE_EMAIL');
  return { newEmail: next, passCode: await before.code(next, 'CHANNEL_UPDATE_EMAIL') };
}
const emailRequest = ({ newEmail, passCode }: { newEmail: string; passCode: string }) => ({
  verifyMethod: 'EMAIL_PASSCODE',
  emailPassCodePayload: { newEmail, newEmailPassCode: passCode },
});

async function phoneChange(before: Before): Promise<{ newPhoneNumber: string; newPhonePassCode: string }> {
  await signIn(before);
  const next = newPhone();
  await before.client.sendSms(next, 'CHANNEL_BIND_PHONE');
  return { newPhoneNumber: next, newPhonePassCode: await before.code(next, 'CHANNEL_BIND_PHONE') };
}
const phoneRequest = (payload: { newPhoneNumber: string; newPhonePassCode: string }) => ({
  verifyMethod: 'PHONE_PASSCODE',
  phonePassCodePayload: payload,
});

async function deletion(before: Before): Promise<object> {
  const phone = await signIn(before);
  await before.client.sendSms(phone, 'CHANNEL_DELETE_ACCOUNT');
  return {
    verifyMethod: 'PHONE_PASSCODE',
    phonePassCodePayload: { phoneNumber: phone, passCode: await before.code(phone, 'CHANNEL_DELETE_ACCOUNT') },
  };
}
/**
 * A change in two steps, as a flow each: the request proves the user (`proof`: the codes it needs,
 * sent before the tap) and resolves the token (`token`) the second call takes.
 */
function twoSteps(request: AccountMethod, final: AccountMethod, token: string, proof: (before: Before) => Promise<object>): Flow[] {
  return [
    {
      method: request,
      prepare: async (before) => {
        const options = await proof(before);
        return () => before.client.account(request, options);
      },
    },
    {
      method: final,
      prepare: async (before) => {
        const reply = (await before.client.account(request, await proof(before))) as Record<string, unknown>;
        return () => before.client.account(final, { [token]: String(reply[token]) });
      },
    },
  ];
}

/** A tap with the getPhoneNumber button's code (base library 2.21.2+), allowed before it. */
const phoneCode =
  (tap: (client: Driver, code: string) => Promise<unknown>) =>
  async ({ client, sim }: Before): Promise<() => Promise<unknown>> => {
    const { code } = await sim.getPhoneNumber('allow', { phoneNumber: newPhone() });
    return () => tap(client, code!);
  };

/** getPhoneNumber's encrypted data (made under the session_key of the code held since launch) to decrypt. */
async function phoneData({ client, sim }: Before): Promise<() => Promise<unknown>> {
  const { encryptedData, iv } = await sim.getPhoneNumber('allow', { phoneNumber: newPhone() });
  return () => client.decryptData({ encryptedData: encryptedData!, iv: iv! });
}

export const V3_FLOWS: Flow[] = [
  {
    method: 'loginByCode',
    note: "the client was constructed at launch (both take a wx.login code then); Authing's takes a new one after the tap",
    prepare:
      async ({ client }) =>
      () =>
        client.loginByCode(),
  },
  {
    method: 'loginByCode again, after logout (no keepReady)',
    note: 'the same page logs in, out, and in again: ours fetches the next code once each WeChat exchange is over, so the tap finds one held',
    prepare: async ({ client }) => {
      await client.loginByCode();
      await client.logout();
      return () => client.loginByCode();
    },
  },
  { method: 'loginByPhone', prepare: phoneCode((client, code) => client.loginByPhone(code)) },
  {
    // The client's first password call: ours fetches the public key (/api/v3/system) first.
    method: 'loginByPassword (first call)',
    note: "ours RSA-encrypts the password: its first call fetches the key (/api/v3/system); Authing's sends it as typed unless the app brings encryptFunction + passwordEncryptType",
    prepare: async ({ client, another, code }) => {
      const setup = await another();
      const phone = await signIn({ client: setup, code });
      await setup.updatePassword('V3-bench-pass!');
      return () => client.loginByPassword(phone, 'V3-bench-pass!');
    },
  },
  {
    method: 'loginByPassCode',
    prepare: async ({ client, code }) => {
      const phone = newPhone();
      await client.sendSms(phone, 'CHANNEL_LOGIN');
      const passCode = await code(phone, 'CHANNEL_LOGIN');
      return () => client.loginByPassCode({ phone, passCode });
    },
  },
  {
    method: 'sendSms',
    prepare:
      async ({ client }) =>
      () =>
        client.sendSms(newPhone(), 'CHANNEL_LOGIN'),
  },
  {
    method: 'sendEmailCode',
    prepare:
      async ({ client }) =>
      () =>
        client.sendEmailCode(newEmail(), 'CHANNEL_LOGIN'),
  },
  { method: 'getUserInfo', prepare: signedIn((client) => client.getUserInfo()) },
  { method: 'updateUserInfo', prepare: signedIn((client) => client.updateUserInfo({ nickname: 'Mei' })) },
  {
    method: 'updatePassword (first call)',
    note: "as loginByPassword: ours fetches the key on its first password call, Authing's sends the password as typed",
    prepare: signedIn((client) => client.updatePassword('N3w-bench-pass!')),
  },
  { method: 'refreshToken', prepare: signedIn((client) => client.refreshToken()) },
  { method: 'logout', prepare: signedIn((client) => client.logout()) },
  {
    method: 'bindEmail',
    prepare: async (before) => {
      await signIn(before);
      const email = newEmail();
      await before.client.sendEmailCode(email, 'CHANNEL_BIND_EMAIL');
      const passCode = await before.code(email, 'CHANNEL_BIND_EMAIL');
      return () => before.client.account('bindEmail', { email, passCode });
    },
  },
  ...twoSteps('updateEmailRequest', 'updateEmail', 'updateEmailToken', async (before) => emailRequest(await emailChange(before))),
  {
    method: 'bindPhone',
    prepare: async (before) => {
      const email = newEmail();
      await before.client.sendEmailCode(email, 'CHANNEL_LOGIN');
      await before.client.loginByPassCode({ email, passCode: await before.code(email, 'CHANNEL_LOGIN') });
      const phoneNumber = newPhone();
      await before.client.sendSms(phoneNumber, 'CHANNEL_BIND_PHONE');
      const passCode = await before.code(phoneNumber, 'CHANNEL_BIND_PHONE');
      return () => before.client.account('bindPhone', { phoneNumber, passCode });
    },
  },
  ...twoSteps('updatePhoneRequest', 'updatePhone', 'updatePhoneToken', async (before) => phoneRequest(await phoneChange(before))),
  ...twoSteps('deleteAccountRequest', 'deleteAccount', 'deleteAccountToken', deletion),
  { method: 'getPhone', prepare: phoneCode((client, code) => client.getPhone(code)) },
  {
    method: 'decryptData',
    note: "Authing's caller brings the code: getLoginCode() (a wx.login) after the data was made",
    prepare: phoneData,
  },
  {
    method: 'decryptData, WeChat rotating the session_key',
    note: 'a WeChat that gives a new session_key at every wx.login: data made before the code no longer decrypts with it',
    rotating: true,
    prepare: phoneData,
  },
  { method: 'bindWxByCode', prepare: signedIn((client) => client.bindWxByCode()) },
];

/** Resolves once no wx call is in flight and none started for two checks in a row. */
async function idle(timeline: Timeline): Promise<void> {
  let seen = -1;
  for (let i = 0; i < 500; i++) {
    await new Promise((done) => setTimeout(done, 20));
    const busy = timeline.calls.some((call) => Number.isNaN(call.end));
    if (!busy && timeline.calls.length === seen) return;
    seen = timeline.calls.length;
  }
  throw new Error('the phone never went idle');
}

const count = (calls: AsyncCall[], kind: AsyncCall['kind']): number => calls.filter((call) => call.kind === kind).length;

type Open = (wx: SimWx) => Driver;

async function runFlow(flow: Flow, subject: V3Subject, server: Server, open: Open): Promise<V3FlowResult> {
  const base = { method: flow.method, note: flow.note, subject, rotateSessionKey: server.emulator.rotateSessionKey };
  const launch = async () => {
    const phone = createWx({ emulator: server.emulator.url, appid: server.emulator.wechatAppId, SDKVersion: SDK_VERSION });
    const timeline = recordTimeline(phone.wx);
    const client = open(phone.wx);
    await idle(timeline);
    return { ...phone, timeline, client };
  };
  try {
    const { sim, timeline, client } = await launch();
    const code = async (recipient: string, channel: string): Promise<string> => {
      const { messages } = await okJson<{ messages: Array<{ recipient: string; scene: string; code: string }> }>(
        'GET',
        `${server.emulator.url}/__emulator/messages`,
      );
      const found = messages.filter((m) => m.recipient === recipient && m.scene === channel).pop();
      if (!found) throw new Error(`no ${channel} code for ${recipient}`);
      return found.code;
    };
    const tap = await flow.prepare({ client, sim, code, another: async () => (await launch()).client });
    await idle(timeline);
    const before = timeline.calls.length;
    const tappedAt = performance.now();
    let error: string | undefined;
    await tap().catch((failure: unknown) => (error = errorText(failure)));
    const at = performance.now();
    await idle(timeline);
    const started = timeline.calls.slice(before);
    const waited = callsBetween(timeline, tappedAt, at);
    return {
      ...base,
      ok: error === undefined,
      waits: sequentialWaits(waited),
      calls: describeCalls(waited),
      requests: count(started, 'wx.request'),
      logins: count(started, 'wx.login'),
      unwaited: describeCalls(started.filter((call) => !waited.includes(call))),
      error,
    };
  } catch (error) {
    return { ...base, ok: false, waits: null, calls: '', requests: null, logins: null, unwaited: '', error: errorText(error) };
  }
}

async function serverOf(emulator: EmulatorProcess): Promise<Server> {
  const info = await okJson<{ wechatConnectionIdentifier: string }>('GET', `${emulator.url}/__emulator/info`);
  return { emulator, connection: info.wechatConnectionIdentifier };
}

/**
 * Every flow through ours (on `rotating`), then through Authing's SDK (on `stable`) when its bundle
 * was built: `authingBundle` is the folder holding it, or why there is none.
 */
export async function measureV3Flows(
  v3App: PackedApp,
  authingBundle: string | { notMeasured: string } | { error: string },
  emulators: { rotating: EmulatorProcess; stable: EmulatorProcess },
  flows: Flow[] = V3_FLOWS,
): Promise<V3FlowsResult> {
  const results: V3FlowResult[] = [];
  const ours = await serverOf(emulators.rotating);
  for (const flow of flows) results.push(await runFlow(flow, 'ours', ours, (wx) => oursOn(v3App, wx, ours)));
  if (typeof authingBundle !== 'string') return { results, authing: authingBundle };
  const stable = await serverOf(emulators.stable);
  const dir = path.resolve(authingBundle);
  for (const flow of flows) {
    const server = flow.rotating ? ours : stable;
    results.push(await runFlow(flow, 'authing', server, (wx) => authingOn(dir, wx, server)));
  }
  return { results, authing: 'measured' };
}
