/**
 * Authing's v3 API beyond the WeChat logins: password and pass-code sign-in, verification codes,
 * the system's public keys, and the signed-in user's own account, as Authing's current
 * mini-program SDK (Authing.ts) calls them and authing-node-sdk's DTOs type them.
 */
import type { ContractEntry, FieldSpec, ObjectSpec } from './types';
import { code, identifier, tokenSet, v3 } from './authing-v3';
import { android, miniapp, miniappRequest, miniappTypes, nodeSdk, nodeSdkClient } from './sources';

const text = (maxLength: number): FieldSpec => ({ type: 'string', maxLength });
const required = (maxLength: number): FieldSpec => ({ type: 'string', minLength: 1, maxLength });
const password = required(1024);
const passCode = required(16);
const email = { type: 'string', maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' } as const;
const phoneNumber = { type: 'string', pattern: '^[0-9]{5,20}$' } as const;
const phoneCountryCode = { type: 'string', pattern: '^\\+?[0-9]{1,4}$' } as const;
const encryptType = { type: 'string', enum: ['none', 'rsa', 'sm2'] } as const;
const closed = (properties: Record<string, FieldSpec>, requiredNames: readonly string[] = []): ObjectSpec => ({
  type: 'object',
  additionalProperties: false,
  ...(requiredNames.length ? { required: requiredNames } : {}),
  properties,
});

/** What the mini-program SDK sends on its v3 account calls; Authorization is the access token, raw. */
const accountHeaders = {
  required: ['authorization'],
  optional: ['x-authing-userpool-id', 'x-authing-app-id', 'x-authing-request-from', 'x-authing-sdk-version'],
};
const poolHeaders = { optional: ['x-authing-userpool-id', 'x-authing-app-id', 'x-authing-request-from', 'x-authing-sdk-version'] };
const noData = { envelope: 'v3 {statusCode: 200, message}', data: [] } as const;

/** SignInOptionsDto (authing-node-sdk), of which the mini-program's PasswordLoginOptions.options is a subset. */
const signInOptions = closed({
  scope: text(512),
  clientIp: text(64),
  context: { description: 'free-form, passed to pipelines' },
  tenantId: text(64),
  customData: { description: 'free-form user defined data' },
  autoRegister: { type: 'boolean' },
  captchaCode: text(64),
  captchaToken: text(512),
  passwordEncryptType: encryptType,
});

const SMS_CHANNELS = [
  'CHANNEL_LOGIN',
  'CHANNEL_REGISTER',
  'CHANNEL_RESET_PASSWORD',
  'CHANNEL_BIND_PHONE',
  'CHANNEL_UNBIND_PHONE',
  'CHANNEL_BIND_MFA',
  'CHANNEL_VERIFY_MFA',
  'CHANNEL_UNBIND_MFA',
  'CHANNEL_COMPLETE_PHONE',
  'CHANNEL_IDENTITY_VERIFICATION',
  'CHANNEL_DELETE_ACCOUNT',
] as const;
const EMAIL_CHANNELS = [
  'CHANNEL_LOGIN',
  'CHANNEL_REGISTER',
  'CHANNEL_RESET_PASSWORD',
  'CHANNEL_VERIFY_EMAIL_LINK',
  'CHANNEL_UPDATE_EMAIL',
  'CHANNEL_BIND_EMAIL',
  'CHANNEL_UNBIND_EMAIL',
  'CHANNEL_VERIFY_MFA',
  'CHANNEL_UNLOCK_ACCOUNT',
  'CHANNEL_COMPLETE_EMAIL',
  'CHANNEL_DELETE_ACCOUNT',
] as const;

const account = (entry: Omit<ContractEntry, 'face' | 'method' | 'auth' | 'contentType'>): ContractEntry => ({
  face: 'authing-v3',
  method: 'POST',
  headers: accountHeaders,
  auth: 'token-required',
  contentType: 'application/json',
  ...entry,
});

/** The second step of an email or phone change: spend the one-time token the first step answered. */
const applyChange = (what: 'Email' | 'Phone'): ContractEntry => {
  const ticket = `update${what}Token`;
  const path = `/api/v3/update-${what.toLowerCase()}`;
  return account({
    id: `v3.update-${what.toLowerCase()}`,
    path,
    summary: `apply the ${what.toLowerCase()} change an ${ticket} names`,
    body: closed({ [ticket]: required(256) }, [ticket]),
    reply: noData,
    sources: [miniapp(`Authing.update${what}: POST ${path}`), nodeSdk(`Update${what}Dto`)],
  });
};

export const authingV3AccountEntries: ContractEntry[] = [
  {
    id: 'v3.signin',
    face: 'authing-v3',
    method: 'POST',
    path: '/api/v3/signin',
    summary: 'sign in with a password (connection PASSWORD) or a verification code (connection PASSCODE)',
    headers: { required: ['x-authing-app-id'], optional: ['x-authing-userpool-id', 'x-authing-request-from', 'x-authing-sdk-version'] },
    auth: 'none',
    contentType: 'application/json',
    body: closed(
      {
        // LDAP and AD are SigninByCredentialsDto connections too; the emulator has no directory to serve them.
        connection: { type: 'string', enum: ['PASSWORD', 'PASSCODE'] },
        passwordPayload: closed({ password, account: text(254), email: text(254), username: text(128), phone: text(32) }, ['password']),
        passCodePayload: closed({ passCode, email: text(254), phone: text(32), phoneCountryCode }, ['passCode']),
        options: signInOptions,
        client_id: text(64),
        client_secret: text(256),
      },
      ['connection'],
    ),
    reply: { envelope: v3('LoginTokenResponseDataDto'), data: tokenSet },
    sources: [
      miniapp(
        'Authing.loginByPassword / loginByPassCode: POST /api/v3/signin, connection PASSWORD | PASSCODE, header x-authing-app-id; passCodePayload.phoneCountryCode defaults to +86',
      ),
      miniappTypes('PasswordLoginOptions, PassCodeLoginOptions'),
      nodeSdk('SigninByCredentialsDto'),
      nodeSdk('SignInByPasswordPayloadDto'),
      nodeSdk('SignInByPassCodePayloadDto'),
      nodeSdk('SignInOptionsDto'),
      android('network/Guardian.java', '/api/v3/signin'),
    ],
  },
  {
    id: 'v3.send-sms',
    face: 'authing-v3',
    method: 'POST',
    path: '/api/v3/send-sms',
    summary: 'send an SMS verification code for a purpose (channel); the emulator keeps it for /__emulator/messages',
    headers: poolHeaders,
    auth: 'none',
    contentType: 'application/json',
    body: closed({ phoneNumber, channel: { type: 'string', enum: SMS_CHANNELS }, phoneCountryCode }, ['phoneNumber', 'channel']),
    reply: noData,
    sources: [
      miniapp('Authing.sendSms: POST /api/v3/send-sms, phoneCountryCode defaults to +86'),
      miniappTypes('SendSmsOptions, SmsChannel'),
      nodeSdk('SendSMSDto'),
      nodeSdk('SendSMSRespDto'),
    ],
  },
  {
    id: 'v3.send-email',
    face: 'authing-v3',
    method: 'POST',
    path: '/api/v3/send-email',
    summary: 'send an email verification code for a purpose (channel); the emulator keeps it for /__emulator/messages',
    headers: poolHeaders,
    auth: 'none',
    contentType: 'application/json',
    body: closed({ email, channel: { type: 'string', enum: EMAIL_CHANNELS } }, ['email', 'channel']),
    reply: noData,
    sources: [
      miniapp('Authing.sendEmailCode: POST /api/v3/send-email'),
      miniappTypes('SendEmailCodeOptions, EmailChannel'),
      nodeSdk('SendEmailDto'),
      nodeSdk('SendEmailRespDto'),
      android('network/client/CodeClient.java', '/api/v3/send-email'),
    ],
  },
  {
    id: 'v3.system',
    face: 'authing-v3',
    method: 'GET',
    path: '/api/v3/system',
    summary: "the server's password-encryption public keys (rsa, sm2), unwrapped",
    headers: poolHeaders,
    auth: 'none',
    contentType: null,
    reply: {
      envelope: 'SystemInfoResp, not wrapped in {statusCode, data}',
      data: ['rsa.publicKey', 'sm2.publicKey', 'version', 'publicIps'],
    },
    sources: [
      miniapp('Authing.getPublicKey: GET /api/v3/system, reads res[encryptType].publicKey'),
      nodeSdk('SystemInfoResp', '{rsa: {publicKey}, sm2: {publicKey}, version, publicIps}, no statusCode envelope'),
      nodeSdkClient('getSystemInfo: GET /api/v3/system'),
      android('network/client/BaseClient.java', 'getPublicKey: data.rsa.publicKey'),
    ],
  },
  account({
    id: 'v3.update-profile',
    path: '/api/v3/update-profile',
    summary: "update the signed-in user's own profile; answers the updated UserDto",
    body: closed({
      name: text(128),
      nickname: text(128),
      photo: text(1024),
      externalId: text(128),
      birthdate: text(32),
      country: text(64),
      province: text(64),
      city: text(64),
      address: text(256),
      streetAddress: text(256),
      postalCode: text(32),
      gender: { type: 'string', enum: ['M', 'F', 'U'] },
      username: { type: 'string', minLength: 1, maxLength: 128 },
      company: text(128),
      customData: { description: 'an object of user-defined data; Authing takes keys defined in the console, the emulator any key' },
    }),
    reply: { envelope: v3('UserDto'), data: ['userId', 'nickname', 'photo', '…as get-profile'] },
    sources: [
      miniapp('Authing.updateUserInfo: POST /api/v3/update-profile, Authorization: access_token'),
      miniappTypes('UpdateUserInfo (customData?: Record<string, unknown>)'),
      nodeSdk('UpdateUserProfileDto', 'identityNumber is not kept by the emulator, so it refuses it rather than drop it'),
      nodeSdkClient('updateProfile: POST /api/v3/update-profile → UserSingleRespDto'),
    ],
  }),
  account({
    id: 'v3.update-password',
    path: '/api/v3/update-password',
    summary: "change the signed-in user's password; oldPassword is required once a password is set",
    // UpdatePasswordOptions types oldPassword as a required string: a user who has no password yet sends ''.
    body: closed({ newPassword: password, oldPassword: text(1024), passwordEncryptType: encryptType }, ['newPassword']),
    reply: noData,
    sources: [
      miniapp('Authing.updatePassword: POST /api/v3/update-password, encrypts newPassword only'),
      {
        repo: 'Authing/authing-js-sdk',
        path: 'packages/miniapp/src/helpers/request.ts',
        symbol: 'request: "/api/v3/update-password 只返回 message 和 statusCode"',
      },
      miniappTypes('UpdatePasswordOptions'),
      nodeSdk('UpdatePasswordDto', 'passwordResetToken belongs to the reset-password flow, which the emulator does not serve'),
      nodeSdkClient('updatePassword: POST /api/v3/update-password → CommonResponseDto'),
    ],
  }),
  account({
    id: 'v3.bind-email',
    path: '/api/v3/bind-email',
    summary: 'bind an email to a user who has none, proven by a CHANNEL_BIND_EMAIL code',
    body: closed({ email, passCode }, ['email', 'passCode']),
    reply: noData,
    sources: [
      miniapp('Authing.bindEmail: POST /api/v3/bind-email'),
      nodeSdk('BindEmailDto'),
      nodeSdkClient('bindEmail: POST /api/v3/bind-email → CommonResponseDto'),
    ],
  }),
  account({
    id: 'v3.bind-phone',
    path: '/api/v3/bind-phone',
    summary: 'bind a phone to a user who has none, proven by a CHANNEL_BIND_PHONE code',
    body: closed({ phoneNumber, passCode, phoneCountryCode }, ['phoneNumber', 'passCode']),
    reply: noData,
    sources: [
      miniapp('Authing.bindPhone: POST /api/v3/bind-phone'),
      nodeSdk('BindPhoneDto'),
      nodeSdkClient('bindPhone: POST /api/v3/bind-phone → CommonResponseDto'),
    ],
  }),
  account({
    id: 'v3.verify-update-email-request',
    path: '/api/v3/verify-update-email-request',
    summary: 'prove the new email (CHANNEL_UPDATE_EMAIL code); answers a one-time updateEmailToken',
    body: closed(
      {
        verifyMethod: { type: 'string', enum: ['EMAIL_PASSCODE'] },
        emailPassCodePayload: closed({ newEmail: email, newEmailPassCode: passCode, oldEmail: email, oldEmailPassCode: passCode }, [
          'newEmail',
          'newEmailPassCode',
        ]),
      },
      ['verifyMethod', 'emailPassCodePayload'],
    ),
    reply: { envelope: v3('VerifyUpdateEmailRequestData'), data: ['updateEmailToken', 'tokenExpiresIn'] },
    sources: [
      miniapp('Authing.updateEmailRequest: POST /api/v3/verify-update-email-request'),
      nodeSdk('VerifyUpdateEmailRequestDto'),
      nodeSdk('UpdateEmailByEmailPassCodeDto'),
      nodeSdk('VerifyUpdateEmailRequestRespDto'),
      nodeSdk('VerifyUpdateEmailRequestData', 'tokenExpiresIn: 60 seconds'),
    ],
  }),
  applyChange('Email'),
  account({
    id: 'v3.verify-update-phone-request',
    path: '/api/v3/verify-update-phone-request',
    summary: 'prove the new phone (a CHANNEL_BIND_PHONE code); answers a one-time updatePhoneToken',
    body: closed(
      {
        verifyMethod: { type: 'string', enum: ['PHONE_PASSCODE'] },
        phonePassCodePayload: closed(
          {
            newPhoneNumber: phoneNumber,
            newPhonePassCode: passCode,
            newPhoneCountryCode: phoneCountryCode,
            oldPhoneNumber: phoneNumber,
            oldPhonePassCode: passCode,
            oldPhoneCountryCode: phoneCountryCode,
          },
          ['newPhoneNumber', 'newPhonePassCode'],
        ),
      },
      ['verifyMethod', 'phonePassCodePayload'],
    ),
    reply: { envelope: v3('VerifyUpdatePhoneRequestData'), data: ['updatePhoneToken', 'tokenExpiresIn'] },
    sources: [
      miniapp('Authing.updatePhoneRequest: POST /api/v3/verify-update-phone-request'),
      nodeSdk('VerifyUpdatePhoneRequestDto'),
      nodeSdk('UpdatePhoneByPhonePassCodeDto'),
      nodeSdk('VerifyUpdatePhoneRequestRespDto'),
      nodeSdk('VerifyUpdatePhoneRequestData'),
    ],
  }),
  applyChange('Phone'),
  account({
    id: 'v3.verify-delete-account-request',
    path: '/api/v3/verify-delete-account-request',
    summary: "prove the account is the caller's (phone or email code, or password); answers a one-time deleteAccountToken",
    body: closed(
      {
        verifyMethod: { type: 'string', enum: ['PHONE_PASSCODE', 'EMAIL_PASSCODE', 'PASSWORD'] },
        phonePassCodePayload: closed({ phoneNumber, passCode, phoneCountryCode }, ['phoneNumber', 'passCode']),
        emailPassCodePayload: closed({ email, passCode }, ['passCode']),
        passwordPayload: closed({ password, passwordEncryptType: encryptType }, ['password']),
      },
      ['verifyMethod'],
    ),
    reply: { envelope: v3('VerifyDeleteAccountRequestDataDto'), data: ['deleteAccountToken', 'tokenExpiresIn'] },
    sources: [
      miniapp('Authing.deleteAccountRequest: POST /api/v3/verify-delete-account-request'),
      nodeSdk('VerifyDeleteAccountRequestDto'),
      nodeSdk('DeleteAccountByPhonePassCodeDto'),
      nodeSdk('DeleteAccountByEmailPassCodeDto'),
      nodeSdk('DeleteAccountByPasswordDto'),
      nodeSdk('VerifyDeleteAccountRequestRespDto'),
      nodeSdk('VerifyDeleteAccountRequestDataDto', 'tokenExpiresIn: 60 seconds by default'),
    ],
  }),
  account({
    id: 'v3.delete-account',
    path: '/api/v3/delete-account',
    summary: 'delete the account a deleteAccountToken names: the user, its identities and sessions',
    body: closed({ deleteAccountToken: required(256) }, ['deleteAccountToken']),
    reply: noData,
    sources: [
      miniapp('Authing.deleteAccount: POST /api/v3/delete-account'),
      nodeSdk('DeleteAccounDto', 'the DTO (sic) has deleteAccountToken'),
      android('network/client/UserClient.java', 'deleteAccount: /api/v3/delete-account'),
    ],
  }),
  {
    id: 'v3.decrypt-wechat-miniprogram-data',
    face: 'authing-v3',
    method: 'POST',
    path: '/api/v3/decrypt-wechat-miniprogram-data',
    summary: 'decrypt WeChat open data (encryptedData + iv) with the session_key the wx.login code gives; no token',
    headers: poolHeaders,
    auth: 'none',
    contentType: 'application/json',
    body: closed({ code, iv: required(64), encryptedData: required(8192), extIdpConnidentifier: identifier }, [
      'code',
      'iv',
      'encryptedData',
      'extIdpConnidentifier',
    ]),
    reply: { envelope: v3('the decrypted JSON object'), data: ['…as WeChat encrypted it (phoneNumber, watermark, …)'] },
    sources: [
      miniapp(
        'Authing.decryptData: POST /api/v3/decrypt-wechat-miniprogram-data (getApiUrlMapping decryptData), header x-authing-userpool-id only: no Authorization since commit 23d736c4 (2023-05-22)',
      ),
      miniappTypes('DecryptDataOptions {extIdpConnidentifier, encryptedData, iv, code}'),
      nodeSdk('DecryptWechatMiniProgramDataDto'),
      nodeSdk('DecryptWechatMiniProgramDataRespDto', 'data: any'),
      nodeSdkClient('decryptWechatMiniProgramData: POST /api/v3/decrypt-wechat-miniprogram-data'),
    ],
  },
  account({
    id: 'v3.wechat-miniprogram-bind',
    path: '/connections/social/wechat-miniprogram/bind',
    summary:
      'bind the WeChat identity of a wx.login code (its openid, unionid) to the signed-in user; an openid another user holds is refused, binding the same again is a no-op',
    body: closed(
      {
        code,
        iv: text(64),
        encryptedData: text(8192),
        rawData: text(8192),
        extIdpConnidentifier: identifier,
      },
      ['code'],
    ),
    reply: {
      // Not sourced: the SDK hands back `data.data || data` untyped. The emulator answers the bound user.
      envelope: v3('the bound user: UserDto with identities (the data is not sourced, see the README)'),
      data: ['userId', 'identities[].provider', 'identities[].userIdInIdp', '…as get-profile'],
    },
    sources: [
      miniapp(
        'Authing.bindWxByCode / bindPlatformByCode: POST /connections/social/wechat-miniprogram/bind (getApiUrlMapping bindPlatformByCode), body {code, ...data}, headers x-authing-userpool-id, Authorization: access_token',
      ),
      miniappTypes('BindWxByCodeOptions, BindPlatformByCodeOptions {code?, iv?, encryptedData?, rawData?, extIdpConnidentifier?}'),
      {
        ...miniappRequest,
        note: 'interceptResponseData: success only when the reply has statusCode === 200, so the reply is in the v3 envelope',
      },
      {
        repo: 'Authing/authing-js-sdk',
        path: 'examples/miniapp-taro/src/pages/index/index.tsx',
        symbol: 'bindWxByCode: authing.bindWxByCode({ extIdpConnidentifier })',
      },
    ],
  }),
  ...(['/api/v3/get-wechat-access-token', '/api/v3/get-wechat-access-token-info'] as const).map((path) =>
    account({
      id: `v3.${path.slice('/api/v3/'.length)}`,
      path,
      summary: "the WeChat access token Authing's server caches for the mini program, given its appId and appSecret",
      body: closed({ appId: required(64), appSecret: required(128) }, ['appId', 'appSecret']),
      reply: { envelope: v3('GetWechatAccessTokenDataDto'), data: ['accessToken', 'expiresAt'] },
      sources: [
        ...(path === '/api/v3/get-wechat-access-token'
          ? [
              miniapp(
                'Authing.getAccessToken (before v5.1.21: removed in commit d491770d, 2024-03-20): POST /api/v3/get-wechat-access-token, Authorization: access_token, x-authing-userpool-id',
              ),
              nodeSdk('GetWechatAccessTokenRespDto'),
            ]
          : [
              miniapp(
                'Authing.getAccessTokenInfo (before v5.1.21: removed in commit d491770d; getApiUrlMapping still maps getAccessTokenInfo to this path): Authorization: access_token',
              ),
              nodeSdk('GetWechatAccessTokenInfoRespDto'),
            ]),
        nodeSdk('GetWechatAccessTokenDto'),
        nodeSdk('GetWechatAccessTokenDataDto', 'expiresAt: a timestamp in seconds, typed string'),
        nodeSdkClient(
          path === '/api/v3/get-wechat-access-token'
            ? 'getWechatMpAccessToken: POST /api/v3/get-wechat-access-token (deprecated for -info)'
            : 'getWechatMpAccessTokenInfo: POST /api/v3/get-wechat-access-token-info',
        ),
      ],
    }),
  ),
];
