/**
 * Smoke e2e: the built full client in the WeChat-like sandbox, on the wx simulator, against the
 * emulator over real HTTP. WeChat login and authing-js-sdk's own calls share one session; password
 * fields go out RSA-encrypted with the key from /api/v2/.well-known.
 */
import { createWx } from '../../testing';
import { useEmulator } from '../support/emulator';
import { loadPackage } from '../build/stub-wx';

type Full = typeof import('../../lib/index');
type Core = typeof import('../../lib/core');

const emulator = useEmulator();

function start(options: { onError?: (code: unknown) => void } = {}) {
  const emu = emulator();
  const phone = createWx({ emulator: emu.url, appid: emu.options.wechatAppId });
  const loaded = loadPackage<Full, Core>(phone.wx);
  const client = new loaded.full.AuthenticationClient({ appId: emu.options.appId, host: emu.url + '/', onError: options.onError });
  return { ...loaded, phone, client, emu };
}

describe('full client on the emulator', () => {
  it('WeChat login, then authing-js-sdk calls on the same session, then logout', async () => {
    const { client, core, sandbox, emu } = start();
    const events: string[] = [];
    client.onAuthStateChange((event) => events.push(event));

    const user = await client.loginByCode();
    expect(user.token).toEqual(expect.any(String));
    expect(core.getClient({ appId: emu.options.appId, host: emu.url }).getUser()?.id).toBe(user.id);

    const me = await client.getCurrentUser();
    expect(me?.id).toBe(user.id);

    const updated = await client.updateProfile({ nickname: 'Bob' });
    expect(updated.nickname).toBe('Bob');
    expect(client.tokenProvider.getToken()).toBe(user.token);

    await expect(client.checkLoginStatus()).resolves.toMatchObject({ status: true });

    await client.logout();
    await expect(client.getCurrentUser()).resolves.toBeNull();
    expect(events).toEqual(['SIGNED_IN', 'USER_UPDATED', 'USER_UPDATED', 'SIGNED_OUT']);
    expect(Array.from(sandbox.foreignGlobals)).toEqual([]);
  });

  it('registerByEmail and loginByEmail send the password RSA-encrypted; a wrong one fails with Authing’s code, reported once', async () => {
    const errors: unknown[] = [];
    const { client } = start({ onError: (code) => errors.push(code) });
    const email = `ann.${Date.now()}@example.com`;

    const registered = await client.registerByEmail(email, 'passw0rd-密码');
    expect(registered.email).toBe(email);
    expect(client.tokenProvider.getToken()).toBeNull();

    const user = await client.loginByEmail(email, 'passw0rd-密码');
    expect(user.email).toBe(email);
    expect(client.tokenProvider.getToken()).toBe(user.token);

    let failure: { code?: unknown } | undefined;
    try {
      await client.loginByEmail(email, 'wrong password');
    } catch (error) {
      failure = error as { code?: unknown };
    }
    expect(typeof failure?.code).toBe('number');
    expect(errors).toEqual([failure?.code]);
    // The failed attempt leaves the earlier session alone.
    expect(client.tokenProvider.getToken()).toBe(user.token);
  });
});
