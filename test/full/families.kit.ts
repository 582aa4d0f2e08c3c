/**
 * Shared by the families.*.test.ts suites: the BUILT full client (miniprogram_dist) in the
 * WeChat-like sandbox, on a simulated phone, against the emulator over real HTTP, plus the
 * emulator's outbox of SMS and email codes.
 */
import type { RunningEmulator } from '../../emulator/src';
import { createWx, type Sim, type SimStorage, type SimWx } from '../../testing';
import { loadPackage } from '../build/stub-wx';

export type Full = typeof import('../../lib/index');
export type Core = typeof import('../../lib/core');
export type Client = InstanceType<Full['AuthenticationClient']>;
export type SdkUser = Awaited<ReturnType<Client['loginByEmail']>>;

/** One phone running the mini program: its wx, the test's handle on it, and the app's client. */
export interface Phone {
  wx: SimWx;
  sim: Sim;
  full: Full;
  client: Client;
  /** every code onError received, in order */
  errors: unknown[];
}

export interface PhoneOptions {
  /** the storage of an earlier phone: the app relaunched on the same device */
  storage?: SimStorage;
  /** the wx the package sees, built from the simulator's (to watch what it sends) */
  wrapWx?: (wx: SimWx) => object;
}

/** Launches the app on a new simulated phone and constructs `new AuthenticationClient({appId, host, onError})`. */
export function launch(emu: RunningEmulator, options: PhoneOptions = {}): Phone {
  const { wx, sim } = createWx({ emulator: emu.url, appid: emu.options.wechatAppId, storage: options.storage });
  const { full } = loadPackage<Full, Core>(options.wrapWx ? options.wrapWx(wx) : wx);
  const errors: unknown[] = [];
  const client = new full.AuthenticationClient({ appId: emu.options.appId, host: emu.url, onError: (code) => errors.push(code) });
  return { wx, sim, full, client, errors };
}

/** What a developer catches from a call that must fail. */
export interface Failure {
  code?: unknown;
  message?: string;
  statusCode?: number;
}

export async function failureOf(promise: Promise<unknown>): Promise<Failure> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    return error as Failure;
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
}

/** The session as the app finds it: the client's token and what wx storage holds. */
export function sessionOf(phone: Phone): { token: string | null; stored: unknown; storedUserId: unknown } {
  const storedUser = phone.sim.storage.peek('_authing_user') as { id?: unknown } | undefined;
  return {
    token: phone.client.tokenProvider.getToken(),
    stored: phone.sim.storage.peek('_authing_token'),
    storedUserId: storedUser?.id,
  };
}

/** Signed in as `user`: its token in the client, in wx storage, and the stored user is this user. */
export function expectSignedInAs(phone: Phone, user: { id: string; token?: string | null }): void {
  expect(typeof user.token).toBe('string');
  expect(sessionOf(phone)).toEqual({ token: user.token, stored: user.token, storedUserId: user.id });
}

export function expectSignedOut(phone: Phone): void {
  expect(sessionOf(phone)).toEqual({ token: null, stored: undefined, storedUserId: undefined });
}

interface OutboxMessage {
  channel: 'sms' | 'email';
  recipient: string;
  scene: string;
  code: string;
}

export async function outbox(emu: RunningEmulator): Promise<OutboxMessage[]> {
  const response = await fetch(`${emu.url}/__emulator/messages`);
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

/** The newest code the emulator "sent" to that phone or (lower-cased) email. */
export async function lastMessage(emu: RunningEmulator, channel: 'sms' | 'email', recipient: string): Promise<OutboxMessage> {
  const mine = (await outbox(emu)).filter((m) => m.channel === channel && m.recipient === recipient);
  if (!mine.length) throw new Error(`no ${channel} message to ${recipient}`);
  return mine[mine.length - 1];
}

/** sendSmsCode through the client, then the code from the emulator's outbox. */
export async function smsCode(emu: RunningEmulator, client: Client, phone: string): Promise<string> {
  await client.sendSmsCode(phone);
  return (await lastMessage(emu, 'sms', phone)).code;
}

export type EmailScene = Parameters<Client['sendEmail']>[1];

/** authing-js-sdk's EmailScene values (src/types/graphql.v2.ts), typed for sendEmail. */
export const EmailScenes = {
  ResetPassword: 'RESET_PASSWORD' as EmailScene,
  Bind: 'EMAIL_BIND_VERIFY_CODE' as EmailScene,
  Unbind: 'EMAIL_UNBIND_VERIFY_CODE' as EmailScene,
};

/** sendEmail through the client (it answers Authing's CommonMessage), then the code from the outbox. */
export async function emailCode(emu: RunningEmulator, client: Client, email: string, scene: EmailScene): Promise<string> {
  expect(await client.sendEmail(email, scene)).toEqual({ code: 200, message: expect.any(String) });
  const message = await lastMessage(emu, 'email', email.toLowerCase());
  expect(message.scene).toBe(scene);
  return message.code;
}

/** The Authing users the emulator holds. */
export async function emulatorUsers(emu: RunningEmulator): Promise<Array<{ id: string }>> {
  const response = await fetch(`${emu.url}/__emulator/users`);
  return ((await response.json()) as { users: Array<{ id: string }> }).users;
}

let sequence = 0;

/** A mainland mobile number no other test of this suite uses. */
export function newPhoneNumber(): string {
  sequence++;
  return `1370${String(process.pid % 1000).padStart(3, '0')}${String(sequence).padStart(4, '0')}`;
}

export function newEmail(name = 'user'): string {
  sequence++;
  return `${name}.${sequence}@example.com`;
}

export function newUsername(name = 'user'): string {
  sequence++;
  return `${name}_${sequence}`;
}

export const PASSWORD = 'passw0rd-密码';
