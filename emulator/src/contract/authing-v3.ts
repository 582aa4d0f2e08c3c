/**
 * Authing's v3 API, the endpoints of it that the mini-program flows use. Replies are
 * `{statusCode, message, apiCode?, requestId?, data}` (authing-node-sdk's *RespDto).
 */
import type { ContractEntry, ObjectSpec } from './types';
import { android, miniapp, miniappRequest, miniappTypes, nodeSdk, nodeSdkClient } from './sources';

export const v3 = (data: string) => `v3 {statusCode: 200, message, apiCode?, requestId?, data: ${data}}`;
export const code = { type: 'string', minLength: 1, maxLength: 4096 } as const;
export const identifier = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  description: 'the WeChat mini-program connection identifier (extIdpConnidentifier)',
} as const;

/** {code, encryptedData?, iv?}: the mini-program SDK sends '' for the two when it has no user info. */
const wxLoginInfo: ObjectSpec = {
  type: 'object',
  additionalProperties: false,
  required: ['code'],
  properties: { code, encryptedData: { type: 'string', maxLength: 8192 }, iv: { type: 'string', maxLength: 64 } },
};

/**
 * LoginOptions of the mini-program SDK (= SignInByMobileOptionsDto: scope, context, tenantId,
 * customData), plus what the Android SDK's AuthOptions.toJSON adds to every mobile sign-in
 * (autoRegister always; clientIp, passwordEncryptType, captchaCode, the two
 * …ForInformationCompletion codes when set).
 */
const loginOptions: ObjectSpec = {
  type: 'object',
  additionalProperties: false,
  properties: {
    scope: { type: 'string', maxLength: 512 },
    context: { description: 'free-form, passed to pipelines' },
    tenantId: { type: 'string', maxLength: 64 },
    customData: { description: 'free-form user defined data' },
    autoRegister: { type: 'boolean' },
    clientIp: { type: 'string', maxLength: 64 },
    passwordEncryptType: { type: 'string', enum: ['sm2', 'rsa', 'none'] },
    captchaCode: { type: 'string', maxLength: 64 },
    phonePassCodeForInformationCompletion: { type: 'string', maxLength: 64 },
    emailPassCodeForInformationCompletion: { type: 'string', maxLength: 64 },
  },
};

export const tokenSet = ['access_token', 'id_token', 'refresh_token (scope offline_access)', 'token_type', 'expires_in', 'scope'];

export const authingV3Entries: ContractEntry[] = [
  {
    id: 'v3.signin-by-mobile',
    face: 'authing-v3',
    method: 'POST',
    path: '/api/v3/signin-by-mobile',
    summary: 'WeChat mini-program login: connection wechat_mini_program_code or wechat_mini_program_code_and_phone',
    headers: { required: ['x-authing-app-id'], optional: ['x-authing-request-from', 'x-authing-sdk-version', 'x-authing-userpool-id'] },
    auth: 'none',
    contentType: 'application/json',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['connection', 'extIdpConnidentifier'],
      properties: {
        connection: { type: 'string', enum: ['wechat_mini_program_code', 'wechat_mini_program_code_and_phone'] },
        extIdpConnidentifier: identifier,
        wechatMiniProgramCodePayload: wxLoginInfo,
        wechatMiniProgramCodeAndPhonePayload: {
          type: 'object',
          additionalProperties: false,
          required: ['wxPhoneInfo', 'wxLoginInfo'],
          properties: {
            wxPhoneInfo: { type: 'object', additionalProperties: false, required: ['code'], properties: { code } },
            wxLoginInfo,
          },
        },
        options: loginOptions,
      },
    },
    reply: { envelope: v3('LoginTokenResponseDataDto'), data: tokenSet },
    sources: [
      miniapp('Authing.loginByCode / loginByPhone / login: POST /api/v3/signin-by-mobile with header x-authing-app-id'),
      miniappTypes(
        'WxCodeLoginOptions, LoginOptions, LoginStateOptions (access_token, id_token, expires_in, scope, token_type, refresh_token?)',
      ),
      miniappRequest,
      nodeSdk('SigninByMobileDto'),
      nodeSdk('SignInByWechatMiniProgramCodePayloadDto'),
      nodeSdk('SignInByWechatMiniProgramCodeAndPhonePayloadDto'),
      nodeSdk('SignInByWechatMiniProgramPhoneInfoPayloadDto'),
      nodeSdk('SignInByMobileOptionsDto'),
      nodeSdk(
        'LoginTokenRespDto',
        'the DTO names the lifetime expire_in; the mini-program SDK reads expires_in (saveLoginState), so expires_in is sent',
      ),
      android(
        'network/client/SignInClient.java',
        'signInByWechatMiniProgram: extIdpConnidentifier = config.getSocialIdentifier(EC_TYPE_WECHAT_MINI_PROGRAM)',
      ),
      android('params/AuthOptions.java', 'toJSON: the options every Android sign-in sends'),
    ],
  },
  {
    id: 'v3.get-wechat-miniprogram-phone',
    face: 'authing-v3',
    method: 'POST',
    path: '/api/v3/get-wechat-miniprogram-phone',
    summary: 'getPhone: the getPhoneNumber button code exchanged for the phone number; registers nobody',
    headers: { optional: ['x-authing-userpool-id', 'x-authing-app-id', 'x-authing-request-from', 'x-authing-sdk-version'] },
    auth: 'none',
    contentType: 'application/json',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['extIdpConnidentifier', 'code'],
      properties: { extIdpConnidentifier: identifier, code },
    },
    reply: {
      envelope: v3('{phone_info}'),
      data: ['phone_info.phoneNumber', 'phone_info.purePhoneNumber', 'phone_info.countryCode', 'phone_info.watermark'],
    },
    sources: [
      miniapp('Authing.getPhone: POST /api/v3/get-wechat-miniprogram-phone, reads getPhoneRes.phone_info'),
      miniappTypes(
        'GetPhoneOptions {extIdpConnidentifier, code}; GetUserPhoneResponseData {countryCode, phoneNumber, purePhoneNumber, watermark}',
      ),
      nodeSdk('GetWechatMiniProgramPhoneDto'),
      nodeSdk(
        'GetWechatMiniProgramPhoneRespDto',
        'types data flat {phoneNumber, purePhoneNumber, countryCode}; the mini-program SDK (higher authority) reads data.phone_info',
      ),
    ],
  },
  {
    id: 'v3.get-profile',
    face: 'authing-v3',
    method: 'GET',
    path: '/api/v3/get-profile',
    summary: "the signed-in user's profile (UserDto); Authorization is the access token, raw or Bearer",
    headers: {
      required: ['authorization'],
      optional: ['x-authing-userpool-id', 'x-authing-app-id', 'x-authing-request-from', 'x-authing-sdk-version'],
    },
    auth: 'token-required',
    contentType: null,
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        withCustomData: { type: 'string', enum: ['true', 'false'] },
        withIdentities: { type: 'string', enum: ['true', 'false'] },
        withDepartmentIds: { type: 'string', enum: ['true', 'false'] },
      },
    },
    reply: {
      envelope: v3('UserDto'),
      data: [
        'userId',
        'createdAt',
        'updatedAt',
        'status',
        'email',
        'phone',
        'phoneCountryCode',
        'username',
        'name',
        'nickname',
        'photo',
        'gender',
        'emailVerified',
        'phoneVerified',
        'loginsCount',
        'lastLogin',
        'lastIp',
        'country',
        'province',
        'city',
        'registerSource',
        'identities? (withIdentities=true)',
        'customData? (withCustomData=true)',
        'departmentIds? (withDepartmentIds=true; always empty: the emulator has no departments)',
      ],
    },
    sources: [
      miniapp(
        'Authing.getUserInfo: GET /api/v3/get-profile, header Authorization: access_token (no Bearer), x-authing-userpool-id; data {withCustomData, withDepartmentIds, withIdentities} (all false by default), which wx.request puts in the query',
      ),
      miniappTypes('GerUserInfo {withDepartmentIds?, withCustomData?, withIdentities?}'),
      nodeSdk('GetProfileDto'),
      nodeSdk(
        'IdentityDto',
        'identities[]: identityId, extIdpId, provider (wechat), type (openid), userIdInIdp, userInfoInIdp, originConnIds',
      ),
      miniappTypes('UserInfo'),
      nodeSdkClient('getProfile: GET /api/v3/get-profile, params withCustomData, withIdentities, withDepartmentIds'),
      nodeSdk('UserSingleRespDto'),
      nodeSdk('UserDto'),
      android('network/Guardian.java', '_request: Authorization: Bearer <access_token>'),
    ],
  },
];
