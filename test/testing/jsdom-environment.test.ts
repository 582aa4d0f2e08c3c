/**
 * @jest-environment jsdom
 */
// Component tests run under jsdom, where there is no fetch: the simulator must still reach servers.
import { createWx } from '../../testing';
import { APPID, NO_EMULATOR, startLocalServer } from './local-server';

test('wx.request and wx.uploadFile work inside jest’s jsdom environment', async () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe('object');
  const server = await startLocalServer();
  try {
    const { wx, sim } = createWx({ emulator: NO_EMULATOR, appid: APPID });
    const res = await new Promise<{ statusCode: number; data: unknown }>((resolve, reject) =>
      wx.request({ url: `${server.url}/ping`, method: 'POST', data: { a: 1 }, success: resolve, fail: reject }),
    );
    expect(res).toMatchObject({ statusCode: 200, data: { ok: true } });
    const up = await new Promise<{ statusCode: number }>((resolve, reject) =>
      wx.uploadFile({ url: server.url, filePath: sim.addTempFile(Buffer.from('x')), name: 'file', success: resolve, fail: reject }),
    );
    expect(up.statusCode).toBe(200);
    expect(JSON.parse(server.received[0].body.toString())).toEqual({ a: 1 });
  } finally {
    await server.close();
  }
});

test('binary results are ArrayBuffers of the test’s own realm', async () => {
  const server = await startLocalServer();
  try {
    const { wx } = createWx({ emulator: NO_EMULATOR, appid: APPID });
    server.handle((_req, res) => res.end('bin'));
    const res = await new Promise<{ data: unknown }>((resolve, reject) =>
      wx.request({ url: server.url, responseType: 'arraybuffer', success: resolve, fail: reject }),
    );
    expect(res.data instanceof ArrayBuffer).toBe(true);
    const random = await wx.getRandomValues!({ length: 8 });
    expect(random.randomValues instanceof ArrayBuffer).toBe(true);
    // an ArrayBuffer made here is sent as bytes, not serialized as an object
    await new Promise((resolve, reject) =>
      wx.request({ url: server.url, method: 'POST', data: new Uint8Array([1, 2, 3]).buffer, success: resolve, fail: reject }),
    );
    expect([...server.received[1].body]).toEqual([1, 2, 3]);
  } finally {
    await server.close();
  }
});
