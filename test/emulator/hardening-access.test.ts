/**
 * The control API belongs to this machine's developer: a web page in any tab, a DNS-rebinding page,
 * or a neighbour on the network must not reset the database, list users or mint login codes.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/src';
import { createWx } from '../../testing';
import { useEmulator } from '../support/emulator';
import { getJson, postJson } from '../support/http-json';
import { rawRequest } from '../support/raw-http';
import { spawnEmulatorCli } from '../support/emulator-process';

const emulator = useEmulator();

async function userCount(url: string, headers: Record<string, string> = {}): Promise<number> {
  return (await getJson(`${url}/__emulator/users`, headers)).body.users.length;
}

async function seedUser(url: string, appid: string): Promise<void> {
  const { body } = await postJson(`${url}/__emulator/wechat/login`, { appid });
  await postJson(`${url}/connections/social/wechat-miniprogram/auth`, { code: body.code });
}

describe('a web page cannot drive the control API', () => {
  it('refuses a cross-origin reset and keeps the data', async () => {
    const { url, options } = emulator();
    await seedUser(url, options.wechatAppId);
    const before = await userCount(url);
    expect(before).toBeGreaterThan(0);
    const attack = await rawRequest(`${url}/__emulator/reset`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(attack.status).toBe(403);
    expect(JSON.parse(attack.text)).toEqual({ code: 403, message: expect.stringContaining('https://evil.example') });
    const sandboxed = await rawRequest(`${url}/__emulator/users`, { headers: { origin: 'null' } });
    expect(sandboxed.status).toBe(403);
    expect(await userCount(url)).toBe(before);
  });

  it('answers pages served from this machine and clients that send no Origin', async () => {
    const { url } = emulator();
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:5173']) {
      expect((await rawRequest(`${url}/__emulator/info`, { headers: { origin } })).status).toBe(200);
    }
    expect((await rawRequest(`${url}/__emulator/info`)).status).toBe(200);
  });

  it('takes control POSTs only as JSON, which a form or a simple request cannot send', async () => {
    const { url, options } = emulator();
    await seedUser(url, options.wechatAppId);
    const before = await userCount(url);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await rawRequest(`${url}/__emulator/reset`, { method: 'POST', headers: { 'content-type': contentType }, body: '{}' });
      expect(res.status).toBe(415);
    }
    const bare = await rawRequest(`${url}/__emulator/reset`, { method: 'POST' });
    expect(bare.status).toBe(415);
    expect(await userCount(url)).toBe(before);
  });
});

describe('DNS rebinding: a Host that is not this machine is refused', () => {
  it('refuses a foreign host name on every face', async () => {
    const { url } = emulator();
    const control = await rawRequest(`${url}/__emulator/users`, { headers: { host: 'rebind.evil.example:4000' } });
    expect(control.status).toBe(403);
    const authing = await rawRequest(`${url}/api/v2/.well-known`, { headers: { host: 'rebind.evil.example' } });
    expect(authing.status).toBe(403);
    expect(JSON.parse(authing.text)).toMatchObject({ code: 403, data: null });
  });

  it('accepts localhost names and IP addresses', async () => {
    const { url } = emulator();
    for (const host of ['localhost:4000', 'app.localhost', '127.0.0.1:4000', '[::1]:4000', '192.168.1.20:4000']) {
      expect((await rawRequest(`${url}/__emulator/info`, { headers: { host } })).status).toBe(200);
    }
  });
});

describe('beyond loopback, the control API needs a token', () => {
  it('refuses to start on 0.0.0.0 without one', async () => {
    await expect(startEmulator({ port: 0, host: '0.0.0.0' })).rejects.toThrow(/control token/);
    const cli = spawnEmulatorCli(['--port', '0', '--host', '0.0.0.0', '--db', ':memory:'], {
      ...process.env,
      AUTHING_EMULATOR_CONTROL_TOKEN: '',
    });
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain('--control-token');
  });

  it('starts with a token, warns, and serves the control API only to callers who send it', async () => {
    const token = 'a-long-enough-control-token';
    const cli = spawnEmulatorCli(['--port', '0', '--host', '0.0.0.0', '--db', ':memory:'], {
      ...process.env,
      AUTHING_EMULATOR_CONTROL_TOKEN: token,
    });
    try {
      const shown = await cli.ready;
      const url = shown.replace('0.0.0.0', '127.0.0.1');
      expect((await getJson(`${url}/__emulator/users`)).status).toBe(401);
      expect((await getJson(`${url}/__emulator/users`, { authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
      expect((await postJson(`${url}/__emulator/wechat/login`, { appid: 'wx5f2b0c1d3e4a6b79' })).status).toBe(401);
      expect(await userCount(url, { authorization: `Bearer ${token}` })).toBe(0);

      // The wx simulator carries the token, so tests against such an emulator keep working.
      const info = (await getJson(`${url}/__emulator/info`, { authorization: `Bearer ${token}` })).body;
      const { wx } = createWx({ emulator: url, appid: info.wechatAppId, emulatorToken: token });
      const { code } = await wx.login();
      const login = await postJson(`${url}/connections/social/wechat-miniprogram/auth`, { code }, { 'x-authing-app-id': info.appId });
      expect(login.body).toMatchObject({ code: 200, data: { id: expect.any(String) } });
      const { wx: tokenless } = createWx({ emulator: url, appid: info.wechatAppId });
      await expect(tokenless.login()).rejects.toMatchObject({ errMsg: expect.stringContaining('login:fail') });
      await cli.stop();
      expect(cli.stderr()).toContain('warning: listening on 0.0.0.0');
      expect(cli.stderr()).not.toContain(token);
    } finally {
      await cli.stop();
    }
  });

  it('refuses a token too short to stand between the network and every account', async () => {
    await expect(startEmulator({ port: 0, host: '0.0.0.0', controlToken: 'short' })).rejects.toThrow(/at least 16/);
  });
});

describe('secrets stay secret', () => {
  it('--log redacts the AppSecret, js_code and access_token from request lines', async () => {
    const cli = spawnEmulatorCli(['--port', '0', '--db', ':memory:', '--log']);
    try {
      const url = await cli.ready;
      const info = (await getJson(`${url}/__emulator/info`)).body;
      const secret = 'b7e1f04c2d9a8e3f6c5b4a3d2e1f0a9b';
      const { body: minted } = await postJson(`${url}/__emulator/wechat/login`, { appid: info.wechatAppId });
      const session = await getJson(
        `${url}/sns/jscode2session?appid=${info.wechatAppId}&secret=${secret}&js_code=${minted.code}&grant_type=authorization_code`,
      );
      expect(session.body.session_key).toEqual(expect.any(String));
      const token = await getJson(`${url}/cgi-bin/token?grant_type=client_credential&appid=${info.wechatAppId}&secret=${secret}`);
      await postJson(`${url}/wxa/business/getuserphonenumber?access_token=${token.body.access_token}`, { code: 'x' });
      await postJson(`${url}/connections/social/wechat-miniprogram/auth`, { code: 'another-secret-code' });
      await cli.stop();
      const log = cli.stdout();
      expect(log).toContain('/sns/jscode2session?');
      expect(log).toContain('[redacted]');
      for (const leaked of [secret, minted.code, token.body.access_token, session.body.session_key, 'another-secret-code']) {
        expect(log).not.toContain(leaked);
      }
    } finally {
      await cli.stop();
    }
  });

  it('creates the database and its WAL files readable by their owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emulator-perm-'));
    const db = join(dir, 'data', 'emulator.db');
    const running = await startEmulator({ port: 0, db });
    try {
      await seedUser(running.url, running.options.wechatAppId);
      for (const file of [db, `${db}-wal`, `${db}-shm`]) {
        expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
      }
      expect((statSync(join(dir, 'data')).mode & 0o777).toString(8)).toBe('700');
    } finally {
      await running.close();
    }
  });
});
