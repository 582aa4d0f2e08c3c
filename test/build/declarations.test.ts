/**
 * The package's declarations (types/, written by `npx gulp build`) as a TypeScript mini program
 * reads them: installed under node_modules, strict, skipLibCheck false, ES2017 and
 * miniprogram-api-typings only (no DOM, no Node), with both module resolutions a mini program's
 * tsconfig may use. Each snippet below compiles, and each `@ts-expect-error` must find its error.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const TYPES = path.join(ROOT, 'types');
const DIST = path.join(ROOT, 'miniprogram_dist');

const APP = `
import { AuthenticationClient, ErrorCodes, isAuthingError } from 'authing-wxapp-sdk';
import type { AuthingCancelDetail, AuthingFailDetail, LoginButtonProperties, LoginSuccessDetail, PhoneSuccessDetail } from 'authing-wxapp-sdk';
import { getClient, type AuthCore, type AvatarSuccessDetail, type ErrorCode } from 'authing-wxapp-sdk/core';
// @ts-expect-error the session store is internal
import { SessionStore } from 'authing-wxapp-sdk/core';
// @ts-expect-error the transport is internal
import type { Transport } from 'authing-wxapp-sdk';
import { Authing, type LoginState, type UserInfo } from 'authing-wxapp-sdk/v3';

export const v3 = new Authing({ appId: 'app' });
export async function v3Flow(): Promise<string | null | undefined> {
  const state: LoginState = await v3.loginByPassword({ account: 'bob', password: 'pw' });
  const me: UserInfo = await v3.updateUserInfo({ nickname: state.scope });
  // @ts-expect-error gender is 'M' | 'F' | 'U'
  await v3.updateUserInfo({ gender: 'X' });
  // @ts-expect-error channel is one of Authing's SMS channels
  await v3.sendSms({ phoneNumber: '13800000000', channel: 'LOGIN' });
  return me.nickname;
}

export const authing = new AuthenticationClient({ appId: 'app' });
const core: AuthCore = getClient({ appId: 'app' });
export const same: boolean = authing.core.getToken() === core.getToken() && !isAuthingError(null);

const quota: ErrorCode = ErrorCodes.PHONE_QUOTA_EXHAUSTED;
export const login: LoginButtonProperties = { mode: 'profile', lang: 'en-US', errorToast: false };
// @ts-expect-error mode is 'silent' | 'profile'
export const typo: LoginButtonProperties = { mode: 'profil' };

Component({
  methods: {
    onLogin(e: WechatMiniprogram.CustomEvent<LoginSuccessDetail>) {
      const nickname: string | null | undefined = e.detail.nickname;
      return nickname;
    },
    onPhone(e: WechatMiniprogram.CustomEvent<PhoneSuccessDetail>) {
      return 'purePhoneNumber' in e.detail ? e.detail.purePhoneNumber : e.detail.id;
    },
    onAvatar(e: WechatMiniprogram.CustomEvent<AvatarSuccessDetail>) {
      return e.detail.photo;
    },
    onFail(e: WechatMiniprogram.CustomEvent<AuthingFailDetail>) {
      if (e.detail.code === quota || e.detail.code === ErrorCodes.NETWORK_ERROR || e.detail.code === 2001) return e.detail.message;
      // @ts-expect-error no such code
      if (e.detail.code === 'PHONE_QUOTA') return '';
      return e.detail.data;
    },
    onCancel(e: WechatMiniprogram.CustomEvent<AuthingCancelDetail>) {
      const code: 'CANCELLED' = e.detail.code;
      return code;
    },
  },
});
`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

let project: string;
beforeAll(() => {
  if (!existsSync(path.join(TYPES, 'index.d.ts'))) throw new Error('types/ is missing: run `npx gulp build` first');
  project = mkdtempSync(path.join(tmpdir(), 'authing-types-'));
  const installed = path.join(project, 'node_modules', 'authing-wxapp-sdk');
  mkdirSync(installed, { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(installed, 'package.json'));
  cpSync(TYPES, path.join(installed, 'types'), { recursive: true });
  symlinkSync(
    path.join(ROOT, 'node_modules', 'miniprogram-api-typings'),
    path.join(project, 'node_modules', 'miniprogram-api-typings'),
    'dir',
  );
  writeFileSync(path.join(project, 'app.ts'), APP);
});
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('types/ in a TypeScript mini program', () => {
  test.each(['node10', 'node16'])('compiles strictly with skipLibCheck false (moduleResolution %s)', (moduleResolution) => {
    const tsconfig = path.join(project, `tsconfig.${moduleResolution}.json`);
    writeFileSync(
      tsconfig,
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          target: 'ES2017',
          lib: ['ES2017'],
          module: moduleResolution === 'node16' ? 'node16' : 'commonjs',
          moduleResolution,
          types: ['miniprogram-api-typings'],
        },
        files: ['app.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  test('one file per entry point, only the public surface, none of it in miniprogram_dist', () => {
    expect(readdirSync(TYPES).sort()).toEqual(['core.d.ts', 'index.d.ts', 'v3.d.ts']);
    expect(filesUnder(DIST).filter((file) => file.endsWith('.ts'))).toEqual([]);
    const core = readFileSync(path.join(TYPES, 'core.d.ts'), 'utf8');
    const index = readFileSync(path.join(TYPES, 'index.d.ts'), 'utf8');
    const v3 = readFileSync(path.join(TYPES, 'v3.d.ts'), 'utf8');
    for (const internal of ['SessionStore', 'Transport', 'LoginCodeManager', 'TokenRefresher', 'resetClients', 'wxStorage', 'TOKEN_KEY']) {
      for (const declared of [core, index, v3]) {
        expect(declared).not.toMatch(new RegExp(`export (declare )?(class|function|const|interface|type) ${internal}\\b`));
      }
    }
    expect(v3).toMatch(/export declare class Authing\b/);
    // authing-js-sdk's management client is not part of what a mini program can call.
    expect(index).not.toMatch(/class ManagementClient\b/);
    expect(index).toMatch(/export declare class AuthenticationClient\b|export \{[^}]*AuthenticationClient/);
    // Where authing-js-sdk's declarations name axios, the bundle's stand-in (lib/full/shims/axios.ts) is
    // declared: its own types, without the axios options (baseURL, withCredentials) it would ignore.
    expect(index).toMatch(/axios: WxAxiosInstance;/);
    expect(index).not.toMatch(/\bbaseURL\b|\bwithCredentials\b/);
    // Well under the 820 KB of declarations miniprogram_dist used to carry.
    expect(Buffer.byteLength(core) + Buffer.byteLength(index)).toBeLessThan(200 * 1024);
  });

  test('package.json points `types`, `exports` and `typesVersions` at them', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      types: string;
      exports: Record<string, { types: string; default: string } | string>;
      typesVersions: Record<string, Record<string, string[]>>;
      files: string[];
    };
    expect(pkg.types).toBe('types/index.d.ts');
    expect(pkg.exports['.']).toEqual({ types: './types/index.d.ts', default: './miniprogram_dist/index.js' });
    expect(pkg.exports['./core']).toEqual({ types: './types/core.d.ts', default: './miniprogram_dist/core.js' });
    expect(pkg.typesVersions['*'].core).toEqual(['types/core.d.ts']);
    expect(pkg.exports['./v3']).toEqual({ types: './types/v3.d.ts', default: './miniprogram_dist/v3.js' });
    expect(pkg.typesVersions['*'].v3).toEqual(['types/v3.d.ts']);
    expect(pkg.files).toEqual(expect.arrayContaining(['miniprogram_dist', 'types']));
    for (const entry of Object.values(pkg.exports)) {
      for (const file of typeof entry === 'string' ? [entry] : Object.values(entry)) {
        if (!file.startsWith('./testing/')) expect(existsSync(path.join(ROOT, file))).toBe(true);
      }
    }
  });

  test('`authing-wxapp-sdk/core` and `/v3` load in Node through the exports map, as the docs advertise', () => {
    const script =
      "process.stdout.write(typeof require('authing-wxapp-sdk/core').getClient + typeof require('authing-wxapp-sdk/v3').Authing)";
    const node = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(node.stdout).toBe('functionfunction');
  });
});
