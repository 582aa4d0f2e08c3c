/**
 * Authing's own client drives the emulator, unmodified: the seed SDK (authing-wxapp-sdk
 * 4.3.22-alpha.7, installed as authing-wxapp-sdk-seed) is installed by npm and goes through 构建 npm
 * as a user's app would (bench/apps.ts), loads in the WeChat-like realm the bench uses
 * (build/wx-sandbox.ts) with the wx simulator
 * as its `wx`, and calls the emulator over real HTTP. What it sends is what Authing's v2 API
 * receives from it, so the emulator must take every request, and the contract record
 * (test/contract/record-teardown.ts) must show each one accepted.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createWx, makePng, type SimWx, type Sim } from '../../testing';
import { startEmulator, type RunningEmulator } from '../../emulator/src';
import { APPS, clientOn, makeApp, type PackedApp } from '../../bench/apps';
import { OUTPUT_DIR } from './record-file';

/** The seed's client as its README documents it; results typed as far as this suite reads them. */
interface SeedUser {
  id: string;
  token: string | null;
  openid: string | null;
  nickname: string | null;
  phone: string | null;
  photo: string | null;
}
interface SeedClient {
  loginByCode(code: string, options?: { iv?: string; encryptedData?: string; rawData?: string }): Promise<SeedUser>;
  loginByPhone(code: string, iv: string, encryptedData: string): Promise<SeedUser>;
  getPhone(
    code: string,
    iv: string,
    encryptedData: string,
  ): Promise<{ countryCode: string; phoneNumber: string; purePhoneNumber: string; openid: string; unionid: string }>;
  updateAvatar(): Promise<SeedUser>;
  updateProfile(patch: { nickname?: string }): Promise<SeedUser>;
  getCurrentUser(): Promise<SeedUser | null>;
  checkLoginStatus(token?: string): Promise<{ code: number; status: boolean; data: { id: string } | null }>;
}

const WORK = join(OUTPUT_DIR, `seed-sdk-${process.pid}`);
let emulator: RunningEmulator;
let anchor: PackedApp;

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  // npm install, then 构建 npm (packNpm rejects when it fails).
  anchor = await makeApp(
    WORK,
    APPS.find((spec) => spec.subject === 'anchor')!,
  );
  emulator = await startEmulator({ port: 0 });
}, 180_000);

afterAll(async () => {
  await emulator?.close();
  rmSync(WORK, { recursive: true, force: true });
});

/** A phone with the seed SDK's client loaded on it, as app.js creates it (README). */
function seedOnPhone(): { wx: SimWx; sim: Sim; client: SeedClient } {
  const { wx, sim } = createWx({ emulator: emulator.url, appid: emulator.options.wechatAppId });
  const client = clientOn<SeedClient>(anchor, wx, {
    appId: emulator.options.appId,
    host: emulator.url,
    userPoolId: emulator.options.userPoolId,
  });
  return { wx, sim, client };
}

const wxLogin = (wx: SimWx) => new Promise<string>((resolve, reject) => wx.login({ success: (r) => resolve(r.code), fail: reject }));

describe('the seed SDK (authing-wxapp-sdk 4.3.22-alpha.7) against the emulator', () => {
  it('loginByCode: a silent login creates the user once and stores the session', async () => {
    const { wx, sim, client } = seedOnPhone();
    const user = await client.loginByCode(await wxLogin(wx));
    expect(user).toMatchObject({ id: expect.any(String), token: expect.any(String), openid: sim.openid });
    const again = await client.loginByCode(await wxLogin(wx));
    expect(again.id).toBe(user.id);
    expect((await client.getCurrentUser())?.id).toBe(user.id);
    expect(await client.checkLoginStatus(again.token!)).toMatchObject({ code: 200, status: true, data: { id: user.id } });
  });

  it("loginByCode with user info: rawData (its README's way) or iv + encryptedData gives the profile", async () => {
    const { wx, sim, client } = seedOnPhone();
    await wxLogin(wx);
    const code = await wxLogin(wx);
    const { rawData } = await sim.getUserInfo('allow');
    const byRaw = await client.loginByCode(code, { rawData });
    expect(byRaw.nickname).toBe('微信用户');
    const code2 = await wxLogin(wx);
    const { iv, encryptedData } = await sim.getUserInfo('allow');
    const byEncrypted = await client.loginByCode(code2, { iv, encryptedData });
    expect(byEncrypted).toMatchObject({ id: byRaw.id, nickname: '微信用户' });
  });

  it('loginByPhone and getPhone, with the code taken before the button fires', async () => {
    const { wx, sim, client } = seedOnPhone();
    const code = await wxLogin(wx);
    const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13812340001' });
    const phone = await client.getPhone(code, detail.iv!, detail.encryptedData!);
    expect(phone).toMatchObject({ countryCode: '86', phoneNumber: '13812340001', purePhoneNumber: '13812340001', openid: sim.openid });

    const code2 = await wxLogin(wx);
    const detail2 = await sim.getPhoneNumber('allow', { phoneNumber: '13812340001' });
    const user = await client.loginByPhone(code2, detail2.iv!, detail2.encryptedData!);
    expect(user).toMatchObject({ phone: '13812340001', token: expect.any(String), openid: sim.openid });
  });

  it('updateAvatar uploads the picked image without a token and sets it as the photo; updateProfile, getCurrentUser', async () => {
    const { wx, sim, client } = seedOnPhone();
    const user = await client.loginByCode(await wxLogin(wx));
    const png = makePng(3, 3);
    sim.setNextPick({ data: png, ext: 'png' });
    const withAvatar = await client.updateAvatar();
    expect(withAvatar.photo).toMatch(new RegExp(`^${emulator.url}/files/avatar/[0-9a-f]{24}\\.png$`));
    expect(Buffer.from(await (await fetch(withAvatar.photo!)).arrayBuffer())).toEqual(png);

    const renamed = await client.updateProfile({ nickname: 'Seed' });
    expect(renamed).toMatchObject({ id: user.id, nickname: 'Seed', photo: withAvatar.photo });
    expect(await client.getCurrentUser()).toMatchObject({ id: user.id, nickname: 'Seed' });
  });
});
