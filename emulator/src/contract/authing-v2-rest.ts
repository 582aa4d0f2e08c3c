/** Authing's v2 REST endpoints behind authing-js-sdk, the seed SDK and Authing's other clients. */
import type { ContractEntry } from './types';
import { android, jsSdk, jsSdkClient, miniapp, miniappTypes, nodeSdk, sdkHeaders, seed } from './sources';

const v2NoData = { envelope: 'v2 {code: 200, message}', data: [] } as const;
/** authing-js-sdk's logouts: a GET with the user's token (Bearer) and the app named in the query. */
const signedInGet = {
  face: 'authing-v2',
  method: 'GET',
  headers: { required: ['authorization'], optional: sdkHeaders },
  auth: 'bearer-required',
  contentType: null,
  reply: v2NoData,
} as const;

export const authingV2RestEntries: ContractEntry[] = [
  {
    id: 'v2.well-known',
    face: 'authing-v2',
    method: 'GET',
    path: '/api/v2/.well-known',
    summary: 'the RSA public key clients encrypt passwords with',
    headers: { optional: sdkHeaders },
    auth: 'none',
    contentType: null,
    query: { type: 'object', additionalProperties: false, properties: {} },
    reply: { envelope: 'v2 {code: 200, message, data}', data: ['publicKey'] },
    sources: [jsSdk('src/lib/common/PublicKeyManager.ts', 'getPublicKey: GET /api/v2/.well-known, reads data.publicKey')],
  },
  {
    id: 'v2.sms-send',
    face: 'authing-v2',
    method: 'POST',
    path: '/api/v2/sms/send',
    summary: 'sendSmsCode',
    headers: { optional: sdkHeaders },
    auth: 'bearer-optional',
    contentType: 'application/json',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['phone'],
      properties: {
        phone: { type: 'string', minLength: 1, maxLength: 32 },
        phoneCountryCode: { type: 'string', maxLength: 8 },
        scene: { type: 'string', maxLength: 64 },
      },
    },
    reply: v2NoData,
    sources: [jsSdkClient('sendSmsCode: POST /api/v2/sms/send {phone, phoneCountryCode?, scene?}')],
  },
  {
    id: 'v2.logout',
    ...signedInGet,
    path: '/api/v2/logout',
    summary: 'logout on every device',
    query: { type: 'object', additionalProperties: false, required: ['app_id'], properties: { app_id: { type: 'string', maxLength: 64 } } },
    sources: [jsSdkClient('logout: GET /api/v2/logout?app_id=')],
  },
  {
    id: 'v2.logout-current',
    ...signedInGet,
    path: '/logout',
    summary: 'logout on this device only',
    query: {
      type: 'object',
      additionalProperties: false,
      required: ['appId'],
      properties: { appId: { type: 'string', maxLength: 64 }, deviceId: { type: 'string', enum: ['current'] } },
    },
    sources: [jsSdkClient('logoutCurrent: GET /logout?appId=&deviceId=current')],
  },
  {
    id: 'v2.upload',
    face: 'authing-v2',
    method: 'POST',
    path: '/api/v2/upload',
    summary: 'image upload (multipart, field "file"); every Authing client uploads without a token, so the file then belongs to no user',
    headers: { optional: [...sdkHeaders, 'authorization'] },
    auth: 'bearer-optional',
    contentType: 'multipart/form-data',
    query: { type: 'object', additionalProperties: false, properties: { folder: { type: 'string', maxLength: 32 } } },
    reply: { envelope: 'v2 {code: 200, message, data}', data: ['url', 'key'] },
    sources: [
      seed(
        'AuthenticationClient.prototype.updateAvatar: wx.uploadFile /api/v2/upload?folder=avatar, name "file", no header; reads data.url',
      ),
      miniapp('Authing.updateAvatar: uploadFile /api/v2/upload?folder=avatar, name "file", no header; reads data.url'),
      miniappTypes('UploadFileResponseData {code, message, data: {key, url}}'),
      jsSdkClient('uploadPhoto: uploadFile /api/v2/upload?folder=avatar'),
      android('network/Uploader.java', '_uploadImage'),
    ],
  },
  {
    id: 'v2.public-config',
    face: 'authing-v2',
    method: 'GET',
    path: '/api/v2/applications/:appId/public-config',
    summary: "the application's public config, its WeChat mini-program connection and that connection's identifier",
    headers: { optional: [...sdkHeaders, 'authorization'] },
    auth: 'none',
    contentType: null,
    query: { type: 'object', additionalProperties: false, properties: {} },
    reply: {
      envelope: 'v2 {code: 200, message, data}',
      data: [
        'userPoolId',
        'name',
        'ecConnections[].id',
        'ecConnections[].type',
        'ecConnections[].provider',
        'ecConnections[].identifier',
        'ecConnections[].fields.appId',
      ],
    },
    sources: [
      android('Authing.java', '_requestPublicConfig: GET /api/v2/applications/{appId}/public-config, Config.parse(response data)'),
      android(
        'data/Config.java',
        'parse: userPoolId, name, ecConnections; toSocialList: id, provider, type, identifier, fields.appId; getSocialIdentifier',
      ),
      android(
        'util/Const.java',
        'EC_TYPE_WECHAT_MINI_PROGRAM = "wechat:miniprogram:app-launch" (the Android app launching a mini program)',
      ),
      nodeSdk(
        'ApplicationEnabledExtIdpConnDto',
        'extIdpConnType WECHAT_MINIPROGRAM_DEFAULT = "wechat:miniprogram:default": the type of a mini program\'s own WeChat identity source, the one the SDK looks for',
      ),
      jsSdk(
        'src/lib/authentication/EnterpriseAuthenticationClient.ts',
        'initProviderContext: GET /api/v2/applications/${appId}/public-config',
      ),
    ],
  },
];
