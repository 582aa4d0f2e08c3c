import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWx, makePng, WxFail } from '../../testing';
import type { UploadOptions } from '../../testing/upload-file';
import { APPID, LocalServer, NO_EMULATOR, startLocalServer } from './local-server';

type UploadSuccess = Parameters<NonNullable<UploadOptions['success']>>[0];

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let server: LocalServer;
beforeEach(async () => {
  server = await startLocalServer();
});
afterEach(() => server.close());

const phone = (SDKVersion?: string) => createWx({ emulator: NO_EMULATOR, appid: APPID, SDKVersion });

function upload(wx: ReturnType<typeof phone>['wx'], options: UploadOptions): Promise<UploadSuccess> {
  return new Promise((resolve, reject) => wx.uploadFile({ ...options, success: resolve, fail: reject }));
}

/** Parses what arrived with an independent multipart parser (undici's, in Node). */
async function parseForm(body: Buffer, contentType: string): Promise<FormData> {
  return new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
}

describe('chooseMedia / chooseImage', () => {
  test('chooseMedia gives a temp PNG by default, in WeChat’s shape', async () => {
    const { wx, sim } = phone();
    const res = await wx.chooseMedia!({ count: 1, mediaType: ['image'] });
    expect(res.errMsg).toBe('chooseMedia:ok');
    expect(res.type).toBe('image');
    expect(res.tempFiles).toHaveLength(1);
    const f = res.tempFiles[0];
    expect(f.fileType).toBe('image');
    expect(f.tempFilePath).toMatch(/^http:\/\/tmp\/[0-9a-f]+\.png$/);
    const bytes = sim.readTempFile(f.tempFilePath)!;
    expect(bytes.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(f.size).toBe(bytes.length);
  });

  test('cancel fails with chooseMedia:fail cancel / chooseImage:fail cancel', async () => {
    const { wx, sim } = phone();
    sim.setNextPick('cancel');
    await expect(wx.chooseMedia!({ count: 1 })).rejects.toEqual({ errMsg: 'chooseMedia:fail cancel' });
    sim.setNextPick('cancel');
    await expect(wx.chooseImage({ count: 1 })).rejects.toEqual({ errMsg: 'chooseImage:fail cancel' });
  });

  test('a queued pick of bytes or a local file is what the user chooses', async () => {
    const { wx, sim } = phone();
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const local = join(dir, 'me.jpg');
    writeFileSync(local, Buffer.from('jpeg-bytes'));
    sim.setNextPick({ data: Buffer.from('gif-bytes'), ext: 'gif' });
    sim.setNextPick({ filePath: local });
    const first = await wx.chooseImage({ count: 1 });
    expect(first.tempFilePaths[0]).toMatch(/\.gif$/);
    expect(first.tempFiles).toEqual([{ path: first.tempFilePaths[0], size: 9 }]);
    expect(first.errMsg).toBe('chooseImage:ok');
    const second = await wx.chooseMedia!({ count: 1 });
    expect(second.tempFiles[0].tempFilePath).toMatch(/\.jpg$/);
    expect(sim.readTempFile(second.tempFiles[0].tempFilePath)!.toString()).toBe('jpeg-bytes');
  });
});

describe('wx.uploadFile', () => {
  test('sends multipart/form-data with formData fields and the file under `name`', async () => {
    const { wx } = phone();
    const picked = await wx.chooseMedia!({ count: 1 });
    const path = picked.tempFiles[0].tempFilePath;
    server.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"code":200,"data":{"url":"https://cdn/x.png"}}');
    });
    const res = await upload(wx, {
      url: `${server.url}/api/v2/upload?folder=avatar`,
      filePath: path,
      name: 'file',
      header: { Authorization: 'Bearer t', 'Content-Type': 'text/plain' },
      formData: { folder: 'avatar', n: 3 },
    });
    // data stays a string: apps parse it themselves
    expect(res).toEqual({ data: '{"code":200,"data":{"url":"https://cdn/x.png"}}', statusCode: 200, errMsg: 'uploadFile:ok' });

    const r = server.received[0];
    expect(r.method).toBe('POST');
    expect(r.url).toBe('/api/v2/upload?folder=avatar');
    expect(r.headers.authorization).toBe('Bearer t');
    expect(r.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await parseForm(r.body, String(r.headers['content-type']));
    expect(form.get('folder')).toBe('avatar');
    expect(form.get('n')).toBe('3');
    const file = form.get('file') as File;
    expect(file.name).toBe(path.slice('http://tmp/'.length));
    expect(file.type).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(makePng())).toBe(true);
  });

  test('success for error statuses too, body never parsed', async () => {
    const { wx, sim } = phone();
    server.handle((_req, res) => {
      res.writeHead(413);
      res.end('{"code":413}');
    });
    const res = await upload(wx, { url: server.url, filePath: sim.addTempFile(makePng(), 'png'), name: 'file' });
    expect(res.statusCode).toBe(413);
    expect(res.data).toBe('{"code":413}');
  });

  test('an unknown filePath fails with uploadFile:fail file not found', async () => {
    const { wx } = phone();
    await expect(upload(wx, { url: server.url, filePath: 'http://tmp/never-handed-out.png', name: 'file' })).rejects.toEqual<WxFail>({
      errMsg: 'uploadFile:fail file not found',
    });
    expect(server.received).toHaveLength(0);
  });

  test('temp files do not survive a relaunch', async () => {
    const first = phone();
    const path = (await first.wx.chooseMedia!({ count: 1 })).tempFiles[0].tempFilePath;
    const relaunched = phone();
    await expect(upload(relaunched.wx, { url: server.url, filePath: path, name: 'file' })).rejects.toEqual({
      errMsg: 'uploadFile:fail file not found',
    });
  });

  test('a real local file can be uploaded', async () => {
    const { wx } = phone();
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const local = join(dir, 'avatar.png');
    writeFileSync(local, makePng(4, 4));
    await upload(wx, { url: server.url, filePath: local, name: 'avatar' });
    const r = server.received[0];
    const form = await parseForm(r.body, String(r.headers['content-type']));
    expect((form.get('avatar') as File).name).toBe('avatar.png');
  });

  test('progress updates reach 100 and uploads are counted', async () => {
    const { wx, sim } = phone();
    const big = sim.addTempFile(Buffer.alloc(300 * 1024, 1), 'png');
    const progress: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const task = wx.uploadFile({ url: server.url, filePath: big, name: 'file', success: () => resolve(), fail: reject });
      task.onProgressUpdate((p) => progress.push(p.progress));
    });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toBe(100);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(sim.counters.uploads).toEqual([{ url: server.url, filePath: big, name: 'file' }]);
  });

  test('offline uploads fail like requests, with the uploadFile name', async () => {
    const { wx, sim } = phone();
    sim.setOffline(true);
    await expect(upload(wx, { url: server.url, filePath: sim.addTempFile(makePng()), name: 'file' })).rejects.toMatchObject({
      errMsg: expect.stringMatching(/^uploadFile:fail net::/),
    });
  });

  test('abort fails with uploadFile:fail abort', async () => {
    const { wx, sim } = phone();
    server.handle(() => undefined);
    const err = await new Promise<WxFail>((resolve) => {
      const task = wx.uploadFile({ url: server.url, filePath: sim.addTempFile(makePng()), name: 'file', fail: resolve });
      setTimeout(() => task.abort(), 30);
    });
    expect(err.errMsg).toBe('uploadFile:fail abort');
  });
});
