/**
 * The emulator's own routes: no Authing or WeChat server has them, so they carry no Authing
 * source and are left out of the Authing check (their own route schemas validate them).
 */
import type { ContractEntry } from './types';
import { emulatorOnly } from './sources';

const control = (method: 'GET' | 'POST', path: string, summary: string): ContractEntry => ({
  id: `emulator.${path.replace('/__emulator/', '').replace(/\//g, '.')}`,
  face: 'emulator',
  method,
  path,
  summary,
  contentType: method === 'POST' ? 'application/json' : null,
  reply: { envelope: 'plain JSON; failures {code, message}', data: [] },
  sources: [emulatorOnly('control API of the emulator: the wx simulator and tests play the phone through it')],
});

export const emulatorEntries: ContractEntry[] = [
  control('GET', '/__emulator/info', 'what the emulator is configured with'),
  control('POST', '/__emulator/wechat/login', 'mint a wx.login code'),
  control('POST', '/__emulator/wechat/phone', 'the getPhoneNumber button event detail'),
  control('POST', '/__emulator/wechat/userinfo', 'the getUserInfo button event detail'),
  control('GET', '/__emulator/wechat/session', 'is the WeChat session valid (wx.checkSession)'),
  control('POST', '/__emulator/wechat/expire-session', 'expire the WeChat session'),
  control('GET', '/__emulator/messages', 'the SMS and emails sent'),
  control('GET', '/__emulator/users', 'every user'),
  control('POST', '/__emulator/clock', 'advance the clock'),
  control('POST', '/__emulator/reset', 'empty the database'),
  {
    id: 'emulator.files',
    face: 'emulator',
    method: 'GET',
    path: '/files/:folder/:name',
    summary: 'uploaded files, as the CDN behind data.url serves them',
    contentType: null,
    reply: { envelope: 'the file bytes', data: [] },
    sources: [emulatorOnly('stands in for the CDN that Authing upload URLs point to')],
  },
];
