import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/src';
import { getJson, postJson } from '../support/http-json';

describe('data survives an emulator restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emulator-persist-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps users, sessions, used codes, WeChat users and their session keys', async () => {
    const db = join(dir, 'emulator.db');
    const first = await startEmulator({ port: 0, db });
    const appid = first.options.wechatAppId;
    const minted = (await postJson(`${first.url}/__emulator/wechat/login`, { appid })).body;
    const login = (await postJson(`${first.url}/connections/social/wechat-miniprogram/auth`, { code: minted.code })).body.data;
    const phoneDetail = (await postJson(`${first.url}/__emulator/wechat/phone`, { appid, openid: minted.openid })).body;
    await first.close();

    const second = await startEmulator({ port: 0, db });
    try {
      const status = await postJson(`${second.url}/graphql/v2`, {
        query: 'query($t: String) { checkLoginStatus(token: $t) { status data { id } } }',
        variables: { t: login.token },
      });
      expect(status.body.data.checkLoginStatus).toEqual({ status: true, data: { id: login.id } });

      const users = (await getJson(`${second.url}/__emulator/users`)).body.users;
      expect(users).toEqual([expect.objectContaining({ id: login.id, openid: minted.openid, loginsCount: 1 })]);

      const reused = await postJson(`${second.url}/connections/social/wechat-miniprogram/auth`, { code: minted.code });
      expect(reused.body).toMatchObject({ code: 400, data: { errcode: 40163 } });

      // The session_key the phone data was made under is still the user's, so a login code minted
      // with rotation off decrypts it after the restart.
      await second.close();
      const third = await startEmulator({ port: 0, db, rotateSessionKey: 'never' });
      try {
        const again = (await postJson(`${third.url}/__emulator/wechat/login`, { appid, openid: minted.openid })).body;
        const byPhone = await postJson(`${third.url}/connections/social/wechat-miniprogram/auth-by-phone`, {
          code: again.code,
          iv: phoneDetail.iv,
          encryptedData: phoneDetail.encryptedData,
        });
        expect(byPhone.body).toMatchObject({
          code: 200,
          data: { id: login.id, phone: expect.stringMatching(/^1\d{10}$/), loginsCount: 2 },
        });
      } finally {
        await third.close();
      }
    } finally {
      await second.close().catch(() => undefined);
    }
  });
});
