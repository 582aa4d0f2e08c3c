/**
 * The demo's test WeChat users (demo/config.js emulator.testUsers), put into the emulator the way
 * they would come to exist: a wx.login on their phone (control API), and for those with a phone
 * number a phone login at Authing, then their nickname. Running it again changes nothing that is
 * already there: existing accounts log in again, and a nickname is only set when there is none.
 */
import { okJson } from '../../test/support/http-json';

export interface TestUser {
  openid: string;
  name: string;
  nickname?: string;
  phone?: string;
  note?: string;
}

export interface SeededUser extends TestUser {
  /** The Authing account, or null for a WeChat user who never logged in (created at the first login). */
  authingUserId: string | null;
  /** The nickname Authing holds now (the person may have changed it in the demo). */
  currentNickname: string | null;
}

export interface SeedTarget {
  url: string;
  appId: string;
  wechatAppId: string;
}

interface AuthingEnvelope<T> {
  code: number;
  message: string;
  data: T;
}

interface AuthingUser {
  id: string;
  nickname: string | null;
  phone: string | null;
  token: string | null;
}

const UPDATE_NICKNAME = 'mutation updateUser($id: String, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id nickname } }';

async function authing<T>(target: SeedTarget, path: string, body: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { 'x-authing-app-id': target.appId };
  if (token) headers.authorization = `Bearer ${token}`;
  const answer = await okJson<AuthingEnvelope<T>>('POST', `${target.url}${path}`, body, { headers });
  if (answer.code !== 200) throw new Error(`${path}: Authing answered ${answer.code} ${answer.message}`);
  return answer.data;
}

async function seedOne(target: SeedTarget, user: TestUser): Promise<SeededUser> {
  // The phone's wx.login: creates the WeChat user the first time, and hands out a login code.
  const { code } = await okJson<{ code: string }>('POST', `${target.url}/__emulator/wechat/login`, {
    appid: target.wechatAppId,
    openid: user.openid,
  });
  if (!user.phone) return { ...user, authingUserId: null, currentNickname: null };

  // The getPhoneNumber button, encrypted with the session key of the wx.login above.
  const detail = await okJson<{ iv: string; encryptedData: string }>('POST', `${target.url}/__emulator/wechat/phone`, {
    appid: target.wechatAppId,
    openid: user.openid,
    phoneNumber: user.phone,
  });
  const account = await authing<AuthingUser>(target, '/connections/social/wechat-miniprogram/auth-by-phone', {
    code,
    iv: detail.iv,
    encryptedData: detail.encryptedData,
  });
  let nickname = account.nickname;
  if (user.nickname && !nickname) {
    const { data, errors } = await okJson<{ data?: { updateUser: { nickname: string } }; errors?: unknown }>(
      'POST',
      `${target.url}/graphql/v2`,
      { query: UPDATE_NICKNAME, variables: { id: account.id, input: { nickname: user.nickname } } },
      { headers: { 'x-authing-app-id': target.appId, authorization: `Bearer ${account.token}` } },
    );
    if (!data) throw new Error(`updateUser for ${user.openid}: ${JSON.stringify(errors)}`);
    nickname = data.updateUser.nickname;
  }
  return { ...user, authingUserId: account.id, currentNickname: nickname };
}

export async function seedTestUsers(target: SeedTarget, users: TestUser[]): Promise<SeededUser[]> {
  const seeded: SeededUser[] = [];
  // One at a time: each user's wx.login and phone event share that user's session key.
  for (const user of users) seeded.push(await seedOne(target, user));
  return seeded;
}
