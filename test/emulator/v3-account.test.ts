import { PROBE, v3Suite, type TokenSet } from '../support/v3-client';

/** The signed-in user's own account on v3, as Authing.ts's account methods call it (raw access token). */
const suite = v3Suite('1360000');

const nextPhone = suite.nextPhone;
const me = async (login: TokenSet) => (await suite.api.profile(login.access_token)).body.data;

describe('update-profile', () => {
  it('changes the profile and answers the updated UserDto; Bearer works as well as the raw token', async () => {
    const login = await suite.api.phoneUser(nextPhone());
    const { body } = await suite.api.account('/api/v3/update-profile', login.access_token, {
      nickname: 'Bob',
      gender: 'M',
      city: 'Hangzhou',
    });
    expect(body).toMatchObject({ statusCode: 200, data: { nickname: 'Bob', gender: 'M', city: 'Hangzhou', userId: expect.any(String) } });
    const bearer = await suite.api.account('/api/v3/update-profile', `Bearer ${login.access_token}`, { company: 'Acme' });
    expect(bearer.body.data).toMatchObject({ nickname: 'Bob', company: 'Acme' });
    expect(await me(login)).toMatchObject({ nickname: 'Bob', company: 'Acme' });
  });

  it('refuses fields UpdateUserProfileDto lacks or the emulator does not keep, a taken username, and no token', async () => {
    const a = await suite.api.phoneUser(nextPhone());
    const b = await suite.api.phoneUser(nextPhone());
    expect((await suite.api.account('/api/v3/update-profile', a.access_token, { email: 'x@y.cn' }, PROBE)).body.statusCode).toBe(400);
    expect((await suite.api.account('/api/v3/update-profile', a.access_token, { identityNumber: '1' }, PROBE)).body.statusCode).toBe(400);
    expect((await suite.api.account('/api/v3/update-profile', a.access_token, { customData: [1] })).body.statusCode).toBe(400);
    expect((await suite.api.account('/api/v3/update-profile', a.access_token, { gender: 'X' }, PROBE)).body.statusCode).toBe(400);
    await suite.api.account('/api/v3/update-profile', a.access_token, { username: 'taken-name' });
    const clash = await suite.api.account('/api/v3/update-profile', b.access_token, { username: 'taken-name' });
    expect(clash.body).toMatchObject({ statusCode: 400, apiCode: 2026 });
    const anonymous = await suite.api.post('/api/v3/update-profile', { nickname: 'x' }, PROBE);
    expect(anonymous).toMatchObject({ status: 401, body: { statusCode: 401, apiCode: 2020 } });
  });
});

describe('custom data and get-profile options', () => {
  it('takes the headers authing-wxapp-sdk adds to every request (request-from, sdk-version, lang)', async () => {
    const login = await suite.api.phoneUser(nextPhone());
    const ours = { 'x-authing-request-from': 'authing-wxapp-sdk', 'x-authing-sdk-version': '5.0.0', 'x-authing-lang': 'zh-CN' };
    const { body } = await suite.api.account('/api/v3/update-profile', login.access_token, { nickname: 'Headers' }, ours);
    expect(body).toMatchObject({ statusCode: 200, data: { nickname: 'Headers' } });
    expect((await suite.api.sendSms(nextPhone(), 'CHANNEL_LOGIN', ours)).body.statusCode).toBe(200);
  });

  it('keeps customData from update-profile (UpdateUserInfo.customData) and answers it with withCustomData=true', async () => {
    const login = await suite.api.phoneUser(nextPhone());
    const customData = { school: 'pku', age: 20, vip: true, tags: ['a', 'b'] };
    const { body } = await suite.api.account('/api/v3/update-profile', login.access_token, { nickname: 'Cus', customData });
    expect(body).toMatchObject({ statusCode: 200, data: { nickname: 'Cus' } });
    // Authing.getUserInfo's default: all three false, sent in the query.
    const plain = (await suite.api.profile(login.access_token, { withCustomData: false, withDepartmentIds: false, withIdentities: false }))
      .body.data;
    expect(plain).not.toHaveProperty('customData');
    expect(plain).not.toHaveProperty('identities');
    const full = (await suite.api.profile(login.access_token, { withCustomData: true, withDepartmentIds: true, withIdentities: true })).body
      .data;
    expect(full).toMatchObject({ customData, departmentIds: [], identities: [] });
  });

  it('keeps customData a v3 sign-in sends in its options', async () => {
    const phone = nextPhone();
    await suite.api.sendSms(phone, 'CHANNEL_LOGIN');
    const { body } = await suite.api.signin({
      connection: 'PASSCODE',
      passCodePayload: { passCode: await suite.api.lastCode(phone, 'CHANNEL_LOGIN'), phone, phoneCountryCode: '+86' },
      options: { customData: { source: 'utm' } },
    });
    expect((await suite.api.profile(body.data.access_token, { withCustomData: true })).body.data.customData).toEqual({ source: 'utm' });
  });

  it('refuses a query value wx.request would not make of a boolean', async () => {
    const login = await suite.api.phoneUser(nextPhone());
    const bad = await suite.api.get('/api/v3/get-profile?withIdentities=yes', { Authorization: login.access_token, ...PROBE });
    expect(bad.body).toMatchObject({ statusCode: 400, apiCode: 400 });
  });
});

describe('update-password', () => {
  it('sets a first password with an empty oldPassword, then needs the right oldPassword; the new one signs in', async () => {
    const phone = nextPhone();
    const login = await suite.api.phoneUser(phone);
    // UpdatePasswordOptions makes oldPassword a string: without a password yet, it is ''.
    const set = await suite.api.account('/api/v3/update-password', login.access_token, {
      newPassword: 'first-pass',
      oldPassword: '',
      passwordEncryptType: 'none',
    });
    expect(set.body).toEqual({ statusCode: 200, message: expect.any(String) });
    const noOld = await suite.api.account('/api/v3/update-password', login.access_token, { newPassword: 'second-pass' });
    expect(noOld.body.statusCode).toBe(400);
    const wrongOld = await suite.api.account('/api/v3/update-password', login.access_token, {
      newPassword: 'second-pass',
      oldPassword: 'nope',
    });
    expect(wrongOld.body).toMatchObject({ statusCode: 400, apiCode: 2006 });
    const weak = await suite.api.account('/api/v3/update-password', login.access_token, { newPassword: '123', oldPassword: 'first-pass' });
    expect(weak.body.apiCode).toBe(2029);
    const changed = await suite.api.account('/api/v3/update-password', login.access_token, {
      newPassword: 'second-pass',
      oldPassword: 'first-pass',
    });
    expect(changed.body.statusCode).toBe(200);
    const signin = await suite.api.signin({ connection: 'PASSWORD', passwordPayload: { phone, password: 'second-pass' } });
    expect(signin.body.statusCode).toBe(200);
  });
});

describe('bind-email and bind-phone', () => {
  it('binds an email by a CHANNEL_BIND_EMAIL code, once, and not one that is taken', async () => {
    const login = await suite.api.phoneUser(nextPhone());
    await suite.api.sendEmail('dave@example.com', 'CHANNEL_LOGIN');
    const wrongChannel = await suite.api.lastCode('dave@example.com', 'CHANNEL_LOGIN');
    expect(
      (await suite.api.account('/api/v3/bind-email', login.access_token, { email: 'dave@example.com', passCode: wrongChannel })).body
        .apiCode,
    ).toBe(2001);

    await suite.api.sendEmail('dave@example.com', 'CHANNEL_BIND_EMAIL');
    const passCode = await suite.api.lastCode('dave@example.com', 'CHANNEL_BIND_EMAIL');
    const bound = await suite.api.account('/api/v3/bind-email', login.access_token, { email: 'Dave@example.com', passCode });
    expect(bound.body).toEqual({ statusCode: 200, message: expect.any(String) });
    expect(await me(login)).toMatchObject({ email: 'dave@example.com', emailVerified: true });

    const again = await suite.api.account('/api/v3/bind-email', login.access_token, { email: 'other@example.com', passCode: '000000' });
    expect(again.body.statusCode).toBe(400);
    const other = await suite.api.phoneUser(nextPhone());
    const taken = await suite.api.account('/api/v3/bind-email', other.access_token, { email: 'dave@example.com', passCode: '000000' });
    expect(taken.body.apiCode).toBe(2026);
  });

  it('binds a phone to an account without one by a CHANNEL_BIND_PHONE code', async () => {
    await suite.api.sendEmail('erin@example.com', 'CHANNEL_LOGIN');
    const login = (
      await suite.api.signin({
        connection: 'PASSCODE',
        passCodePayload: { email: 'erin@example.com', passCode: await suite.api.lastCode('erin@example.com', 'CHANNEL_LOGIN') },
      })
    ).body.data as TokenSet;
    const phone = nextPhone();
    await suite.api.sendSms(phone, 'CHANNEL_BIND_PHONE');
    const bad = await suite.api.account('/api/v3/bind-phone', login.access_token, { phoneNumber: phone, passCode: '0000' });
    expect(bad.body.apiCode).toBe(2001);
    const passCode = await suite.api.lastCode(phone, 'CHANNEL_BIND_PHONE');
    const bound = await suite.api.account('/api/v3/bind-phone', login.access_token, {
      phoneNumber: phone,
      passCode,
      phoneCountryCode: '+86',
    });
    expect(bound.body.statusCode).toBe(200);
    expect(await me(login)).toMatchObject({ phone, phoneVerified: true, phoneCountryCode: '+86' });
  });
});

describe('two-step changes', () => {
  /** A new user proves a new email with a CHANNEL_UPDATE_EMAIL code (Authing.updateEmailRequest). */
  async function requestEmailChange(email: string) {
    const login = await suite.api.phoneUser(nextPhone());
    await suite.api.sendEmail(email, 'CHANNEL_UPDATE_EMAIL');
    const request = await suite.api.account('/api/v3/verify-update-email-request', login.access_token, {
      verifyMethod: 'EMAIL_PASSCODE',
      emailPassCodePayload: { newEmail: email, newEmailPassCode: await suite.api.lastCode(email, 'CHANNEL_UPDATE_EMAIL') },
    });
    return { login, request };
  }

  it('changes the email with the one-time token verify-update-email-request answers', async () => {
    const { login, request } = await requestEmailChange('frank@example.com');
    expect(request.body).toMatchObject({ statusCode: 200, data: { updateEmailToken: expect.any(String), tokenExpiresIn: 60 } });
    const { updateEmailToken } = request.body.data;

    // Another user cannot spend it.
    const other = await suite.api.phoneUser(nextPhone());
    expect((await suite.api.account('/api/v3/update-email', other.access_token, { updateEmailToken })).body.statusCode).toBe(400);

    expect((await suite.api.account('/api/v3/update-email', login.access_token, { updateEmailToken })).body.statusCode).toBe(200);
    expect((await me(login)).email).toBe('frank@example.com');
    expect((await suite.api.account('/api/v3/update-email', login.access_token, { updateEmailToken })).body.statusCode).toBe(400);
  });

  it('lets the token die after 60 seconds', async () => {
    const { login, request } = await requestEmailChange('gina@example.com');
    await suite.api.post('/__emulator/clock', { advanceMs: 61_000 });
    const late = await suite.api.account('/api/v3/update-email', login.access_token, {
      updateEmailToken: request.body.data.updateEmailToken,
    });
    expect(late.body.statusCode).toBe(400);
    expect((await me(login)).email).toBeUndefined();
  });

  it('changes the phone: the new number proves itself, and the old one too when sent', async () => {
    const oldPhone = nextPhone();
    const login = await suite.api.phoneUser(oldPhone);
    const newPhone = nextPhone();
    await suite.api.sendSms(newPhone, 'CHANNEL_BIND_PHONE');
    await suite.api.sendSms(oldPhone, 'CHANNEL_UNBIND_PHONE');
    const request = await suite.api.account('/api/v3/verify-update-phone-request', login.access_token, {
      verifyMethod: 'PHONE_PASSCODE',
      phonePassCodePayload: {
        newPhoneNumber: newPhone,
        newPhonePassCode: await suite.api.lastCode(newPhone, 'CHANNEL_BIND_PHONE'),
        newPhoneCountryCode: '+86',
        oldPhoneNumber: oldPhone,
        oldPhonePassCode: await suite.api.lastCode(oldPhone, 'CHANNEL_UNBIND_PHONE'),
      },
    });
    expect(request.body).toMatchObject({ statusCode: 200, data: { updatePhoneToken: expect.any(String), tokenExpiresIn: 60 } });
    const done = await suite.api.account('/api/v3/update-phone', login.access_token, {
      updatePhoneToken: request.body.data.updatePhoneToken,
    });
    expect(done.body.statusCode).toBe(200);
    expect((await me(login)).phone).toBe(newPhone);
  });

  it('refuses a wrong verifyMethod and a wrong old phone', async () => {
    const login = await suite.api.phoneUser(nextPhone());
    const method = await suite.api.account(
      '/api/v3/verify-update-phone-request',
      login.access_token,
      { verifyMethod: 'EMAIL_PASSCODE', phonePassCodePayload: { newPhoneNumber: '13511112222', newPhonePassCode: '1234' } },
      PROBE,
    );
    expect(method.body.statusCode).toBe(400);
    const oldWrong = await suite.api.account('/api/v3/verify-update-phone-request', login.access_token, {
      verifyMethod: 'PHONE_PASSCODE',
      phonePassCodePayload: {
        newPhoneNumber: '13511112222',
        newPhonePassCode: '1234',
        oldPhoneNumber: '13599999999',
        oldPhonePassCode: '1234',
      },
    });
    expect(oldWrong.body.statusCode).toBe(400);
  });
});

describe('deletion', () => {
  it('deletes for real: the user, its sessions and refresh tokens; the phone signs up as a new user afterwards', async () => {
    const phone = nextPhone();
    const login = await suite.api.phoneUser(phone);
    const second = await suite.api.phoneUser(phone);
    const userId = (await me(login)).userId;

    await suite.api.sendSms(phone, 'CHANNEL_LOGIN');
    const wrongChannel = await suite.api.account('/api/v3/verify-delete-account-request', login.access_token, {
      verifyMethod: 'PHONE_PASSCODE',
      phonePassCodePayload: { phoneNumber: phone, passCode: await suite.api.lastCode(phone, 'CHANNEL_LOGIN') },
    });
    expect(wrongChannel.body.apiCode).toBe(2001);

    await suite.api.sendSms(phone, 'CHANNEL_DELETE_ACCOUNT');
    const request = await suite.api.account('/api/v3/verify-delete-account-request', login.access_token, {
      verifyMethod: 'PHONE_PASSCODE',
      phonePassCodePayload: {
        phoneNumber: phone,
        passCode: await suite.api.lastCode(phone, 'CHANNEL_DELETE_ACCOUNT'),
        phoneCountryCode: '+86',
      },
    });
    expect(request.body).toMatchObject({ statusCode: 200, data: { deleteAccountToken: expect.any(String), tokenExpiresIn: 60 } });
    const deleted = await suite.api.account('/api/v3/delete-account', login.access_token, {
      deleteAccountToken: request.body.data.deleteAccountToken,
    });
    expect(deleted.body).toEqual({ statusCode: 200, message: expect.any(String) });

    for (const token of [login.access_token, login.id_token, second.access_token])
      expect((await suite.api.profile(token)).status).toBe(401);
    expect((await suite.api.refresh(second.refresh_token!)).body.error).toBe('invalid_grant');
    const { body: users } = await suite.api.get('/__emulator/users');
    expect(users.users.map((u: { id: string }) => u.id)).not.toContain(userId);

    const again = await suite.api.phoneUser(phone);
    expect((await me(again)).userId).not.toBe(userId);
  });

  it('deletes an email account proven by a CHANNEL_DELETE_ACCOUNT email code: its password no longer signs in, the email signs up anew', async () => {
    const email = 'leaving@example.com';
    await suite.api.sendEmail(email, 'CHANNEL_LOGIN');
    const login = (
      await suite.api.signin({
        connection: 'PASSCODE',
        passCodePayload: { email, passCode: await suite.api.lastCode(email, 'CHANNEL_LOGIN') },
      })
    ).body.data as TokenSet;
    await suite.api.account('/api/v3/update-password', login.access_token, { newPassword: 'goodbye-pass' });
    const userId = (await me(login)).userId;

    await suite.api.sendEmail(email, 'CHANNEL_DELETE_ACCOUNT');
    const request = await suite.api.account('/api/v3/verify-delete-account-request', login.access_token, {
      verifyMethod: 'EMAIL_PASSCODE',
      emailPassCodePayload: { email, passCode: await suite.api.lastCode(email, 'CHANNEL_DELETE_ACCOUNT') },
    });
    const deleted = await suite.api.account('/api/v3/delete-account', login.access_token, {
      deleteAccountToken: request.body.data.deleteAccountToken,
    });
    expect(deleted.body.statusCode).toBe(200);

    expect((await suite.api.profile(login.access_token)).body).toMatchObject({ statusCode: 401, apiCode: 2020 });
    const password = await suite.api.signin({ connection: 'PASSWORD', passwordPayload: { email, password: 'goodbye-pass' } });
    expect(password.body).toMatchObject({ statusCode: 400, apiCode: 2333 });
    await suite.api.sendEmail(email, 'CHANNEL_LOGIN');
    const anew = await suite.api.signin({
      connection: 'PASSCODE',
      passCodePayload: { email, passCode: await suite.api.lastCode(email, 'CHANNEL_LOGIN') },
    });
    expect((await me(anew.body.data)).userId).not.toBe(userId);
  });

  it("verifies by password for a user with one, and refuses another account's phone", async () => {
    const phone = nextPhone();
    const login = await suite.api.phoneUser(phone);
    await suite.api.account('/api/v3/update-password', login.access_token, { newPassword: 'delete-me-please' });
    const wrong = await suite.api.account('/api/v3/verify-delete-account-request', login.access_token, {
      verifyMethod: 'PASSWORD',
      passwordPayload: { password: 'not-it', passwordEncryptType: 'none' },
    });
    expect(wrong.body.apiCode).toBe(2006);
    const notMine = await suite.api.account('/api/v3/verify-delete-account-request', login.access_token, {
      verifyMethod: 'PHONE_PASSCODE',
      phonePassCodePayload: { phoneNumber: '13100000000', passCode: '1234' },
    });
    expect(notMine.body.statusCode).toBe(400);
    const right = await suite.api.account('/api/v3/verify-delete-account-request', login.access_token, {
      verifyMethod: 'PASSWORD',
      passwordPayload: { password: 'delete-me-please' },
    });
    expect(right.body.data.deleteAccountToken).toEqual(expect.any(String));
    // The token is for delete-account only.
    const misuse = await suite.api.account('/api/v3/update-phone', login.access_token, {
      updatePhoneToken: right.body.data.deleteAccountToken,
    });
    expect(misuse.body.statusCode).toBe(400);
    expect((await suite.api.profile(login.access_token)).status).toBe(200);
  });
});
