/**
 * What `new AuthCore(options)` accepts, refuses, and sends.
 */
import { AuthCore, AuthingError, ErrorCodes, MAX_TIMEOUT, type CoreOptions } from '../../lib/core';
import { AUTH_PATH, json, startFakeServer, useWorld } from './world';

const world = useWorld();

function constructionError(options: unknown): AuthingError {
  try {
    new AuthCore(options as CoreOptions);
  } catch (error) {
    if (error instanceof AuthingError) return error;
    throw error;
  }
  throw new Error('expected new AuthCore to throw');
}

describe('options', () => {
  test.each([
    ['missing appId', {}],
    ['empty appId', { appId: '' }],
    ['blank appId', { appId: '   ' }],
    ['appId that is not a string', { appId: 42 }],
    ['no options at all', undefined],
  ])('%s: INVALID_ARGUMENT at construction, naming appId', (_name, options) => {
    const error = constructionError(options);

    expect(error.code).toBe(ErrorCodes.INVALID_ARGUMENT);
    expect(error.message).toMatch(/appId/);
  });

  test.each([
    ['a host without a scheme', { host: 'core.authing.cn' }],
    ['a zero timeout', { timeout: 0 }],
    ['a negative timeout', { timeout: -1 }],
  ])('%s: INVALID_ARGUMENT at construction', (_name, extra) => {
    const error = constructionError({ appId: 'app', ...extra });

    expect(error.code).toBe(ErrorCodes.INVALID_ARGUMENT);
  });

  test.each([
    ['host', { host: 42 }],
    ['accessToken', { accessToken: 42 }],
    ['userPoolId', { userPoolId: {} }],
    ['onError', { onError: 'log' }],
  ])('a %s of the wrong type: INVALID_ARGUMENT naming it, not a TypeError', (name, extra) => {
    const error = constructionError({ appId: 'app', ...extra });

    expect(error.code).toBe(ErrorCodes.INVALID_ARGUMENT);
    expect(error.message).toContain(name);
  });

  test.each([Infinity, 3e9])(
    'timeout %p is clamped to the longest timer (MAX_TIMEOUT): requests still get their answer',
    async (timeout) => {
      world.phone();
      const core = world.core({ timeout });

      expect(core.options.timeout).toBe(MAX_TIMEOUT);
      await expect(core.loginByCode()).resolves.toMatchObject({ token: expect.any(String) });
    },
  );

  test('a host with a trailing / works, and requests carry no double slash', async () => {
    const { sim } = world.phone();
    const core = world.core({ host: `${world.emulator().url}/` });

    const user = await core.loginByCode();

    expect(user.token).toEqual(expect.any(String));
    expect(sim.counters.requests.map((r) => r.url)).toEqual([`${world.emulator().url}${AUTH_PATH}`]);
  });

  test('the appId is sent as x-authing-app-id, and a wrong one is refused by Authing', async () => {
    world.phone();
    const core = world.core({ appId: 'not-this-app' });

    await expect(core.loginByCode()).rejects.toMatchObject({ code: 2011 });
  });

  test('requests carry Authing’s headers, the user pool id and the language when given', async () => {
    const authing = await startFakeServer(
      json({ statusCode: 200, message: '', data: { phone_info: { countryCode: '86', phoneNumber: '1', purePhoneNumber: '1' } } }),
    );
    try {
      world.phone();
      const core = new AuthCore({ appId: 'app-1', host: authing.url, userPoolId: 'pool-1', lang: 'en-US', extIdpConnidentifier: 'wx-mp' });

      await core.getPhoneByCode('phone-code');

      expect(authing.received[0].headers).toMatchObject({
        'x-authing-app-id': 'app-1',
        'x-authing-userpool-id': 'pool-1',
        'x-authing-request-from': 'wxapp',
        'x-authing-lang': 'en-US',
      });
      expect(authing.received[0].headers['x-authing-sdk-version']).toEqual(expect.any(String));
      expect(authing.received[0].headers.authorization).toBeUndefined();
    } finally {
      await authing.close();
    }
  });
});
