import { inflateSync } from 'node:zlib';
import { createWx, makePng, PHONE_QUOTA_ERRNO, PRIVACY_ERRNO } from '../../testing';
import { APPID, NO_EMULATOR } from './local-server';

const phone = (SDKVersion?: string) => createWx({ emulator: NO_EMULATOR, appid: APPID, SDKVersion });

describe('UI recorder', () => {
  test('records modal, toast and loading calls in order, without callbacks', async () => {
    const { wx, sim } = phone();
    await wx.showLoading({ title: '登录中', mask: true });
    await wx.hideLoading();
    await wx.showToast({ title: '登录成功', icon: 'success' });
    await wx.hideToast();
    wx.showModal({ title: '提示', content: '确定退出？', success: () => undefined });
    await new Promise((r) => setTimeout(r, 0));
    expect(sim.ui).toEqual([
      { api: 'showLoading', options: { title: '登录中', mask: true } },
      { api: 'hideLoading', options: {} },
      { api: 'showToast', options: { title: '登录成功', icon: 'success' } },
      { api: 'hideToast', options: {} },
      { api: 'showModal', options: { title: '提示', content: '确定退出？' } },
    ]);
  });

  test('modals confirm by default; answers can be changed or queued', async () => {
    const { wx, sim } = phone();
    expect(await wx.showModal({ title: 'a' })).toEqual({ confirm: true, cancel: false, content: '', errMsg: 'showModal:ok' });
    sim.setModalAnswer('cancel');
    sim.answerNextModal({ confirm: true, content: '新昵称' });
    expect(await wx.showModal({ title: 'b', editable: true })).toMatchObject({ confirm: true, content: '新昵称' });
    expect(await wx.showModal({ title: 'c' })).toMatchObject({ confirm: false, cancel: true });
  });

  test('callback-style showModal delivers success then complete', async () => {
    const { wx } = phone();
    const seen: string[] = [];
    await new Promise<void>((resolve) =>
      wx.showModal({
        title: 'x',
        success: (r) => seen.push(`confirm=${r.confirm}`),
        complete: () => {
          seen.push('complete');
          resolve();
        },
      }),
    );
    expect(seen).toEqual(['confirm=true', 'complete']);
  });
});

describe('button events that need no server', () => {
  test.each([
    ['deny', { errMsg: 'getPhoneNumber:fail user deny' }],
    ['quota', { errMsg: expect.stringMatching(/^getPhoneNumber:fail /), errno: PHONE_QUOTA_ERRNO }],
    ['no-permission', { errMsg: 'getPhoneNumber:fail no permission' }],
    ['privacy', { errMsg: 'getPhoneNumber:fail privacy permission is not authorized', errno: PRIVACY_ERRNO }],
  ] as const)('getPhoneNumber %s', async (outcome, expected) => {
    const { sim } = phone();
    const detail = await sim.getPhoneNumber(outcome);
    expect(detail).toEqual(expected);
    expect(detail).not.toHaveProperty('encryptedData');
    expect(detail).not.toHaveProperty('code');
  });

  test('getPhoneNumber allow before any login is a test setup error, not a detail', async () => {
    const { sim } = phone();
    await expect(sim.getPhoneNumber('allow')).rejects.toThrow(/call wx.login first/);
  });

  test('getUserInfo deny', async () => {
    const { sim } = phone();
    expect(await sim.getUserInfo('deny')).toEqual({ errMsg: 'getUserInfo:fail auth deny' });
  });

  test('chooseAvatar gives a temp path wx.uploadFile can read; cancel delivers no event', async () => {
    const { sim } = phone();
    const chosen = await sim.chooseAvatar('choose');
    expect(chosen?.avatarUrl).toMatch(/^http:\/\/tmp\/.+\.png$/);
    expect(sim.readTempFile(chosen!.avatarUrl)).toBeInstanceOf(Buffer);
    expect(await sim.chooseAvatar('cancel')).toBeUndefined();
  });

  test('chooseAvatar does nothing on a base library without it (2.21.1)', async () => {
    const { sim } = phone('2.21.1');
    expect(await sim.chooseAvatar('choose')).toBeUndefined();
  });

  test('a queued pick is the avatar the user chooses', async () => {
    const { sim } = phone();
    sim.setNextPick({ data: Buffer.from('jpg'), ext: 'jpg' });
    const chosen = await sim.chooseAvatar('choose');
    expect(chosen?.avatarUrl).toMatch(/\.jpg$/);
  });
});

describe('the generated PNG', () => {
  test('is a structurally valid image of the requested size', () => {
    const png = makePng(3, 2, [255, 0, 0]);
    expect(png.readUInt32BE(16)).toBe(3); // IHDR width
    expect(png.readUInt32BE(20)).toBe(2); // IHDR height
    const idatStart = png.indexOf('IDAT');
    const idatLen = png.readUInt32BE(idatStart - 4);
    const raw = inflateSync(png.subarray(idatStart + 4, idatStart + 4 + idatLen));
    // one filter byte + 3 RGB pixels per row, 2 rows
    expect(raw.length).toBe(2 * (1 + 3 * 3));
    expect([...raw.subarray(1, 4)]).toEqual([255, 0, 0]);
    expect(png.subarray(png.length - 8, png.length - 4).toString()).toBe('IEND');
  });
});
