/**
 * The README's example, kept runnable: a Node test that logs a simulated WeChat user in through
 * the local emulator. `npm test` runs it (see jest.config.js roots).
 */
import { startEmulator, type RunningEmulator } from '../emulator/src'; // in your project: require('authing-wxapp-emulator')
import { createWx } from '../testing'; // in your project: require('authing-wxapp-sdk/testing')

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 }); // in-memory, free port
});
afterAll(() => emulator.close());

test('a WeChat user logs in by phone', async () => {
  const { wx, sim } = createWx({ emulator: emulator.url, appid: emulator.options.wechatAppId });

  // 1. wx.login first: encryptedData made afterwards is under the session_key this code yields.
  const { code } = await new Promise<{ code: string }>((resolve, reject) => wx.login({ success: resolve, fail: reject }));
  // 2. The user taps <button open-type="getPhoneNumber"> and allows.
  const detail = await sim.getPhoneNumber('allow', { phoneNumber: '13800138000' });
  // 3. Your SDK (or server) calls Authing's mini-program endpoint.
  const response = await new Promise<{ statusCode: number; data: unknown }>((resolve, reject) =>
    wx.request({
      url: `${emulator.url}/connections/social/wechat-miniprogram/auth-by-phone`,
      method: 'POST',
      header: { 'x-authing-app-id': emulator.options.appId },
      data: { code, iv: detail.iv, encryptedData: detail.encryptedData },
      success: resolve,
      fail: reject,
    }),
  );

  expect(response.data).toMatchObject({ code: 200, data: { phone: '13800138000', token: expect.any(String) } });
  expect(sim.counters.login).toBe(1);
});
