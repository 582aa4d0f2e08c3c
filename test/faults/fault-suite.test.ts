/**
 * Every public method of the full client and of the core, under every network fault a phone meets:
 * the app catches an AuthingError with the fault's stable code, onError hears it exactly once, and
 * the session that was there is still there (logout alone ends it, as asked). The built package
 * runs in a WeChat-like realm on the simulated phone; the faults come from one fault server and
 * the simulator's own offline switch.
 */
import { createWx, type Sim, type SimWx } from '../../testing';
import { loadPackage, fakeToken } from '../build/stub-wx';
import type { Client, Core, Full } from '../full/families.kit';
import { useEmulator } from '../support/emulator';
import { startFaultServer, type FaultServer, type ServerFault } from './fault-server';
import {
  CORE_METHODS,
  FULL_METHODS,
  publicMethods,
  V3_METHODS,
  type AuthCore,
  type Authing,
  type CallContext,
  type MethodCase,
  type V3,
} from './methods';

type Fault = 'offline' | ServerFault;

const EXPECTED: Record<Fault, string> = {
  offline: 'NETWORK_ERROR',
  reset: 'NETWORK_ERROR',
  'http-500': 'HTTP_ERROR',
  'bad-gateway-html': 'HTTP_ERROR',
  'truncated-json': 'BAD_RESPONSE',
  'data-null': 'BAD_RESPONSE',
  hang: 'TIMEOUT',
  'slow-drip': 'TIMEOUT',
};
const FAULTS = Object.keys(EXPECTED) as Fault[];

/**
 * The client's timeout: short where the fault is the silence (hang, slow drip) to keep the suite
 * fast, and roomy elsewhere so that a busy machine never turns another fault into a TIMEOUT.
 */
const timeoutFor = (fault: Fault) => (EXPECTED[fault] === 'TIMEOUT' ? 250 : 10_000);
const TOKEN = fakeToken('fault-user');

const emulator = useEmulator();
let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

interface Outcome {
  /** the rejection's code, or 'resolved' */
  code: string;
  onError: string[];
  /** the token the client holds after the call */
  token: string | null;
  stored: unknown;
}

interface Phone {
  wx: SimWx;
  sim: Sim;
  full: Full;
  core: Core;
  v3: V3;
  ctx: CallContext;
}

type Which = 'full' | 'core' | 'v3';

/** A v3 login as the store keeps it: the id token as the session token, the OIDC tokens beside it, far from expiry. */
const V3_SESSION = {
  accessToken: 'fault-access-token',
  refreshToken: 'fault-refresh-token',
  expiresAt: Date.now() + 86_400_000,
  scope: 'openid',
};

function launch(): Phone {
  const emu = emulator();
  const { wx, sim } = createWx({ emulator: emu.url, appid: emu.options.wechatAppId });
  const { full, core, sandbox } = loadPackage<Full, Core>(wx);
  const v3 = sandbox.require('./v3.js') as V3;
  return { wx, sim, full, core, v3, ctx: { tempFile: sim.addTempFile(Buffer.from('fake image bytes'), 'png') } };
}

function codeOf(error: unknown): string {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  // Anything but an AuthingError (a TypeError, a plain Error) is itself the finding.
  return name === 'AuthingError' ? String(code) : `not an AuthingError: ${String(error)}`;
}

/** One call on a client of its own (its own appId: its own core), signed in beforehand. */
async function run(phone: Phone, fault: Fault, name: string, method: MethodCase, which: Which): Promise<Outcome> {
  if (method.kind === 'internal') throw new Error('internal methods are not called');
  const onError: string[] = [];
  if (which === 'v3') return runV3(phone, fault, name, method, onError);
  const client: Client = new phone.full.AuthenticationClient({
    appId: `fault-${which}-${name}`,
    host: server.url,
    accessToken: TOKEN,
    timeout: timeoutFor(fault),
    secret: 'app-secret',
    // loginByAd's own host (default `ws.<domain>`): the same server here.
    websocketHost: server.url,
    onError: (code: unknown) => onError.push(String(code)),
  });
  const target: Client | AuthCore = which === 'full' ? client : client.core;
  let code = 'resolved';
  try {
    await method.call(target as never, phone.ctx);
  } catch (error) {
    code = codeOf(error);
  }
  return { code, onError, token: client.core.getToken(), stored: phone.sim.storage.peek('_authing_token') };
}

/** The same, on the v3 client of an app signed in with a v3 login (stored just before: the store reads it on first use). */
async function runV3(phone: Phone, fault: Fault, name: string, method: MethodCase, onError: string[]): Promise<Outcome> {
  phone.sim.storage.write('_authing_token', TOKEN);
  phone.sim.storage.write('_authing_oidc', V3_SESSION);
  const client: Authing = new phone.v3.Authing({
    appId: `fault-v3-${name}`,
    host: server.url,
    extIdpConnidentifier: 'fault-connection',
    timeout: timeoutFor(fault),
    onError: (code: unknown) => onError.push(String(code)),
  });
  let code = 'resolved';
  try {
    await (method as { call: (target: never, ctx: CallContext) => unknown }).call(client as never, phone.ctx);
  } catch (error) {
    code = codeOf(error);
  }
  return { code, onError, token: client.core.getToken(), stored: phone.sim.storage.peek('_authing_token') };
}

function expected(fault: Fault, method: MethodCase): Outcome {
  if (method.kind === 'clears') return { code: 'resolved', onError: [], token: null, stored: undefined };
  if (method.kind === 'signs-out') {
    // The user asked to leave: they are signed out, and the failed request is still told to onError.
    const told = fault === 'data-null' ? [] : [EXPECTED[fault]];
    return { code: 'resolved', onError: told, token: null, stored: undefined };
  }
  if (fault === 'data-null' && method.kind === 'request' && method.nullData === 'signs-out') {
    return { code: 'resolved', onError: [], token: null, stored: undefined };
  }
  if (fault === 'data-null' && method.kind === 'request' && method.nullData === 'resolves') {
    return { code: 'resolved', onError: [], token: TOKEN, stored: TOKEN };
  }
  return { code: EXPECTED[fault], onError: [EXPECTED[fault]], token: TOKEN, stored: TOKEN };
}

async function outcomes(phone: Phone, fault: Fault, table: Record<string, MethodCase>, which: Which) {
  // What may end the session runs on its own, after the rest: it empties the storage every client shares.
  const endsSession = (method: MethodCase) =>
    method.kind === 'signs-out' || method.kind === 'clears' || (method.kind === 'request' && method.nullData === 'signs-out');
  const requests = Object.entries(table).filter(([, method]) => method.kind === 'request' && !endsSession(method));
  const signOuts = Object.entries(table).filter(([, method]) => endsSession(method));
  const actual: Record<string, Outcome> = {};
  const wanted: Record<string, Outcome> = {};
  // All requests at once (each on its own core): a hang costs one timeout, not one per method.
  const results = await Promise.all(requests.map(([name, method]) => run(phone, fault, name, method, which)));
  requests.forEach(([name, method], i) => {
    actual[name] = results[i];
    wanted[name] = expected(fault, method);
  });
  // Sign-outs one by one, after: they empty the storage every client shares.
  for (const [name, method] of signOuts) {
    actual[name] = await run(phone, fault, name, method, which);
    wanted[name] = expected(fault, method);
  }
  return { actual, wanted };
}

describe('the tables list every public method', () => {
  test('full client', () => {
    const { full } = launch();
    expect(publicMethods(full.AuthenticationClient.prototype)).toEqual(Object.keys(FULL_METHODS).sort());
  });

  test('core', () => {
    const { core } = launch();
    expect(publicMethods(core.AuthCore.prototype)).toEqual(Object.keys(CORE_METHODS).sort());
  });

  test('v3 client', () => {
    const { v3 } = launch();
    expect(publicMethods(v3.Authing.prototype)).toEqual(Object.keys(V3_METHODS).sort());
  });

  test('local methods send nothing and tell onError nothing', async () => {
    const phone = launch();
    server.set('http-500');
    for (const [which, table] of [
      ['full', FULL_METHODS],
      ['core', CORE_METHODS],
      ['v3', V3_METHODS],
    ] as const) {
      for (const [name, method] of Object.entries(table)) {
        if (method.kind !== 'local') continue;
        const outcome = await run(phone, 'http-500', name, method as MethodCase, which);
        expect({ name, ...outcome }).toEqual({ name, code: 'resolved', onError: [], token: TOKEN, stored: TOKEN });
      }
    }
    expect(server.requests).toEqual([]);
    expect(phone.sim.counters.requests).toHaveLength(0);
  });
});

/** A fresh phone whose network has this fault. */
function faulty(fault: Fault): Phone {
  const phone = launch();
  if (fault === 'offline') phone.sim.setOffline(true);
  else server.set(fault);
  return phone;
}

describe.each(FAULTS)('%s', (fault) => {
  test(`full client: every method rejects with ${EXPECTED[fault]}, told once, the session kept`, async () => {
    const { actual, wanted } = await outcomes(faulty(fault), fault, FULL_METHODS as Record<string, MethodCase>, 'full');
    expect(actual).toEqual(wanted);
  });

  test(`core: every method rejects with ${EXPECTED[fault]}, told once, the session kept`, async () => {
    const { actual, wanted } = await outcomes(faulty(fault), fault, CORE_METHODS as Record<string, MethodCase>, 'core');
    expect(actual).toEqual(wanted);
  });

  test(`v3 client: every method rejects with ${EXPECTED[fault]}, told once, the v3 session kept`, async () => {
    const { actual, wanted } = await outcomes(faulty(fault), fault, V3_METHODS as Record<string, MethodCase>, 'v3');
    expect(actual).toEqual(wanted);
  });
});
