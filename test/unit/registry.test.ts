/**
 * The registry: every component and the full client share one AuthCore per Authing app and host.
 */
import { AuthCore, getClient, getDefaultClient, resetClients, setDefaultClient, type StorageAdapter } from '../../lib/core';

function memoryStorage(): StorageAdapter {
  const values = new Map<string, unknown>();
  return {
    get: (key) => (values.has(key) ? values.get(key) : ''),
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
}

function token(sub: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part({ sub, exp: Math.floor(Date.now() / 1000) + 3600 })}.sig`;
}

const deps = () => ({ storage: memoryStorage() });

describe('registry', () => {
  beforeEach(() => resetClients());

  test('the same appId and host give the same AuthCore', () => {
    const a = getClient({ appId: 'app-1', host: 'https://auth.example.com' }, deps());
    const b = getClient({ appId: 'app-1', host: 'https://auth.example.com' }, deps());

    expect(a).toBeInstanceOf(AuthCore);
    expect(b).toBe(a);
  });

  test('a trailing slash or spaces around the appId are the same client', () => {
    const a = getClient({ appId: 'app-1', host: 'https://auth.example.com' }, deps());

    expect(getClient({ appId: ' app-1 ', host: 'https://auth.example.com/' }, deps())).toBe(a);
  });

  test.each([
    ['upper case', 'HTTPS://Auth.Example.COM'],
    ['the default https port', 'https://auth.example.com:443'],
    ['a trailing space', 'https://auth.example.com '],
    ['a leading space and slashes', ' https://auth.example.com//'],
  ])('%s is the same host: one client, one session', (_name, spelling) => {
    const a = getClient({ appId: 'app-1', host: 'https://auth.example.com' }, deps());

    expect(getClient({ appId: 'app-1', host: spelling }, deps())).toBe(a);
  });

  test('localhost and 127.0.0.1, and :80 on http, are one host; one client’s logout is the other’s', () => {
    const storage = memoryStorage();
    const a = getClient({ appId: 'app-1', host: 'http://localhost:3000' }, { storage });
    a.session.setToken(token('u1'));
    const b = getClient({ appId: 'app-1', host: 'http://127.0.0.1:3000/' }, { storage });

    expect(b).toBe(a);
    expect(getClient({ appId: 'app-1', host: 'http://LOCALHOST:80' }, deps())).toBe(
      getClient({ appId: 'app-1', host: 'http://127.0.0.1' }, deps()),
    );
    b.session.clear();
    expect(a.isLoggedIn()).toBe(false);
    expect(a.options.host).toBe('http://127.0.0.1:3000');
  });

  test("a later client for the same app brings its onError and timeout; unset options keep the first's", () => {
    const first = jest.fn();
    const a = getClient({ appId: 'app-1', timeout: 3000, onError: first }, deps());
    const later = jest.fn();
    getClient({ appId: 'app-1', onError: later, lang: 'en-US' }, deps());

    expect(a.options.onError).toBe(later);
    expect(a.options.lang).toBe('en-US');
    expect(a.options.timeout).toBe(3000);
  });

  test('the default host is the same client as naming it', () => {
    const a = getClient({ appId: 'app-1' }, deps());

    expect(getClient({ appId: 'app-1', host: 'https://core.authing.cn' }, deps())).toBe(a);
  });

  test('another appId or another host is another client', () => {
    const a = getClient({ appId: 'app-1', host: 'https://auth.example.com' }, deps());

    expect(getClient({ appId: 'app-2', host: 'https://auth.example.com' }, deps())).not.toBe(a);
    expect(getClient({ appId: 'app-1', host: 'https://other.example.com' }, deps())).not.toBe(a);
  });

  test('the first client becomes the default; setDefaultClient replaces it and registers it', () => {
    expect(getDefaultClient()).toBeNull();
    const first = getClient({ appId: 'app-1' }, deps());
    getClient({ appId: 'app-2' }, deps());
    expect(getDefaultClient()).toBe(first);

    const mine = new AuthCore({ appId: 'app-3', host: 'https://auth.example.com' }, deps());
    setDefaultClient(mine);

    expect(getDefaultClient()).toBe(mine);
    expect(getClient({ appId: 'app-3', host: 'https://auth.example.com' }, deps())).toBe(mine);
  });

  test('an accessToken given to a later getClient signs the shared client in with it', () => {
    const a = getClient({ appId: 'app-1' }, deps());
    expect(a.isLoggedIn()).toBe(false);
    const t = token('user-1');

    const b = getClient({ appId: 'app-1', accessToken: t }, deps());

    expect(b).toBe(a);
    expect(a.getToken()).toBe(t);
  });

  test('an invalid appId is refused before anything is registered', () => {
    expect(() => getClient({ appId: '' }, deps())).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(getDefaultClient()).toBeNull();
  });

  test('resetClients forgets them: the next getClient is a new client', () => {
    const a = getClient({ appId: 'app-1' }, deps());
    resetClients();

    expect(getClient({ appId: 'app-1' }, deps())).not.toBe(a);
  });
});
