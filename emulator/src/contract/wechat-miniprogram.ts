/**
 * Authing's v2 mini-program endpoints, as the seed SDK calls them (Authing's current mini-program
 * SDK moved to /api/v3/signin-by-mobile; these remain what authing-wxapp-sdk 4.x users call).
 * There is no `phoneCode` and no `signature` here: no Authing client or document sends them.
 */
import type { ContractEntry, ObjectSpec } from './types';
import { seed, seedReadme } from './sources';

const PREFIX = '/connections/social/wechat-miniprogram';
const v2User = 'v2 {code: 200, message, data: User}';
const nonEmpty = { type: 'string', minLength: 1, maxLength: 4096 } as const;
const iv = { type: 'string', maxLength: 64 } as const;
const encryptedData = { type: 'string', maxLength: 8192 } as const;

/** How the seed SDK sends every request here (dist/HttpClient.js): JSON, its four headers, no token needed. */
const seedRequest = {
  headers: { optional: ['x-authing-app-id', 'x-authing-userpool-id', 'x-authing-request-from', 'x-authing-sdk-version'] },
  auth: 'none',
  contentType: 'application/json',
} as const;

/** The getPhoneNumber button's data with a wx.login code taken before it: all three required (seed README). */
const phoneBody: ObjectSpec = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'iv', 'encryptedData'],
  properties: { code: nonEmpty, iv, encryptedData },
};

export const wechatMiniprogramEntries: ContractEntry[] = [
  {
    id: 'v2.miniprogram.auth',
    face: 'authing-v2',
    method: 'POST',
    path: `${PREFIX}/auth`,
    summary: 'loginByCode: wx.login code, optionally the getUserInfo iv + encryptedData or rawData',
    ...seedRequest,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['code'],
      properties: {
        code: nonEmpty,
        iv,
        encryptedData,
        // Authing uses rawData as the profile as is (seed README): it carries no signature to check.
        rawData: { type: 'string', maxLength: 8192 },
      },
    },
    reply: { envelope: v2User, data: ['id', 'token', 'tokenExpiredAt', 'openid', 'unionid', 'nickname', 'photo', 'phone'] },
    sources: [
      seed('AuthenticationClient.prototype.loginByCode: data {code, iv, encryptedData, rawData}'),
      seedReadme(
        'loginByCode: options.rawData "和 iv + encryptedData 二选一，如果传了 rawData, Authing Server 会直接使用该数据作为用户的 profile"',
      ),
      seed(
        'HttpClient.prototype.request: headers x-authing-sdk-version, x-authing-userpool-id, x-authing-request-from, x-authing-app-id; code !== 200 is an error',
        'dist/HttpClient.js',
      ),
    ],
  },
  {
    id: 'v2.miniprogram.auth-by-phone',
    face: 'authing-v2',
    method: 'POST',
    path: `${PREFIX}/auth-by-phone`,
    summary: 'loginByPhone: wx.login code + the getPhoneNumber button iv + encryptedData',
    ...seedRequest,
    body: phoneBody,
    reply: { envelope: v2User, data: ['id', 'token', 'tokenExpiredAt', 'phone', 'openid', 'unionid'] },
    sources: [
      seed('AuthenticationClient.prototype.loginByPhone: data {code, iv, encryptedData}'),
      seedReadme('loginByPhone: code, iv, encryptedData 必填'),
    ],
  },
  {
    id: 'v2.miniprogram.getphone',
    face: 'authing-v2',
    method: 'POST',
    path: `${PREFIX}/getphone`,
    summary: 'getPhone: decrypts the getPhoneNumber button data; registers nobody',
    ...seedRequest,
    body: phoneBody,
    reply: { envelope: 'v2 {code: 200, message, data}', data: ['countryCode', 'phoneNumber', 'purePhoneNumber', 'openid', 'unionid'] },
    sources: [
      seed('AuthenticationClient.prototype.getPhone: data {code, iv, encryptedData}'),
      seedReadme('getPhone: 返回的数据示例 {countryCode, phoneNumber, purePhoneNumber, openid, unionid}'),
    ],
  },
];
