/** Where the contract's facts come from, named once so every entry cites them the same way. */
import type { Source } from './types';

/** The identity headers Authing's JS clients put on every request (authing-js-sdk BaseAuthenticationClient / the seed's HttpClient). */
export const sdkHeaders = [
  'x-authing-app-id',
  'x-authing-userpool-id',
  'x-authing-request-from',
  'x-authing-sdk-version',
  'x-authing-lang',
  'x-authing-app-tenant-id',
];

/** Authing's current mini-program SDK (authority 1). */
export const miniapp = (symbol: string, note?: string): Source => ({
  repo: 'Authing/authing-js-sdk',
  path: 'packages/miniapp/src/Authing.ts',
  symbol,
  ...(note ? { note } : {}),
});
export const miniappTypes = (symbol: string): Source => ({ repo: 'Authing/authing-js-sdk', path: 'packages/miniapp/src/types.ts', symbol });
export const miniappRequest: Source = {
  repo: 'Authing/authing-js-sdk',
  path: 'packages/miniapp/src/helpers/request.ts',
  symbol: 'request (x-authing-request-from: sdk-miniapp, x-authing-sdk-version; reads data.data || data)',
};

/** The seed SDK, authing-wxapp-sdk 4.3.22-alpha.7 (authority 2), installed as authing-wxapp-sdk-seed. */
export const seed = (symbol: string, path = 'dist/index.js'): Source => ({ repo: 'npm:authing-wxapp-sdk@4.3.22-alpha.7', path, symbol });
export const seedReadme = (note: string): Source => ({ repo: 'npm:authing-wxapp-sdk@4.3.22-alpha.7', path: 'README.md', symbol: note });

/** Stock authing-js-sdk 4.23.55 (authority 3). */
export const jsSdk = (path: string, symbol: string): Source => ({ repo: 'npm:authing-js-sdk@4.23.55', path, symbol });
export const jsSdkClient = (symbol: string): Source => jsSdk('src/lib/authentication/AuthenticationClient.ts', symbol);
export const jsSdkDocument = (name: string): Source => jsSdk('src/types/graphql.v2.ts', `${name}Document`);

/** Authing's Android SDK (authority 4), at commit 7c2477d. */
export const android = (path: string, symbol: string): Source => ({
  repo: 'Authing/authing-android-sdk',
  path: `api/src/main/java/cn/authing/api/${path}`,
  symbol,
});

/** authing-node-sdk v3 DTOs (authority 5). */
export const nodeSdk = (model: string, note?: string): Source => ({
  repo: 'Authing/authing-node-sdk',
  path: `src/models/${model}.ts`,
  symbol: model,
  ...(note ? { note } : {}),
});
export const nodeSdkClient = (symbol: string): Source => ({
  repo: 'Authing/authing-node-sdk',
  path: 'src/AuthenticationClient.ts',
  symbol,
});

/** WeChat's own server API documentation, for the WeChat face. */
export const wechatDoc = (page: string): Source => ({ url: `https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/${page}` });

export const emulatorOnly = (note: string): Source => ({ emulatorOnly: true, note });
