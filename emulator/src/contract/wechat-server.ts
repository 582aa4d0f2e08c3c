/** api.weixin.qq.com as the Authing side calls it; failures are `{errcode, errmsg}` with HTTP 200. */
import type { ContractEntry } from './types';
import { wechatDoc } from './sources';

const str = { type: 'string', maxLength: 256 } as const;

export const wechatServerEntries: ContractEntry[] = [
  {
    id: 'wechat.jscode2session',
    face: 'wechat',
    method: 'GET',
    path: '/sns/jscode2session',
    summary: 'code2Session: wx.login code → openid, session_key, unionid?',
    auth: 'none',
    contentType: null,
    query: {
      type: 'object',
      additionalProperties: false,
      required: ['appid', 'secret', 'js_code', 'grant_type'],
      properties: { appid: str, secret: str, js_code: str, grant_type: str },
    },
    reply: { envelope: 'WeChat {openid, session_key, unionid?} or {errcode, errmsg}', data: ['openid', 'session_key', 'unionid'] },
    sources: [wechatDoc('user-login/code2Session.html')],
  },
  {
    id: 'wechat.cgi-bin-token',
    face: 'wechat',
    method: 'GET',
    path: '/cgi-bin/token',
    summary: "getAccessToken: the mini program's server access token",
    auth: 'none',
    contentType: null,
    query: {
      type: 'object',
      additionalProperties: false,
      required: ['grant_type', 'appid', 'secret'],
      properties: { grant_type: str, appid: str, secret: str },
    },
    reply: { envelope: 'WeChat {access_token, expires_in} or {errcode, errmsg}', data: ['access_token', 'expires_in'] },
    sources: [wechatDoc('mp-access-token/getAccessToken.html')],
  },
  {
    id: 'wechat.getuserphonenumber',
    face: 'wechat',
    method: 'POST',
    path: '/wxa/business/getuserphonenumber',
    summary: "getPhoneNumber: the button's phone code → phone_info",
    auth: 'none',
    contentType: 'application/json',
    query: { type: 'object', additionalProperties: false, required: ['access_token'], properties: { access_token: str } },
    body: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', maxLength: 256 } } },
    reply: {
      envelope: 'WeChat {errcode: 0, errmsg, phone_info}',
      data: [
        'phone_info.phoneNumber',
        'phone_info.purePhoneNumber',
        'phone_info.countryCode',
        'phone_info.watermark.timestamp',
        'phone_info.watermark.appid',
      ],
    },
    sources: [wechatDoc('user-info/phone-number/getPhoneNumber.html')],
  },
];
