/**
 * The built full client (miniprogram_dist/index.js) in the WeChat-like sandbox, against a scripted
 * wx.request: the options, the one host, errors and onError, the session rules, and the
 * authing-js-sdk paths that needed WeChat replacements (axios, URLSearchParams, Buffer, crypto-js).
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { DIST, fakeToken, loadPackage, stubWx, type Reply, type SentRequest, type StubWx } from '../build/stub-wx';

type Full = typeof import('../../lib/index');
type Client = InstanceType<Full['AuthenticationClient']>;
type Options = ConstructorParameters<Full['AuthenticationClient']>[0];

const HOST = 'https://auth.example.com';
const APP_ID = 'app-full';
const VERSION = (JSON.parse(readFileSync(path.join(DIST, '..', 'package.json'), 'utf8')) as { version: string }).version;

interface Setup {
  full: Full;
  stub: StubWx;
  client: Client;
  errors: Array<[unknown, string, unknown]>;
}

function setup(options: Partial<Options> = {}, stub: StubWx = stubWx()): Setup {
  const { full } = loadPackage<Full>(stub.wx);
  const errors: Array<[unknown, string, unknown]> = [];
  const client = new full.AuthenticationClient({
    appId: APP_ID,
    host: HOST,
    onError: (code, message, data) => errors.push([code, message, data]),
    ...options,
  });
  return { full, stub, client, errors };
}

function operation(request: SentRequest): string | undefined {
  const data = request.data as { query?: string } | undefined;
  return data && typeof data.query === 'string' ? /^(?:query|mutation) (\w+)/.exec(data.query)?.[1] : undefined;
}

function graphqlReply(data: Record<string, unknown>): Reply {
  return { statusCode: 200, data: { data } };
}

function graphqlError(code: number, message: string): Reply {
  return { statusCode: 200, data: { data: null, errors: [{ message: { code, message, data: null } }] } };
}

async function rejection(promise: Promise<unknown>): Promise<{ code: unknown; message: string; statusCode?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: unknown; message: string; statusCode?: number };
  }
  throw new Error('expected a rejection');
}

const USER = { id: 'user-1', nickname: 'Ann', photo: null, token: null };
const PUBLIC_KEY = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('options', () => {
  it('uses one host, without its trailing /, for REST, GraphQL, WeChat and OAuth endpoints', async () => {
    const { client, stub } = setup({ host: HOST + '/', secret: 'secret' });
    client.setToken(fakeToken('user-1'));
    await Promise.allSettled([
      client.sendSmsCode('13800000000'),
      client.getCurrentUser(),
      client.loginByCode('wx-code'),
      client.getAccessTokenByCode('code'),
    ]);
    expect(stub.requests.map((request) => request.url).sort()).toEqual(
      [`${HOST}/api/v2/sms/send`, `${HOST}/graphql/v2`, `${HOST}/connections/social/wechat-miniprogram/auth`, `${HOST}/oidc/token`].sort(),
    );
  });

  it('takes appHost as the host when no host is given; `domain` neither crashes nor redirects', async () => {
    const { client, stub } = setup({ host: undefined, appHost: 'https://app.example.com/', domain: 'other.example.com' });
    await Promise.allSettled([client.sendSmsCode('13800000000'), client.loginByCode('wx-code')]);
    expect(stub.requests.map((request) => new URL(request.url).origin)).toEqual(['https://app.example.com', 'https://app.example.com']);
    expect(stub.requests).toHaveLength(2);
  });

  it('passes the timeout (default 10000 ms) to every wx.request', async () => {
    for (const [timeout, expected] of [
      [undefined, 10000],
      [3000, 3000],
    ] as const) {
      const { client, stub } = setup({ timeout, secret: 'secret' });
      client.setToken(fakeToken('user-1'));
      await Promise.allSettled([client.sendSmsCode('1'), client.getCurrentUser(), client.getAccessTokenByCode('code')]);
      expect(stub.requests.map((request) => request.timeout)).toEqual([expected, expected, expected]);
    }
  });

  it('starts signed in with `accessToken`', async () => {
    const token = fakeToken('user-9');
    const { client, stub } = setup({ accessToken: token });
    expect(client.tokenProvider.getToken()).toBe(token);
    expect(client.checkLoggedIn()).toBe('user-9');
    await client.getCurrentUser().catch(() => undefined);
    expect(stub.requests[0].header.Authorization).toBe(`Bearer ${token}`);
  });

  it('sends the core’s identity headers, not authing-js-sdk’s browser ones', async () => {
    const { client, stub } = setup({ secret: 'secret' });
    client.setToken(fakeToken('user-1'));
    await Promise.allSettled([client.sendSmsCode('1'), client.getCurrentUser(), client.getAccessTokenByCode('code')]);
    for (const request of stub.requests) {
      expect(request.header['x-authing-app-id']).toBe(APP_ID);
      expect(request.header['x-authing-request-from']).toBe('wxapp');
      expect(request.header['x-authing-sdk-version']).toBe(`wxapp:${VERSION}`);
    }
  });

  it('sends the tenant id when one is given, on REST and on GraphQL as authing-js-sdk does', async () => {
    const { client, stub } = setup({ tenantId: 'tenant-7' });
    await client.sendSmsCode('1').catch(() => undefined);
    await client.checkPasswordStrength('strong-passw0rd').catch(() => undefined);
    expect(stub.requests.map((r) => [new URL(r.url).pathname, r.header['x-authing-app-tenant-id']])).toEqual([
      ['/api/v2/sms/send', 'tenant-7'],
      ['/graphql/v2', 'tenant-7'],
    ]);
  });
});

describe('errors and onError', () => {
  it('GraphQL: rejects with Authing’s code, reported to onError once', async () => {
    const { client, stub, errors, full } = setup({ publicKey: PUBLIC_KEY });
    stub.respond(() => graphqlError(2004, '用户不存在'));
    const error = await rejection(client.loginByEmail('a@example.com', 'pw', undefined));
    expect(error).toBeInstanceOf(full.AuthingError);
    expect(error.code).toBe(2004);
    expect(errors).toEqual([[2004, '用户不存在', null]]);
  });

  it('REST: an Authing envelope error rejects with its code, reported once', async () => {
    const { client, stub, errors } = setup();
    stub.respond(() => ({ statusCode: 200, data: { code: 2000, message: '手机号格式错误', data: null } }));
    const error = await rejection(client.sendSmsCode('bad'));
    expect(error.code).toBe(2000);
    expect(errors.map(([code]) => code)).toEqual([2000]);
  });

  it('the network failing rejects with NETWORK_ERROR, reported once per request', async () => {
    const { client, errors, full } = setup();
    const error = await rejection(client.sendSmsCode('1'));
    expect(error.code).toBe(full.ErrorCodes.NETWORK_ERROR);
    await rejection(client.checkLoginStatus('token'));
    expect(errors.map(([code]) => code)).toEqual(['NETWORK_ERROR', 'NETWORK_ERROR']);
  });

  it('a 502 HTML page rejects with HTTP_ERROR and the status, not a TypeError', async () => {
    const { client, stub, errors } = setup();
    stub.respond(() => ({ statusCode: 502, data: '<html>Bad Gateway</html>' }));
    const error = await rejection(client.sendSmsCode('1'));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.statusCode).toBe(502);
    expect(errors).toHaveLength(1);
  });

  it('OAuth endpoints: an error status rejects with the server’s description, reported once', async () => {
    const { client, stub, errors } = setup({ secret: 'secret' });
    stub.respond(() => ({ statusCode: 400, data: { error: 'invalid_grant', error_description: '授权码无效' } }));
    const error = await rejection(client.getAccessTokenByCode('code'));
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.message).toBe('授权码无效');
    expect(error.statusCode).toBe(400);
    expect(errors).toHaveLength(1);
  });

  it('a getPhoneNumber code given to loginByPhoneCode (SMS) is pointed to loginByWechatPhoneCode', async () => {
    const { client, stub } = setup();
    const error = await rejection(client.loginByPhoneCode('wechat-phone-code', undefined as unknown as string));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/loginByWechatPhoneCode/);
    expect(stub.requests).toEqual([]);
  });
});

describe('the session', () => {
  it('getCurrentUser: null without a request when signed out; a network error rejects and keeps the session', async () => {
    const { client, stub } = setup();
    await expect(client.getCurrentUser()).resolves.toBeNull();
    expect(stub.requests).toEqual([]);
    const token = fakeToken('user-1');
    client.setToken(token);
    const error = await rejection(client.getCurrentUser());
    expect(error.code).toBe('NETWORK_ERROR');
    expect(client.tokenProvider.getToken()).toBe(token);
  });

  it('getCurrentUser: returns the user with authing-js-sdk’s customData pairs; Authing’s 2020 signs out', async () => {
    const { client, stub } = setup();
    client.setToken(fakeToken('user-1'));
    stub.respond(() => graphqlReply({ user: { ...USER, customData: [{ key: 'age', value: '30', dataType: 'NUMBER', label: 'Age' }] } }));
    const user = await client.getCurrentUser();
    expect(user).toMatchObject({ id: 'user-1', nickname: 'Ann', customData: { age: 30 } });
    stub.respond(() => graphqlError(2020, '尚未登录'));
    await expect(client.getCurrentUser()).resolves.toBeNull();
    expect(client.tokenProvider.getToken()).toBeNull();
  });

  it('updateProfile’s user with token null keeps the stored token', async () => {
    const { client, stub } = setup();
    const token = fakeToken('user-1');
    client.setToken(token);
    stub.respond(() => graphqlReply({ updateUser: { ...USER, nickname: 'Bob' } }));
    const updated = await client.updateProfile({ nickname: 'Bob' });
    expect(updated.nickname).toBe('Bob');
    expect(client.tokenProvider.getToken()).toBe(token);
    expect(client.core.getUser()).toMatchObject({ id: 'user-1', nickname: 'Bob', token });
    expect(stub.storage.get('_authing_token')).toBe(token);
  });

  it('a login replaces the session; a registration without a token leaves it alone', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const { client, stub } = setup();
    const events: string[] = [];
    client.onAuthStateChange((event) => events.push(event));
    const first = fakeToken('user-1');
    stub.respond((request) => {
      if (request.url.endsWith('/api/v2/.well-known'))
        return { statusCode: 200, data: { code: 200, message: '', data: { publicKey: pem } } };
      if (operation(request) === 'loginByEmail') return graphqlReply({ loginByEmail: { ...USER, token: first } });
      return graphqlReply({ registerByEmail: { id: 'user-2', email: 'b@example.com', token: null } });
    });
    await client.loginByEmail('a@example.com', 'pässwörd');
    expect(client.tokenProvider.getToken()).toBe(first);
    await client.registerByEmail('b@example.com', 'other');
    expect(client.tokenProvider.getToken()).toBe(first);
    expect(client.core.getUser()?.id).toBe('user-1');
    expect(events).toEqual(['SIGNED_IN']);

    const login = stub.requests.find((request) => operation(request) === 'loginByEmail') as SentRequest;
    const sent = (login.data as { variables: { input: { password: string } } }).variables.input.password;
    const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
    expect(forge.util.decodeUtf8(key.decrypt(forge.util.decode64(sent), 'RSAES-PKCS1-V1_5'))).toBe('pässwörd');
  });

  it('logout and logoutCurrent end the local session even when the request fails', async () => {
    const { client, stub, errors } = setup();
    client.setToken(fakeToken('user-1'));
    await expect(client.logout()).resolves.toBeUndefined();
    expect(client.tokenProvider.getToken()).toBeNull();
    expect(stub.storage.has('_authing_token')).toBe(false);
    client.setToken(fakeToken('user-1'));
    await expect(client.logoutCurrent()).resolves.toBeUndefined();
    expect(client.tokenProvider.getToken()).toBeNull();
    expect(stub.requests.map((request) => request.url)).toEqual([
      `${HOST}/api/v2/logout?app_id=${APP_ID}`,
      `${HOST}/logout?appId=${APP_ID}&deviceId=current`,
    ]);
    expect(errors).toHaveLength(2);
  });

  it('WeChat login signs in, for the components too', async () => {
    const { client, stub, full } = setup();
    const token = fakeToken('user-1');
    stub.respond(() => ({ statusCode: 200, data: { code: 200, message: '', data: { ...USER, token } } }));
    const user = await client.loginByCode('wx-code', { iv: 'iv', encryptedData: 'data', rawData: '{}' });
    expect(user.id).toBe('user-1');
    expect(stub.requests[0].data).toMatchObject({ code: 'wx-code', iv: 'iv', encryptedData: 'data', rawData: '{}' });
    expect(full.getClient({ appId: APP_ID, host: HOST }).getToken()).toBe(token);
  });
});

describe('password encryption', () => {
  it('refuses to send a password without wx.getRandomValues: ENCRYPTION_ERROR, no login request', async () => {
    const { client, stub } = setup({ publicKey: PUBLIC_KEY }, stubWx({ randomValues: false }));
    const error = await rejection(client.loginByEmail('a@example.com', 'pw'));
    expect(error.code).toBe('ENCRYPTION_ERROR');
    expect(stub.requests).toEqual([]);
  });

  it('uses an encryptFunction given in the options', async () => {
    const { client, stub } = setup({ publicKey: 'key', encryptFunction: async (text) => `enc(${text})` });
    stub.respond(() => graphqlReply({ loginByEmail: { ...USER, token: fakeToken('user-1') } }));
    await client.loginByEmail('a@example.com', 'pw');
    expect((stub.requests[0].data as { variables: { input: { password: string } } }).variables.input.password).toBe('enc(pw)');
  });
});

describe('authing-js-sdk paths that needed WeChat replacements', () => {
  it('OAuth client_secret_basic: Basic credentials without Buffer, a form body without URLSearchParams', async () => {
    const { client, stub } = setup({
      secret: 'sëcret',
      tokenEndPointAuthMethod: 'client_secret_basic',
      redirectUri: 'https://app.example.com/cb?a=1 2',
    });
    stub.respond(() => ({ statusCode: 200, data: { access_token: 'at', token_type: 'Bearer' } }));
    await expect(client.getAccessTokenByCode('c/d')).resolves.toMatchObject({ access_token: 'at' });
    const [request] = stub.requests;
    expect(request.method).toBe('POST');
    expect(request.header.Authorization).toBe('Basic ' + Buffer.from(`${APP_ID}:sëcret`).toString('base64'));
    expect(request.header['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.data).toBe(
      new URLSearchParams({ grant_type: 'authorization_code', code: 'c/d', redirect_uri: 'https://app.example.com/cb?a=1 2' }).toString(),
    );
  });

  it('OAuth client_secret_post and authorize URLs encode as URLSearchParams does', async () => {
    const { client, stub } = setup({ secret: "s!'()~*", redirectUri: 'https://app.example.com/cb' });
    stub.respond(() => ({ statusCode: 200, data: { access_token: 'at' } }));
    await client.getAccessTokenByCode('code');
    const expected = new URLSearchParams({
      client_id: APP_ID,
      client_secret: "s!'()~*",
      grant_type: 'authorization_code',
      code: 'code',
      redirect_uri: 'https://app.example.com/cb',
    });
    expect(stub.requests[0].data).toBe(expected.toString());
    const url = new URL(client.buildAuthorizeUrl({ scope: 'openid profile', state: 'st', nonce: 'n' }));
    expect(url.origin + url.pathname).toBe(`${HOST}/oidc/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ scope: 'openid profile', state: 'st', nonce: 'n', client_id: APP_ID });
  });

  it('loginByAd finds its AD host without `URL`', async () => {
    const { client, stub } = setup();
    await client.loginByAd('ann', 'pw').catch(() => undefined);
    expect(stub.requests.map((request) => request.url)).toEqual(['https://ws.example.com/api/v2/ad/verify-user']);
  });

  it('browser-only methods reject with UNSUPPORTED instead of a TypeError', async () => {
    const { client, stub } = setup();
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['qrcode.startScanning', () => client.qrcode.startScanning('qrcode')],
      ['wxqrcode.startScanning', () => client.wxqrcode.startScanning('qrcode')],
      ['social.authorize', () => client.social.authorize('github')],
      ['enterprise.authorize', () => client.enterprise.authorize('oidc' as Parameters<Client['enterprise']['authorize']>[0], 'corp')],
      ['browserFingerprint.createDevice', () => client.browserFingerprint.createDevice()],
      ['mfa.associateFaceByLocalFile', () => client.mfa.associateFaceByLocalFile('mfa-token')],
    ];
    for (const [name, call] of calls) {
      const error = await rejection(call());
      expect([name, error.code]).toEqual([name, 'UNSUPPORTED']);
    }
    const subErrors: Array<{ code?: unknown }> = [];
    client.event.sub(
      'user.login',
      () => undefined,
      (error: { code?: unknown }) => subErrors.push(error),
    );
    expect(subErrors.map((error) => error.code)).toEqual(['UNSUPPORTED']);
    expect(stub.requests).toEqual([]);
  });

  it('PKCE S256 challenges equal Node’s SHA-256', () => {
    const { client } = setup();
    for (const verifier of ['x'.repeat(43), 'abcdefghijklmnopqrstuvwxyz0123456789-._~ABCDEFGH', '密码-🔑'.repeat(10)]) {
      const expected = createHash('sha256').update(verifier, 'utf8').digest('base64url');
      expect(client.getCodeChallengeDigest({ codeChallenge: verifier, method: 'S256' })).toBe(expected);
    }
  });
});
