/**
 * miniprogram_dist loads where WeChat runs it: a realm with only ECMAScript built-ins, `wx`,
 * console and timers, CommonJS require limited to the package, no eval / new Function, no BigInt.
 * index.js and core.js share one core module, hence one session.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { standardBuiltins, WECHAT_GLOBALS } from '../../build/wx-sandbox';
import { DIST, fakeToken, loadPackage, stubWx } from './stub-wx';

type Full = typeof import('../../lib/index');
type Core = typeof import('../../lib/core');

const APP = { appId: 'app-sandbox', host: 'https://auth.example.com' };

function load(wx = stubWx()) {
  return { ...loadPackage<Full, Core>(wx.wx), stub: wx };
}

describe('miniprogram_dist in a WeChat-like realm', () => {
  it('loads index.js and core.js and constructs an AuthenticationClient', () => {
    const { full, core } = load();
    expect(Object.keys(full).sort()).toEqual(
      [
        'AuthenticationClient',
        'AuthingCodes',
        'AuthingError',
        'ErrorCodes',
        'SDK_VERSION',
        'getClient',
        'getDefaultClient',
        'isAuthingError',
        'setDefaultClient',
      ].sort(),
    );
    const client = new full.AuthenticationClient({ appId: APP.appId });
    expect(client).toBeInstanceOf(full.AuthenticationClient);
    expect(typeof client.loginByEmail).toBe('function');
    expect(typeof client.loginByCode).toBe('function');
    expect(client.core).toBeInstanceOf(core.AuthCore);
  });

  it('shares one core between index.js and core.js: the registry hands both the same AuthCore', () => {
    const { full, core } = load();
    const client = new full.AuthenticationClient(APP);
    expect(core.getClient(APP)).toBe(client.core);
    expect(core.getClient({ ...APP, host: APP.host + '/' })).toBe(client.core);
    expect(full.getClient).toBe(core.getClient);
    expect(full.AuthingError).toBe(core.AuthingError);
    expect(new full.AuthenticationClient(APP).core).toBe(client.core);
    expect(core.getDefaultClient()).toBe(client.core);
  });

  it('signs in for both halves at once: a token set through the full client is the components’ session', async () => {
    const { full, core } = load();
    const client = new full.AuthenticationClient(APP);
    const token = fakeToken('user-1');
    client.setToken(token);
    expect(core.getClient(APP).getToken()).toBe(token);
    core.getClient(APP).session.clear();
    expect(client.tokenProvider.getToken()).toBeNull();
  });

  it('reads no global WeChat lacks, loading, constructing or calling', async () => {
    const { sandbox, full, stub } = load();
    const client = new full.AuthenticationClient({ ...APP, domain: 'tenant.example.com', timeout: 500, secret: 's3cret' });
    new full.AuthenticationClient({ appId: 'another-app' });
    client.setToken(fakeToken('user-1'));
    // Offline: each call reaches wx.request and fails there, through every client authing-js-sdk has.
    const calls: Array<Promise<unknown>> = [
      client.getCurrentUser(),
      client.loginByEmail('a@example.com', 'pw'),
      client.sendSmsCode('13800000000'),
      client.checkLoginStatus('token'),
      client.getAccessTokenByCode('code'),
      client.logout(),
      client.loginByCode('wx-code'),
      client.qrcode.geneCode(),
    ];
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.map((outcome) => outcome.status === 'rejected' && (outcome.reason as { code?: unknown }).code)).toEqual([
      'NETWORK_ERROR',
      'NETWORK_ERROR',
      'NETWORK_ERROR',
      'NETWORK_ERROR',
      'NETWORK_ERROR',
      false,
      'NETWORK_ERROR',
      'NETWORK_ERROR',
    ]);
    client.getCodeChallengeDigest({ codeChallenge: 'x'.repeat(43), method: 'S256' });
    client.buildAuthorizeUrl({ scope: 'openid' });
    expect(stub.requests.length).toBeGreaterThanOrEqual(8);
    expect(Array.from(sandbox.foreignGlobals)).toEqual([]);
    const allowed = new Set([...standardBuiltins(), ...WECHAT_GLOBALS]);
    expect(Array.from(sandbox.lookups).filter((name) => !allowed.has(name))).toEqual([]);
  });

  it('rejects a missing or empty appId with INVALID_ARGUMENT at construction', () => {
    const { full } = load();
    for (const options of [{}, { appId: '' }, { appId: '   ' }]) {
      let caught: unknown;
      try {
        new full.AuthenticationClient(options as { appId: string });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(full.AuthingError);
      expect((caught as { code: unknown }).code).toBe(full.ErrorCodes.INVALID_ARGUMENT);
    }
  });

  it('has no eval, new Function or BigInt, and carries the package version', () => {
    const version = (JSON.parse(readFileSync(path.join(DIST, '..', 'package.json'), 'utf8')) as { version: string }).version;
    const { full } = load();
    expect(full.SDK_VERSION).toBe(version);
    for (const file of ['index.js', 'core.js']) {
      const code = readFileSync(path.join(DIST, file), 'utf8');
      expect(code).not.toMatch(/(^|[^\w$.])(eval|Function)\s*\(/);
      expect(code).not.toMatch(/(^|[^\w$.])BigInt\b/);
    }
    // index.js takes the core from core.js at run time; it never carries a second copy.
    const index = readFileSync(path.join(DIST, 'index.js'), 'utf8');
    expect(index).toMatch(/require\("\.\/core\.js"\)/);
    expect(index).not.toMatch(/_authing_token/);
  });
});

describe('miniprogram_dist/v3.js in a WeChat-like realm', () => {
  type V3 = typeof import('../../lib/v3');

  it('loads with core.js only, shares its session, and reads no global WeChat lacks while calling', async () => {
    const stub = stubWx();
    const { sandbox, core } = loadPackage<Full, Core>(stub.wx);
    const v3 = sandbox.require('./v3.js') as V3;
    const authing = new v3.Authing(APP);
    expect(authing.core).toBe(core.getClient(APP));
    expect(v3.AuthingError).toBe(core.AuthingError);
    const outcomes = await Promise.allSettled([
      authing.loginByPassword({ account: 'bob', password: 'pw' }),
      authing.sendSms({ phoneNumber: '13800000000', channel: 'CHANNEL_LOGIN' }),
      authing.getUserInfo(),
      authing.logout(),
    ]);
    expect(outcomes.map((outcome) => outcome.status === 'rejected' && (outcome.reason as { code?: unknown }).code)).toEqual([
      'NETWORK_ERROR',
      'NETWORK_ERROR',
      'NOT_LOGGED_IN',
      false,
    ]);
    const allowed = new Set([...standardBuiltins(), ...WECHAT_GLOBALS]);
    expect(Array.from(sandbox.foreignGlobals)).toEqual([]);
    expect(Array.from(sandbox.lookups).filter((name) => !allowed.has(name))).toEqual([]);
    const code = readFileSync(path.join(DIST, 'v3.js'), 'utf8');
    expect(code).toMatch(/require\("\.\/core\.js"\)/);
    expect(code).not.toMatch(/(^|[^\w$.])(eval|Function|BigInt)\b\s*\(?/);
  });
});
