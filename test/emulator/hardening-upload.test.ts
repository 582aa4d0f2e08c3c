/**
 * Uploads: only real images are kept, they are served so a browser cannot run them, and no partial
 * file survives a client that aborts or stalls mid-body.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator/src';
import { makePng } from '../../testing/fixture-image';
import { postJson } from '../support/http-json';

const BOUNDARY = 'hardening-boundary';
const POLL_MS = 20;
const MAX_POLLS = 250;

async function until(condition: () => boolean): Promise<boolean> {
  for (let i = 0; i < MAX_POLLS && !condition(); i++) await new Promise((r) => setTimeout(r, POLL_MS));
  return condition();
}

const parts = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.part')) : []);

async function tokenOf(emu: RunningEmulator): Promise<string> {
  const { body } = await postJson(`${emu.url}/__emulator/wechat/login`, { appid: emu.options.wechatAppId });
  return (await postJson(`${emu.url}/connections/social/wechat-miniprogram/auth`, { code: body.code })).body.data.token;
}

async function upload(emu: RunningEmulator, token: string, data: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), 'a.png');
  const res = await fetch(`${emu.url}/api/v2/upload?folder=avatar`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json()) as { code: number; data: { url: string } };
}

/** Sends the headers and the first part of a multipart body that claims 1 MB, and leaves the socket open. */
function startUpload(emu: RunningEmulator, token: string): Socket {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`;
  const first = Buffer.concat([Buffer.from(head), makePng(), Buffer.alloc(64 * 1024, 1)]);
  const { hostname, port } = new URL(emu.url);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined);
  socket.resume(); // read (and drop) the reply, so the socket sees the emulator close it
  socket.write(
    `POST /api/v2/upload?folder=avatar HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${1024 * 1024}\r\n\r\n`,
  );
  socket.write(first);
  return socket;
}

describe('upload hardening', () => {
  let emu: RunningEmulator;
  let uploadDir: string;
  beforeAll(async () => {
    uploadDir = join(mkdtempSync(join(tmpdir(), 'emulator-uploads-')), 'uploads');
    emu = await startEmulator({ port: 0, uploadDir, requestTimeoutMs: 1500 });
  });
  afterAll(() => emu.close());

  it('refuses a PNG signature followed by HTML, and keeps no file of it', async () => {
    const token = await tokenOf(emu);
    const polyglot = Buffer.concat([makePng().subarray(0, 8), Buffer.from('<html><script>alert(document.domain)</script></html>')]);
    expect(await upload(emu, token, polyglot)).toMatchObject({ code: 400 });
    expect(readdirSync(uploadDir)).toEqual([]);
  });

  it('serves an image with nosniff and a sandbox, so a browser never runs what follows its header', async () => {
    const token = await tokenOf(emu);
    const { data } = await upload(emu, token, makePng(4, 4));
    const served = await fetch(data.url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(makePng(4, 4));
  });

  it('leaves no partial file when clients abort mid-upload', async () => {
    const token = await tokenOf(emu);
    for (let i = 0; i < 10; i++) {
      const socket = startUpload(emu, token);
      expect(await until(() => parts(uploadDir).length > 0)).toBe(true);
      socket.destroy();
      expect(await until(() => parts(uploadDir).length === 0)).toBe(true);
    }
  });

  it('leaves no partial file when a client stalls until the request timeout', async () => {
    const token = await tokenOf(emu);
    const socket = startUpload(emu, token);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    expect(await until(() => parts(uploadDir).length > 0)).toBe(true);
    await closed; // the emulator gives up on the request and closes the connection
    expect(await until(() => parts(uploadDir).length === 0)).toBe(true);
  });
});

it('removes partial files of a dead emulator at start, not those of a live one', async () => {
  const uploadDir = mkdtempSync(join(tmpdir(), 'emulator-orphans-'));
  const dead = spawnSync(process.execPath, ['-e', '0']).pid;
  writeFileSync(join(uploadDir, `0123456789abcdef01234567.${dead}.part`), 'half');
  writeFileSync(join(uploadDir, `0123456789abcdef01234568.${process.pid}.part`), 'in flight');
  const emu = await startEmulator({ port: 0, uploadDir });
  await emu.close();
  expect(parts(uploadDir)).toEqual([`0123456789abcdef01234568.${process.pid}.part`]);
});
