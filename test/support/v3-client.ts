/**
 * Plays Authing's current mini-program SDK (packages/miniapp/src/Authing.ts) against an emulator over
 * real HTTP: the same paths, headers, bodies and content types, so the v3 suites read like its calls.
 */
import { startEmulator, type RunningEmulator } from '../../emulator/src';
import { getJson, postJson, type JsonResponse } from './http-json';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies of many shapes, each read field by field by the assertions
type Loose = any;

/** Deliberate bad input says so, so the recording check does not count it against the SDK. */
export const PROBE = { 'x-emulator-probe': 'v3-suite' };

export interface TokenSet {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  scope: string;
}

export function v3Client(emulator: RunningEmulator) {
  const url = (path: string) => `${emulator.url}${path}`;
  const appHeader = { 'x-authing-app-id': emulator.options.appId };
  const poolHeader = { 'x-authing-userpool-id': emulator.options.userPoolId };

  /** wx.request with content-type x-www-form-urlencoded: WeChat encodes the data object as a query string. */
  async function postForm<T = Loose>(
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse<T>> {
    const response = await fetch(url(path), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** The newest code the emulator "sent" to that recipient for that channel (GET /__emulator/messages). */
  async function lastCode(recipient: string, channel: string): Promise<string> {
    const { body } = await getJson<{ messages: Array<{ recipient: string; scene: string; code: string }> }>(url('/__emulator/messages'));
    const found = body.messages.filter((m) => m.recipient === recipient && m.scene === channel).pop();
    if (!found) throw new Error(`no ${channel} code for ${recipient}`);
    return found.code;
  }

  const client = {
    url,
    postForm,
    lastCode,
    post: (path: string, body: unknown, headers: Record<string, string> = {}) => postJson(url(path), body, headers),
    get: (path: string, headers: Record<string, string> = {}) => getJson(url(path), headers),
    /** Authing.login: header x-authing-app-id. */
    signin: (body: unknown, headers: Record<string, string> = {}) => postJson(url('/api/v3/signin'), body, { ...appHeader, ...headers }),
    sendSms: (phoneNumber: string, channel: string, headers: Record<string, string> = {}) =>
      postJson(url('/api/v3/send-sms'), { phoneNumber, channel, phoneCountryCode: '+86' }, { ...poolHeader, ...headers }),
    sendEmail: (email: string, channel: string, headers: Record<string, string> = {}) =>
      postJson(url('/api/v3/send-email'), { email, channel }, { ...poolHeader, ...headers }),
    /** The account calls: Authorization is the access token, raw, as Authing.ts sends it. */
    account: (path: string, accessToken: string, body: unknown, headers: Record<string, string> = {}) =>
      postJson(url(path), body, { Authorization: accessToken, ...poolHeader, ...headers }),
    /** Authing.getPhone / decryptData: no token, header x-authing-userpool-id. */
    pooled: (path: string, body: unknown, headers: Record<string, string> = {}) => postJson(url(path), body, { ...poolHeader, ...headers }),
    /** Authing.getUserInfo: GET with its GerUserInfo data, which wx.request turns into the query. */
    profile: (accessToken: string, query: Record<string, boolean> = {}) => {
      const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
      return getJson(url(`/api/v3/get-profile${search ? `?${search}` : ''}`), { Authorization: accessToken, ...poolHeader });
    },
    /** Authing.refreshToken: form {grant_type, redirect_uri: '', refresh_token}, header x-authing-app-id. */
    refresh: (refreshToken: string) =>
      postForm<Loose>('/oidc/token', { grant_type: 'refresh_token', redirect_uri: '', refresh_token: refreshToken }, appHeader),
    /** Authing.logout: form {client_id, token}. */
    revoke: (token: string) => postForm<Loose>('/oidc/token/revocation', { client_id: emulator.options.appId, token }),

    /** A phone user signed in by SMS code (signed up on first use), with a refresh token. */
    async phoneUser(phone: string, scope = 'openid profile phone offline_access'): Promise<TokenSet> {
      await client.sendSms(phone, 'CHANNEL_LOGIN');
      const { body } = await client.signin({
        connection: 'PASSCODE',
        passCodePayload: { passCode: await lastCode(phone, 'CHANNEL_LOGIN'), phone, phoneCountryCode: '+86' },
        options: { scope },
      });
      if (body.statusCode !== 200) throw new Error(`phone sign-in failed: ${JSON.stringify(body)}`);
      return body.data as TokenSet;
    },
  };
  return client;
}

/**
 * One fresh emulator per suite and the client on it; the getters are read inside tests, after
 * beforeAll has run. `nextPhone()` gives each test its own unused mainland number under `prefix`.
 */
export function v3Suite(prefix: string) {
  let emulator: RunningEmulator;
  let api: ReturnType<typeof v3Client>;
  let seq = 0;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    api = v3Client(emulator);
  });
  afterAll(() => emulator.close());
  return {
    get emulator() {
      return emulator;
    },
    get api() {
      return api;
    },
    nextPhone: () => `${prefix}${String(++seq).padStart(11 - prefix.length, '0')}`,
  };
}
