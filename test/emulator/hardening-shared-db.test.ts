/**
 * Two emulators on one database file (the README's `npm start -- --port 4001` next to a running one):
 * starting together and serving logins side by side, as real processes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getJson, postJson } from '../support/http-json';
import { spawnEmulatorCli, type CliProcess } from '../support/emulator-process';

jest.setTimeout(120_000);

const STARTS = 5;
const LOGINS_EACH = 40;

let db: string;
let running: CliProcess[] = [];

beforeEach(() => {
  db = join(mkdtempSync(join(tmpdir(), 'emulator-shared-')), 'emulator.db');
});
afterEach(async () => {
  await Promise.all(running.map((p) => p.stop()));
  running = [];
});

function start(): CliProcess {
  const cli = spawnEmulatorCli(['--port', '0', '--db', db]);
  running.push(cli);
  return cli;
}

async function login(url: string, appid: string): Promise<number> {
  const minted = await postJson(`${url}/__emulator/wechat/login`, { appid });
  if (minted.status !== 200) return minted.status;
  const res = await postJson(`${url}/connections/social/wechat-miniprogram/auth`, { code: minted.body.code });
  return res.status === 200 ? res.body.code : res.status;
}

it(`${STARTS} emulators started at once on a new file all come up, with one signing key`, async () => {
  const clis = Array.from({ length: STARTS }, start);
  const urls = await Promise.all(clis.map((cli) => cli.ready));
  const keys = await Promise.all(urls.map(async (url) => (await getJson(`${url}/api/v2/.well-known`)).body.data.publicKey));
  expect(new Set(keys).size).toBe(1);
});

it('two emulators serve concurrent logins on one file without "database is locked"', async () => {
  // One after the other: this test is about serving side by side, the one above about starting.
  const a = await start().ready;
  const b = await start().ready;
  const appid = (await getJson(`${a}/__emulator/info`)).body.wechatAppId as string;
  const codes = await Promise.all(Array.from({ length: 2 * LOGINS_EACH }, (_, i) => login(i % 2 ? a : b, appid)));
  expect(codes.filter((code) => code !== 200)).toEqual([]);
  // Both see every user: one pool, not two.
  const [seenByA, seenByB] = await Promise.all([getJson(`${a}/__emulator/users`), getJson(`${b}/__emulator/users`)]);
  expect(seenByA.body.users).toHaveLength(codes.length);
  expect(seenByB.body.users).toHaveLength(codes.length);
});
