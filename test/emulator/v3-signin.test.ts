import { sm2 } from 'sm-crypto';
import forge from 'node-forge';
import { PROBE, v3Suite } from '../support/v3-client';
import { entryForRoute } from '../../emulator/src/contract';

/** /api/v3/signin (PASSWORD, PASSCODE), send-sms / send-email and /api/v3/system, as Authing.ts calls them. */
const suite = v3Suite('1390000');

/** What a mini program's encryptFunction does with `res.rsa.publicKey`: RSA PKCS#1 v1.5, base64 (jsencrypt). */
function rsaEncrypt(plain: string, publicKeyPem: string): string {
  return forge.util.encode64(forge.pki.publicKeyFromPem(publicKeyPem).encrypt(forge.util.encodeUtf8(plain), 'RSAES-PKCS1-V1_5'));
}

async function registerWithPassword(email: string, password: string) {
  const { body } = await suite.api.signin({
    connection: 'PASSWORD',
    passwordPayload: { email, password },
    options: { autoRegister: true, passwordEncryptType: 'none' },
  });
  expect(body).toMatchObject({ statusCode: 200, data: { access_token: expect.any(String) } });
  return body.data;
}

describe('GET /api/v3/system', () => {
  it('answers the RSA and SM2 public keys unwrapped, as SystemInfoResp and res[encryptType].publicKey read them', async () => {
    const { status, body } = await suite.api.get('/api/v3/system');
    expect(status).toBe(200);
    expect(body.rsa.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(body.sm2.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(body).not.toHaveProperty('statusCode');
  });
});

describe('PASSWORD', () => {
  it('signs in by email, username-or-email account, with a plaintext or an RSA- or SM2-encrypted password', async () => {
    const user = await registerWithPassword('alice@example.com', 'correct horse');
    const { body: system } = await suite.api.get('/api/v3/system');

    const plain = await suite.api.signin({
      connection: 'PASSWORD',
      passwordPayload: { account: 'alice@example.com', password: 'correct horse' },
    });
    expect(plain.body).toMatchObject({ statusCode: 200, data: { token_type: 'Bearer', scope: 'openid profile' } });

    const rsa = await suite.api.signin({
      connection: 'PASSWORD',
      passwordPayload: { email: 'ALICE@example.com', password: rsaEncrypt('correct horse', system.rsa.publicKey) },
      options: { passwordEncryptType: 'rsa' },
    });
    expect(rsa.body.statusCode).toBe(200);

    const sm2Cipher = sm2.doEncrypt('correct horse', system.sm2.publicKey, 1);
    const sm = await suite.api.signin({
      connection: 'PASSWORD',
      passwordPayload: { email: 'alice@example.com', password: sm2Cipher },
      options: { passwordEncryptType: 'sm2' },
    });
    expect(sm.body.statusCode).toBe(200);

    // The tokens open the same account.
    const profile = await suite.api.profile(sm.body.data.access_token);
    const first = await suite.api.profile(user.access_token);
    expect(profile.body.data.userId).toBe(first.body.data.userId);
    expect(profile.body.data.email).toBe('alice@example.com');
  });

  it('answers one error for a wrong password and an unknown account, and refuses a password that does not decrypt', async () => {
    await registerWithPassword('bob@example.com', 'bob-secret');
    const wrong = await suite.api.signin({ connection: 'PASSWORD', passwordPayload: { email: 'bob@example.com', password: 'nope-nope' } });
    const unknown = await suite.api.signin({
      connection: 'PASSWORD',
      passwordPayload: { email: 'nobody@example.com', password: 'nope-nope' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ statusCode: 400, apiCode: 2333, requestId: expect.any(String) });
    expect(unknown.body.apiCode).toBe(2333);
    expect(unknown.body.message).toBe(wrong.body.message);

    const garbled = await suite.api.signin({
      connection: 'PASSWORD',
      passwordPayload: { email: 'bob@example.com', password: 'bob-secret' },
      options: { passwordEncryptType: 'rsa' },
    });
    expect(garbled.body).toMatchObject({ statusCode: 400, apiCode: 2016 });
  });

  it('refuses what SigninByCredentialsDto does not have, and a payload without an account', async () => {
    const ldap = await suite.api.signin({ connection: 'LDAP', ldapPayload: {} }, PROBE);
    expect(ldap.status).toBe(400);
    expect(ldap.body.statusCode).toBe(400);
    const extra = await suite.api.signin({ connection: 'PASSWORD', passwordPayload: { email: 'a@b.cn', password: 'x', otp: '1' } }, PROBE);
    expect(extra.body.message).toContain('otp');
    const noAccount = await suite.api.signin({ connection: 'PASSWORD', passwordPayload: { password: 'whatever' } });
    expect(noAccount.body.statusCode).toBe(400);
    const noAppId = await suite.api.post(
      '/api/v3/signin',
      { connection: 'PASSCODE', passCodePayload: { passCode: '1234', phone: '13800000000' } },
      PROBE,
    );
    expect(noAppId.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('x-authing-app-id') });
  });
});

describe('PASSCODE and the codes', () => {
  it('signs up a new phone by a CHANNEL_LOGIN code, finds it next time, and spends each code once', async () => {
    const phone = '13900001111';
    await suite.api.sendSms(phone, 'CHANNEL_LOGIN');
    const code = await suite.api.lastCode(phone, 'CHANNEL_LOGIN');
    const first = await suite.api.signin({ connection: 'PASSCODE', passCodePayload: { passCode: code, phone, phoneCountryCode: '+86' } });
    expect(first.body.statusCode).toBe(200);
    const again = await suite.api.signin({ connection: 'PASSCODE', passCodePayload: { passCode: code, phone, phoneCountryCode: '+86' } });
    expect(again.body).toMatchObject({ statusCode: 400, apiCode: 2001 });

    await suite.api.sendSms(phone, 'CHANNEL_LOGIN');
    const second = await suite.api.signin({
      connection: 'PASSCODE',
      passCodePayload: { passCode: await suite.api.lastCode(phone, 'CHANNEL_LOGIN'), phone },
    });
    const [a, b] = await Promise.all([suite.api.profile(first.body.data.access_token), suite.api.profile(second.body.data.access_token)]);
    expect(a.body.data).toMatchObject({ phone, phoneVerified: true });
    expect(b.body.data.userId).toBe(a.body.data.userId);
  });

  it('takes a code only for the channel it was sent for', async () => {
    const phone = '13900002222';
    await suite.api.sendSms(phone, 'CHANNEL_BIND_PHONE');
    const code = await suite.api.lastCode(phone, 'CHANNEL_BIND_PHONE');
    const refused = await suite.api.signin({ connection: 'PASSCODE', passCodePayload: { passCode: code, phone } });
    expect(refused.body).toMatchObject({ statusCode: 400, apiCode: 2001 });
  });

  it('signs in by an email code', async () => {
    await suite.api.sendEmail('carol@example.com', 'CHANNEL_LOGIN');
    const code = await suite.api.lastCode('carol@example.com', 'CHANNEL_LOGIN');
    const { body } = await suite.api.signin({ connection: 'PASSCODE', passCodePayload: { passCode: code, email: 'carol@example.com' } });
    expect(body.statusCode).toBe(200);
    expect((await suite.api.profile(body.data.access_token)).body.data).toMatchObject({ email: 'carol@example.com', emailVerified: true });
  });

  it('refuses channels the DTOs do not list, and malformed numbers and addresses', async () => {
    expect((await suite.api.sendSms('13900003333', 'CHANNEL_UPDATE_PHONE', PROBE)).body.statusCode).toBe(400);
    expect((await suite.api.sendSms('not-a-phone', 'CHANNEL_LOGIN', PROBE)).body.statusCode).toBe(400);
    expect((await suite.api.sendEmail('carol@example.com', 'CHANNEL_BIND_PHONE', PROBE)).body.statusCode).toBe(400);
    expect((await suite.api.sendEmail('no-at-sign', 'CHANNEL_LOGIN', PROBE)).body.statusCode).toBe(400);
    const ok = await suite.api.sendSms('13900003333', 'CHANNEL_DELETE_ACCOUNT');
    expect(ok.body).toEqual({ statusCode: 200, message: expect.any(String) });
  });
});

describe('every channel, SMS and email', () => {
  /** The channels the contract takes (SmsChannel, EmailChannel of the mini-program SDK's types.ts). */
  function channelsOf(path: string): readonly string[] {
    const body = entryForRoute('POST', path)?.body;
    const channel = body?.properties.channel;
    if (!channel || !('enum' in channel) || !channel.enum) throw new Error(`no channel enum for ${path}`);
    return channel.enum;
  }

  it('sends a code on each, and the control API shows it under its channel for that recipient', async () => {
    const smsChannels = channelsOf('/api/v3/send-sms');
    const emailChannels = channelsOf('/api/v3/send-email');
    expect(smsChannels.length).toBe(11);
    expect(emailChannels.length).toBe(11);
    for (const channel of smsChannels) {
      expect((await suite.api.sendSms('13900004444', channel)).body.statusCode).toBe(200);
      expect(await suite.api.lastCode('13900004444', channel)).toMatch(/^\d{4,6}$/);
    }
    for (const channel of emailChannels) {
      expect((await suite.api.sendEmail('dora@example.com', channel)).body.statusCode).toBe(200);
      expect(await suite.api.lastCode('dora@example.com', channel)).toMatch(/^\d{4,6}$/);
    }
    const { body } = await suite.api.get('/__emulator/messages');
    const seen = (kind: string) =>
      new Set(body.messages.filter((m: { channel: string }) => m.channel === kind).map((m: { scene: string }) => m.scene));
    expect([...seen('sms')].sort()).toEqual(expect.arrayContaining([...smsChannels].sort()));
    expect([...seen('email')].sort()).toEqual(expect.arrayContaining([...emailChannels].sort()));
  });
});
