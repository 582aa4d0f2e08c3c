import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

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
