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
