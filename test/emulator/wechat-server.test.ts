import { useEmulator } from '../support/emulator';
import { getJson, postJson } from '../support/http-json';

const emulator = useEmulator();

function code2session(code: string, overrides: Record<string, string> = {}) {
  const { url, options } = emulator();
  const query = new URLSearchParams({
    appid: options.wechatAppId,
    secret: options.wechatSecret,
    js_code: code,
    grant_type: 'authorization_code',
    ...overrides,
  });
  return getJson(`${url}/sns/jscode2session?${query}`);
}

async function mintCode(openid?: string) {
  const { url, options } = emulator();
  const { body } = await postJson<{ code: string; openid: string }>(`${url}/__emulator/wechat/login`, {
    appid: options.wechatAppId,
    openid,
  });
  return body;
}

describe('WeChat server API: jscode2session', () => {
  it('exchanges a fresh code once for openid, session_key and unionid', async () => {
    const { code, openid } = await mintCode();
    const first = await code2session(code);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ openid, session_key: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/), unionid: expect.any(String) });
    expect(openid).toHaveLength(28);

    const second = await code2session(code);
    expect(second.body).toMatchObject({ errcode: 40163, errmsg: expect.stringContaining('code been used') });
  });

  it('refuses unknown and expired codes with 40029', async () => {
    expect((await code2session('0'.repeat(32))).body).toMatchObject({ errcode: 40029 });
    const { code } = await mintCode();
    await postJson(`${emulator().url}/__emulator/clock`, { advanceMs: 5 * 60 * 1000 + 1 });
    try {
      expect((await code2session(code)).body).toMatchObject({ errcode: 40029, errmsg: expect.stringContaining('invalid code') });
    } finally {
      await postJson(`${emulator().url}/__emulator/reset`, {});
    }
  });

  it('refuses a wrong appid (40013) or secret (40125), and leaves the code usable', async () => {
    const { code } = await mintCode();
    expect((await code2session(code, { appid: 'wx0000000000000000' })).body).toMatchObject({ errcode: 40013 });
    expect((await code2session(code, { secret: 'nope' })).body).toMatchObject({ errcode: 40125 });
    expect((await code2session(code)).body).toHaveProperty('session_key');
  });

  it('rotates the session_key on each wx.login by default, keeping the openid', async () => {
    const first = await mintCode();
    const a = await code2session(first.code);
    const second = await mintCode(first.openid);
    const b = await code2session(second.code);
    expect(second.openid).toBe(first.openid);
    expect(b.body.openid).toBe(a.body.openid);
    expect(b.body.session_key).not.toBe(a.body.session_key);
  });

  it('pins a session_key when the control API is given one (test vectors)', async () => {
    const sessionKey = Buffer.alloc(16, 9).toString('base64');
    const { code } = await mintCode();
    const pinned = await postJson<{ code: string }>(`${emulator().url}/__emulator/wechat/login`, {
      appid: emulator().options.wechatAppId,
      sessionKey,
    });
    expect((await code2session(pinned.body.code)).body.session_key).toBe(sessionKey);
    expect((await code2session(code)).body.session_key).not.toBe(sessionKey);
  });

  it('limits one user to 100 exchanges a minute (45011)', async () => {
    const { openid } = await mintCode();
    const codes: string[] = [];
    for (let i = 0; i < 101; i++) codes.push((await mintCode(openid)).code);
    const results = [];
    for (const code of codes) results.push((await code2session(code)).body);
    // 100 exchanges in the minute pass; the 101st is refused.
    expect(results.slice(0, 100).every((r) => typeof r.session_key === 'string')).toBe(true);
    expect(results[100]).toMatchObject({ errcode: 45011 });
    // A code refused by the rate limit is not burnt: it works once the minute has passed.
    await postJson(`${emulator().url}/__emulator/clock`, { advanceMs: 61_000 });
    try {
      expect((await code2session(codes[100])).body).toHaveProperty('session_key');
    } finally {
      await postJson(`${emulator().url}/__emulator/reset`, {});
    }
  });
});

describe('WeChat server API: access token and phone code', () => {
  it('issues an access token for the right appid and secret only', async () => {
    const { url, options } = emulator();
    const ok = await getJson(
      `${url}/cgi-bin/token?grant_type=client_credential&appid=${options.wechatAppId}&secret=${options.wechatSecret}`,
    );
    expect(ok.body).toEqual({ access_token: expect.stringMatching(/^[0-9a-f]{64}$/), expires_in: 7200 });
    const bad = await getJson(`${url}/cgi-bin/token?grant_type=client_credential&appid=${options.wechatAppId}&secret=x`);
    expect(bad.body).toMatchObject({ errcode: 40125 });
  });

  it('turns a getPhoneNumber code into phone_info once', async () => {
    const { url, options } = emulator();
    const { openid } = await mintCode();
    const detail = await postJson(`${url}/__emulator/wechat/phone`, { appid: options.wechatAppId, openid, phoneNumber: '13800138000' });
    expect(detail.body).toMatchObject({
      errMsg: 'getPhoneNumber:ok',
      code: expect.any(String),
      iv: expect.any(String),
      encryptedData: expect.any(String),
    });
    const token = (
      await getJson(`${url}/cgi-bin/token?grant_type=client_credential&appid=${options.wechatAppId}&secret=${options.wechatSecret}`)
    ).body.access_token;

    const first = await postJson(`${url}/wxa/business/getuserphonenumber?access_token=${token}`, { code: detail.body.code });
    expect(first.body).toEqual({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
        watermark: { timestamp: expect.any(Number), appid: options.wechatAppId },
      },
    });
    const again = await postJson(`${url}/wxa/business/getuserphonenumber?access_token=${token}`, { code: detail.body.code });
    expect(again.body).toMatchObject({ errcode: 40163 });
  });

  it('refuses a bad access token (40001) and a login code in place of a phone code (40029)', async () => {
    const { url, options } = emulator();
    const { code } = await mintCode();
    expect((await postJson(`${url}/wxa/business/getuserphonenumber?access_token=forged`, { code })).body).toMatchObject({ errcode: 40001 });
    const token = (
      await getJson(`${url}/cgi-bin/token?grant_type=client_credential&appid=${options.wechatAppId}&secret=${options.wechatSecret}`)
    ).body.access_token;
    expect((await postJson(`${url}/wxa/business/getuserphonenumber?access_token=${token}`, { code })).body).toMatchObject({
      errcode: 40029,
    });
    const probe = { 'x-emulator-probe': 'wrong type' };
    expect((await postJson(`${url}/wxa/business/getuserphonenumber?access_token=${token}`, { code: 5 }, probe)).body).toMatchObject({
      errcode: 47001,
    });
  });
});
