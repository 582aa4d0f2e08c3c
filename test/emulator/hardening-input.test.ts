/** Oversized input is refused as the service would refuse bad input: never stored, never a 500. */
import { FIELD_LIMITS } from '../../emulator/src/store/field-limits';
import { useEmulator } from '../support/emulator';
import { getJson, postJson } from '../support/http-json';

const emulator = useEmulator({ bodyLimit: 6 * 1024 * 1024 });
const AUTH = '/connections/social/wechat-miniprogram/auth';

async function login(): Promise<{ id: string; token: string }> {
  const { url, options } = emulator();
  const { body: minted } = await postJson(`${url}/__emulator/wechat/login`, { appid: options.wechatAppId });
  return (await postJson(`${url}${AUTH}`, { code: minted.code })).body.data;
}

async function updateNickname(token: string, nickname: string) {
  return postJson(
    `${emulator().url}/graphql/v2`,
    { query: 'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { nickname } }', variables: { input: { nickname } } },
    { authorization: `Bearer ${token}` },
  );
}

async function storedNickname(id: string): Promise<string | null> {
  const { users } = (await getJson(`${emulator().url}/__emulator/users`)).body as { users: Array<{ id: string; nickname: string | null }> };
  return users.find((u) => u.id === id)!.nickname;
}

describe('field length limits', () => {
  it('refuses a 4.9 MB nickname and keeps the stored one', async () => {
    const user = await login();
    expect((await updateNickname(user.token, 'Bob')).body).toEqual({ data: { updateUser: { nickname: 'Bob' } } });
    const res = await updateNickname(user.token, 'x'.repeat(4.9 * 1024 * 1024));
    expect(res.body.errors[0].message).toEqual({ code: 400, message: 'nickname 长度不能超过 255 个字符', data: null });
    expect(await storedNickname(user.id)).toBe('Bob');
  });

  it('takes a nickname right at the limit and refuses one character more', async () => {
    const user = await login();
    const max = FIELD_LIMITS.nickname;
    expect((await updateNickname(user.token, '名'.repeat(max))).body.data.updateUser.nickname).toHaveLength(max);
    expect((await updateNickname(user.token, '名'.repeat(max + 1))).body.errors[0].message.code).toBe(400);
    expect(await storedNickname(user.id)).toHaveLength(max);
  });

  it('refuses an oversized custom data value', async () => {
    const user = await login();
    const res = await postJson(
      `${emulator().url}/graphql/v2`,
      {
        query: 'mutation ($id: String!, $v: String!) { setUdv(targetType: USER, targetId: $id, key: "k", value: $v) { key } }',
        variables: { id: user.id, v: JSON.stringify('v'.repeat(100_000)) },
      },
      { authorization: `Bearer ${user.token}` },
    );
    expect(res.body.errors[0].message).toMatchObject({ code: 400, message: expect.stringContaining('value 长度不能超过') });
  });
});

describe('a WeChat code far too long to be one', () => {
  const huge = 'c'.repeat(20 * 1024);

  // Refused as bad input in Authing's envelope (it was an HTTP 500: the Authing side put it in a URL
  // longer than its own WeChat face accepts). The wording may come from the WeChat exchange (40029)
  // or from a request schema; what a caller must see is Authing's 400, never a 500.
  it('is refused with Authing’s 400 on the v2 and v3 faces, not a 500', async () => {
    const { url, options } = emulator();
    const v2 = await postJson(`${url}${AUTH}`, { code: huge }, { 'x-emulator-probe': 'overlong code' });
    expect(v2.status).toBeLessThan(500);
    expect(v2.body).toMatchObject({ code: 400, message: expect.any(String) });
    const v3 = await postJson(
      `${url}/api/v3/signin-by-mobile`,
      { connection: 'wechat_mini_program_code', extIdpConnidentifier: 'wechat-miniprogram', wechatMiniProgramCodePayload: { code: huge } },
      { 'x-authing-app-id': options.appId, 'x-emulator-probe': 'overlong code' },
    );
    expect(v3.status).toBeLessThan(500);
    expect(v3.body).toMatchObject({ statusCode: 400, message: expect.any(String) });
  });
});
