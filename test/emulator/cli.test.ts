import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertCompiled } from '../support/emulator-process';

const BIN = join(__dirname, '../../emulator/bin/authing-wxapp-emulator.js');

describe('authing-wxapp-emulator CLI', () => {
  it('documents its options', () => {
    const result = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const flag of [
      '--port',
      '--db',
      '--app-id',
      '--wechat-appid',
      '--wechat-secret',
      '--wechat-connection-identifier',
      '--rotate-session-key',
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });

  it('refuses unknown flags and bad values with exit code 2', () => {
    const unknown = spawnSync(process.execPath, [BIN, '--nope'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--help');
    const badPort = spawnSync(process.execPath, [BIN, '--port', 'eighty'], { encoding: 'utf8' });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port must be a whole number');
  });

  it('prints its URL when ready, serves, and exits 0 on SIGINT', async () => {
    const args = ['--port', '0', '--db', ':memory:', '--app-id', 'cli-app', '--wechat-connection-identifier', 'cli-wxapp'];
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+)[\s\S]*database/.exec(out);
        if (match) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code} before listening: ${out}`)));
    });
    const info = await (await fetch(`${url}/__emulator/info`)).json();
    expect(info).toMatchObject({ url, appId: 'cli-app', wechatConnectionIdentifier: 'cli-wxapp' });
    expect(out).toMatch(/WeChat connection\s+cli-wxapp \(extIdpConnidentifier\)/);
    const config = await (await fetch(`${url}/api/v2/applications/cli-app/public-config`)).json();
    expect(config.data.ecConnections[0].identifier).toBe('cli-wxapp');
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
  });
});

describe('the launcher the suites and dev tools share (test/support/emulator-process)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'authing-emulator-bin-'));
    mkdirSync(join(dir, 'src', 'authing'), { recursive: true });
    mkdirSync(join(dir, 'dist'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const at = (file: string, secondsAgo: number) => {
    writeFileSync(join(dir, file), '');
    const when = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(join(dir, file), when, when);
  };

  it('refuses to start an emulator that was never compiled', () => {
    at('src/cli.ts', 60);
    expect(() => assertCompiled(dir)).toThrow(/not compiled .*npm run build -w emulator/);
  });

  it('refuses a compiled emulator older than a source file, naming the file', () => {
    at('src/cli.ts', 60);
    at('dist/cli.js', 30);
    at('src/authing/users.ts', 10);
    expect(() => assertCompiled(dir)).toThrow(/emulator\/src\/authing\/users\.ts changed after emulator\/dist was compiled/);
  });

  it('starts one compiled after its last source change', () => {
    at('src/cli.ts', 60);
    at('src/authing/users.ts', 40);
    at('dist/cli.js', 30);
    expect(() => assertCompiled(dir)).not.toThrow();
  });
});
