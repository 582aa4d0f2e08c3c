import { createHmac } from 'node:crypto';
import { useEmulator } from '../support/emulator';
import { getJson, postJson } from '../support/http-json';
import { CONTRACT } from '../../emulator/src/contract';

const emulator = useEmulator({ bodyLimit: 64 * 1024 });
const AUTH = '/connections/social/wechat-miniprogram/auth';
/** Bad input sent on purpose: the recording check (test/contract) lets these refusals through. */
const PROBE = { 'x-emulator-probe': 'bad-input' };

async function loggedInUser() {
  const { url, options } = emulator();
  const { body: minted } = await postJson(`${url}/__emulator/wechat/login`, { appid: options.wechatAppId });
  const { body } = await postJson(`${url}${AUTH}`, { code: minted.code });
  return body.data as { id: string; token: string };
}

describe('bad input gets a clear 4xx in the envelope of the face called', () => {
  it('malformed JSON', async () => {
    const { url } = emulator();
    expect(await postJson(`${url}${AUTH}`, '{"code":', PROBE)).toEqual({
      status: 400,
      body: { code: 400, message: expect.stringContaining('JSON'), data: null },
    });
    expect(await postJson(`${url}/__emulator/wechat/login`, '{', PROBE)).toEqual({
      status: 400,
      body: { code: 400, message: expect.any(String) },
    });
    const wechat = await postJson(`${url}/wxa/business/getuserphonenumber?access_token=x`, 'nope{', PROBE);
    expect(wechat).toEqual({ status: 400, body: { errcode: 47001, errmsg: expect.any(String) } });
    const graphql = await postJson(`${url}/graphql/v2`, '[[[', PROBE);
    expect(graphql.status).toBe(400);
    expect(graphql.body.errors[0].message).toMatchObject({ code: 400, message: expect.any(String) });
  });

  it('wrong types and missing fields', async () => {
    const { url, options } = emulator();
    expect(await postJson(`${url}${AUTH}`, { code: 42 }, PROBE)).toEqual({
      status: 400,
      body: { code: 400, message: 'invalid request: body/code must be string', data: null },
    });
    expect(await postJson(`${url}${AUTH}`, {}, PROBE)).toMatchObject({
      status: 400,
      body: { code: 400, message: expect.stringContaining('code') },
    });
    expect(await postJson(`${url}${AUTH}`, ['code'], PROBE)).toMatchObject({ status: 400, body: { code: 400 } });
    expect(await postJson(`${url}/__emulator/wechat/login`, { appid: options.wechatAppId, extra: 1 }, PROBE)).toMatchObject({
      status: 400,
    });
    expect(await postJson(`${url}/__emulator/wechat/phone`, { appid: options.wechatAppId }, PROBE)).toMatchObject({ status: 400 });
    expect(await postJson(`${url}/__emulator/clock`, { advanceMs: -5 }, PROBE)).toMatchObject({ status: 400 });
    const graphql = await postJson(`${url}/graphql/v2`, { query: 'query { checkLoginStatus(token: 5) { status } }' }, PROBE);
    expect(graphql.status).toBe(400);
    expect(graphql.body.errors[0].message.code).toBe(400);
    expect((await postJson(`${url}/graphql/v2`, { query: '{ checkLoginStatus { status } }', variables: [1] }, PROBE)).status).toBe(400);
  });

  it('fields no Authing client sends: phoneCode, signature, anything unknown', async () => {
    const { url } = emulator();
    const MP = '/connections/social/wechat-miniprogram';
    for (const path of [`${MP}/auth-by-phone`, `${MP}/getphone`]) {
      expect(await postJson(`${url}${path}`, { code: 'c', phoneCode: 'p' }, PROBE)).toMatchObject({
        status: 400,
        body: { code: 400, message: expect.stringMatching(/must have required property|must NOT have additional properties/) },
      });
      expect(await postJson(`${url}${path}`, { code: 'c', iv: 'i', encryptedData: 'e', phoneCode: 'p' }, PROBE)).toMatchObject({
        status: 400,
        body: { code: 400, message: 'invalid request: body must NOT have additional properties (phoneCode)' },
      });
    }
    expect(await postJson(`${url}${MP}/auth`, { code: 'c', rawData: '{}', signature: 's' }, PROBE)).toMatchObject({
      status: 400,
      body: { code: 400, message: 'invalid request: body must NOT have additional properties (signature)' },
    });
    expect((await getJson(`${url}/api/v2/.well-known?debug=1`, PROBE)).status).toBe(400);
    expect((await postJson(`${url}/graphql/v2`, { query: '{ user { id } }', extensions: {} }, PROBE)).status).toBe(400);
  });

  it("v3 refusals in v3's envelope: statusCode, apiCode, message, requestId", async () => {
    const { url, options } = emulator();
    const headers = { ...PROBE, 'x-authing-app-id': options.appId };
    const unknownField = await postJson(
      `${url}/api/v3/get-wechat-miniprogram-phone`,
      { extIdpConnidentifier: 'x', code: 'c', phoneCode: 'p' },
      headers,
    );
    expect(unknownField).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        apiCode: 400,
        message: 'invalid request: body must NOT have additional properties (phoneCode)',
        requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
        data: null,
      },
    });
    const noAppId = await postJson(
      `${url}/api/v3/signin-by-mobile`,
      {
        connection: 'wechat_mini_program_code',
        extIdpConnidentifier: options.wechatConnectionIdentifier,
        wechatMiniProgramCodePayload: { code: 'c' },
      },
      PROBE,
    );
    expect(noAppId).toMatchObject({ status: 400, body: { statusCode: 400, message: '缺少请求头 x-authing-app-id' } });
  });

  it('every v3 endpoint answers bad input with {statusCode, apiCode, message, requestId}', async () => {
    const { url, options } = emulator();
    // /api/v3/system takes nothing that could be bad: no body, no query.
    const v3Entries = CONTRACT.filter((e) => e.face === 'authing-v3' && !e.operation && (e.body || e.query));
    expect(v3Entries.map((e) => e.id)).toEqual(expect.arrayContaining(['v3.signin', 'v3.get-profile', 'v3.wechat-miniprogram-bind']));
    const headers = { ...PROBE, 'x-authing-app-id': options.appId, 'x-authing-userpool-id': options.userPoolId };
    for (const entry of v3Entries) {
      const reply =
        entry.method === 'GET'
          ? await getJson(`${url}${entry.path}?notAField=1`, headers)
          : await postJson(`${url}${entry.path}`, { notAField: 1 }, headers);
      expect({ id: entry.id, ...reply }).toEqual({
        id: entry.id,
        status: 400,
        body: {
          statusCode: 400,
          apiCode: 400,
          message: expect.any(String),
          requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
          data: null,
        },
      });
    }
  });

  it('oversized bodies', async () => {
    const { url } = emulator();
    const huge = { code: 'x'.repeat(70 * 1024) };
    expect(await postJson(`${url}${AUTH}`, huge, PROBE)).toEqual({
      status: 413,
      body: { code: 413, message: 'request body too large', data: null },
    });
  });

  it('unknown routes', async () => {
    const { url } = emulator();
    expect(await getJson(`${url}/api/v2/nothing`, PROBE)).toEqual({
      status: 404,
      body: { code: 404, message: 'no route GET /api/v2/nothing', data: null },
    });
    expect(await getJson(`${url}/sns/nothing`, PROBE)).toEqual({
      status: 404,
      body: { errcode: 404, errmsg: 'no route GET /sns/nothing' },
    });
    expect((await getJson(`${url}/api/v3/nothing`, PROBE)).body).toMatchObject({ statusCode: 404 });
  });

  it('a wrong Authing app id', async () => {
    const { url } = emulator();
    const response = await postJson(`${url}${AUTH}`, { code: 'x' }, { ...PROBE, 'x-authing-app-id': 'someone-else' });
    expect(response).toMatchObject({ status: 404, body: { code: 2011, message: expect.stringContaining('应用不存在') } });
  });
});

describe('tokens are verified on every authenticated call', () => {
  const checkStatus = async (token: string) => {
    const { body } = await postJson(`${emulator().url}/graphql/v2`, {
      query: 'query($t: String) { checkLoginStatus(token: $t) { code status } }',
      variables: { t: token },
    });
    return body.data.checkLoginStatus as { code: number; status: boolean };
  };

  it('accepts the token it issued', async () => {
    const user = await loggedInUser();
    expect(await checkStatus(user.token)).toEqual({ code: 200, status: true });
    expect(
      (await getJson(`${emulator().url}/api/v2/logout?app_id=${emulator().options.appId}`, { authorization: `Bearer ${user.token}` })).body,
    ).toMatchObject({ code: 200 });
    expect(await checkStatus(user.token)).toEqual({ code: expect.any(Number), status: false });
  });

  it('refuses alg:none, a token signed with another key, and a tampered payload', async () => {
    const user = await loggedInUser();
    const [header, payload, signature] = user.token.split('.');
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const otherKey = `${header}.${payload}.${createHmac('sha256', 'not-the-emulator-secret').update(`${header}.${payload}`).digest('base64url')}`;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...decoded, sub: 'someone-else' })).toString('base64url')}.${signature}`;
    for (const forged of [none, otherKey, tampered, 'garbage']) {
      expect(await checkStatus(forged)).toEqual({ code: expect.any(Number), status: false });
      const logout = await getJson(`${emulator().url}/api/v2/logout?app_id=${emulator().options.appId}`, {
        ...PROBE,
        authorization: `Bearer ${forged}`,
      });
      expect(logout.body).toMatchObject({ code: 2020 });
    }
    expect(await checkStatus(user.token)).toEqual({ code: 200, status: true });
  });

  it('sees an expired token as logged out', async () => {
    const user = await loggedInUser();
    await postJson(`${emulator().url}/__emulator/clock`, { advanceMs: 16 * 24 * 3600 * 1000 });
    try {
      expect(await checkStatus(user.token)).toEqual({ code: 2206, status: false });
    } finally {
      await postJson(`${emulator().url}/__emulator/reset`, {});
    }
  });
});

describe('uploads', () => {
  const PNG = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa5a1d1b80000000049454e44ae426082',
    'hex',
  );

  async function upload(token: string | null, file: Buffer, filename: string, folder = 'avatar') {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), filename);
    const response = await fetch(`${emulator().url}/api/v2/upload?folder=${encodeURIComponent(folder)}`, {
      method: 'POST',
      body: form,
      headers: { ...PROBE, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return { status: response.status, body: (await response.json()) as { code: number; data: { url: string } } };
  }

  it('stores an image under a name of its own and serves it back', async () => {
    const user = await loggedInUser();
    const { body } = await upload(user.token, PNG, '../../../../etc/passwd');
    expect(body).toMatchObject({ code: 200, data: { url: expect.stringMatching(/\/files\/avatar\/[0-9a-f]{24}\.png$/) } });
    const served = await fetch(body.data.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
  });

  it('takes an upload without a token, as every Authing client sends it, but not one with a bad token', async () => {
    const anonymous = await upload(null, PNG, 'a.png');
    expect(anonymous.body).toMatchObject({ code: 200, data: { url: expect.stringMatching(/\/files\/avatar\/[0-9a-f]{24}\.png$/) } });
    expect(Buffer.from(await (await fetch(anonymous.body.data.url)).arrayBuffer())).toEqual(PNG);
    expect((await upload('not-a-token', PNG, 'a.png')).body).toMatchObject({ code: 2020 });
  });

  it('refuses non-images, folder tricks, and path tricks when serving', async () => {
    const user = await loggedInUser();
    expect(await upload(user.token, Buffer.from('#!/bin/sh\nrm -rf /'), 'a.png')).toMatchObject({ status: 400, body: { code: 400 } });
    expect(await upload(user.token, PNG, 'a.png', '../etc')).toMatchObject({ status: 400, body: { code: 400 } });
    expect((await getJson(`${emulator().url}/files/avatar/..%2f..%2fetc%2fpasswd`, PROBE)).status).toBe(404);
    expect((await getJson(`${emulator().url}/files/..%2F..%2F/emulator.db`, PROBE)).status).toBe(404);
  });
});
