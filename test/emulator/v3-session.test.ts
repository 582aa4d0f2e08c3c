import { startEmulator } from '../../emulator/src';
import { PROBE, v3Client, v3Suite } from '../support/v3-client';

/** /oidc/token (refresh, rotating) and /oidc/token/revocation, as Authing.refreshToken and Authing.logout send them. */
const suite = v3Suite('1370000');

const nextPhone = suite.nextPhone;

describe('refresh', () => {
  it('answers a bare token set whose tokens work, and rotates the refresh token', async () => {
    const login = await suite.api.phoneUser(nextPhone());
    expect(login.refresh_token).toEqual(expect.any(String));
    const { status, body } = await suite.api.refresh(login.refresh_token!);
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.any(String),
      id_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: expect.any(Number),
      scope: login.scope,
    });
    expect(body.refresh_token).not.toBe(login.refresh_token);
    expect((await suite.api.profile(body.access_token)).body.statusCode).toBe(200);

    // The new refresh token works once more; the spent one never again.
    expect((await suite.api.refresh(body.refresh_token)).status).toBe(200);
  });

  it('refuses a spent refresh token with OAuth invalid_grant, and ends that login (reuse means theft)', async () => {
    const login = await suite.api.phoneUser(nextPhone());
    const rotated = (await suite.api.refresh(login.refresh_token!)).body;
    const reused = await suite.api.refresh(login.refresh_token!);
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
    // The thief's copy and the rightful one both die.
    expect((await suite.api.refresh(rotated.refresh_token)).body.error).toBe('invalid_grant');
    expect((await suite.api.profile(rotated.access_token)).status).toBe(401);
  });

  it('gives no refresh token without offline_access, and refuses unknown tokens and clients', async () => {
    const login = await suite.api.phoneUser(nextPhone(), 'openid profile');
    expect(login).not.toHaveProperty('refresh_token');
    expect((await suite.api.refresh('not-a-refresh-token')).body.error).toBe('invalid_grant');

    const noClient = await suite.api.postForm('/oidc/token', { grant_type: 'refresh_token', refresh_token: 'x' }, PROBE);
    expect(noClient).toEqual({ status: 401, body: { error: 'invalid_client', error_description: expect.any(String) } });
    const otherClient = await suite.api.postForm(
      '/oidc/token',
      { grant_type: 'refresh_token', refresh_token: 'x', client_id: 'someone-else' },
      PROBE,
    );
    expect(otherClient.body.error).toBe('invalid_client');
    // Other grants are not served; a JSON body is not what the endpoint takes.
    const password = await suite.api.postForm(
      '/oidc/token',
      { grant_type: 'password', refresh_token: 'x', client_id: suite.emulator.options.appId },
      PROBE,
    );
    expect(password.body.error).toBe('invalid_request');
    const json = await suite.api.post('/oidc/token', { grant_type: 'refresh_token', refresh_token: 'x' }, PROBE);
    expect(json.body).toHaveProperty('error');
  });

  it('refreshes to a token set that carries the user as it is now', async () => {
    const login = await suite.api.phoneUser(nextPhone());
    await suite.api.account('/api/v3/update-profile', login.access_token, { nickname: 'Renamed' });
    const { body } = await suite.api.refresh(login.refresh_token!);
    const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1], 'base64url').toString());
    expect(claims.nickname).toBe('Renamed');
  });
});

describe('revocation', () => {
  it('answers 200 and kills the access token, the id token and the refresh token of that login', async () => {
    const phone = nextPhone();
    const login = await suite.api.phoneUser(phone);
    const other = await suite.api.phoneUser(nextPhone());
    const { status, body } = await suite.api.revoke(login.access_token);
    expect(status).toBe(200);
    expect(body).toBeNull();
    const gone = await suite.api.profile(login.access_token);
    expect(gone.status).toBe(401);
    expect(gone.body).toMatchObject({ statusCode: 401, apiCode: 2020 });
    expect((await suite.api.profile(login.id_token)).status).toBe(401);
    const update = await suite.api.account('/api/v3/update-profile', login.access_token, { nickname: 'after logout' });
    expect(update).toMatchObject({ status: 401, body: { statusCode: 401, apiCode: 2020 } });
    expect((await suite.api.refresh(login.refresh_token!)).body.error).toBe('invalid_grant');
    // The refused update changed nothing; another login stays.
    const again = await suite.api.phoneUser(phone);
    expect((await suite.api.profile(again.access_token)).body.data.nickname).not.toBe('after logout');
    expect((await suite.api.profile(other.access_token)).status).toBe(200);
  });

  it('revoking the refresh token ends the login too; refreshed tokens belong to the same login', async () => {
    const login = await suite.api.phoneUser(nextPhone());
    const refreshed = (await suite.api.refresh(login.refresh_token!)).body;
    await suite.api.revoke(refreshed.refresh_token);
    expect((await suite.api.profile(refreshed.access_token)).status).toBe(401);
    expect((await suite.api.profile(login.access_token)).status).toBe(401);
  });

  it('answers 200 for an unknown or dead token (RFC 7009), but names the client', async () => {
    expect((await suite.api.revoke('never-issued')).status).toBe(200);
    const noClient = await suite.api.postForm('/oidc/token/revocation', { token: 'x' }, PROBE);
    expect(noClient.body.error).toBe('invalid_request');
    const wrongClient = await suite.api.postForm('/oidc/token/revocation', { token: 'x', client_id: 'someone-else' }, PROBE);
    expect(wrongClient).toEqual({ status: 401, body: { error: 'invalid_client', error_description: expect.any(String) } });
  });
});

describe('an access token that expires (the emulator started with a short --token-ttl)', () => {
  it('fails on every account call once its lifetime is over, and the refresh token still gets a working set', async () => {
    const emulator = await startEmulator({ port: 0, tokenTtlSeconds: 60 });
    try {
      const api = v3Client(emulator);
      const login = await api.phoneUser('13700009999');
      expect(login.expires_in).toBe(60);
      expect((await api.profile(login.access_token)).status).toBe(200);

      await api.post('/__emulator/clock', { advanceMs: 61_000 });
      const expired = await api.profile(login.access_token);
      expect(expired).toMatchObject({ status: 401, body: { statusCode: 401, apiCode: 2020, message: '登录信息已过期' } });
      expect((await api.account('/api/v3/update-profile', login.access_token, { nickname: 'late' })).status).toBe(401);

      const refreshed = await api.refresh(login.refresh_token!);
      expect(refreshed.body).toMatchObject({ expires_in: 60, access_token: expect.any(String) });
      expect((await api.profile(refreshed.body.access_token)).body.statusCode).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});
