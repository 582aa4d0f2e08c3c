import { randomBytes } from 'node:crypto';
import { RECORD_ENV, type RecordLine } from '../../emulator/src/validation/request-record';
import { useEmulator } from '../support/emulator';
import { getJson, postJson } from '../support/http-json';
import { checkRecord, readRecord } from './record-check';

const emulator = useEmulator();

const line = (over: Partial<RecordLine>): RecordLine => ({
  method: 'POST',
  path: '/connections/social/wechat-miniprogram/auth',
  entry: 'v2.miniprogram.auth',
  verdict: 'accepted',
  from: { requestFrom: 'wxapp', sdkVersion: 'wxapp:1.0.0' },
  probe: null,
  ...over,
});

describe('the recording check', () => {
  it('flags requests with no entry or refused by the contract, unless they say they probe on purpose', () => {
    const report = checkRecord([
      line({}),
      line({ verdict: 'refused-by-contract' }),
      line({ verdict: 'refused-by-contract', probe: 'bad-input' }),
      line({ entry: null, verdict: 'no-entry', path: '/api/v2/nothing' }),
      line({ entry: 'emulator.wechat.login', verdict: 'refused-by-contract', path: '/__emulator/wechat/login' }),
    ]);
    expect(report.violations.map((v) => [v.verdict, v.path])).toEqual([
      ['refused-by-contract', '/connections/social/wechat-miniprogram/auth'],
      ['no-entry', '/api/v2/nothing'],
    ]);
    expect(report.hits.get('v2.miniprogram.auth')).toBe(3);
    expect(report.neverHit).toContain('v3.get-profile');
    expect(report.neverHit).not.toContain('emulator.wechat.login');
  });

  it('records every request of this run: the entry (GraphQL by operation), the verdict, the sender and the probe', async () => {
    const file = process.env[RECORD_ENV];
    expect(file).toBeTruthy();
    const tag = `record-test-${randomBytes(4).toString('hex')}`;
    const { url, options } = emulator();
    const sender = { 'x-authing-request-from': 'record-test', 'x-authing-sdk-version': 'record-test:1', 'x-emulator-probe': tag };
    await postJson(
      `${url}/graphql/v2`,
      { query: 'query checkLoginStatus($token: String) { checkLoginStatus(token: $token) { status } }', variables: {} },
      sender,
    );
    await postJson(`${url}/connections/social/wechat-miniprogram/getphone`, { code: 'c', phoneCode: 'p' }, sender);
    await getJson(`${url}/api/v2/applications/${options.appId}/public-config?x=1`, sender);
    await getJson(`${url}/no/such/route`, sender);
    await postJson(`${url}/connections/social/wechat-miniprogram/auth`, '{"code":', sender);
    const mine = readRecord(file!).filter((l) => l.probe === tag);
    expect(mine).toEqual([
      {
        method: 'POST',
        path: '/graphql/v2',
        entry: 'graphql.checkLoginStatus',
        verdict: 'accepted',
        from: { requestFrom: 'record-test', sdkVersion: 'record-test:1' },
        probe: tag,
      },
      expect.objectContaining({
        path: '/connections/social/wechat-miniprogram/getphone',
        entry: 'v2.miniprogram.getphone',
        verdict: 'refused-by-contract',
      }),
      expect.objectContaining({
        path: `/api/v2/applications/${options.appId}/public-config`,
        entry: 'v2.public-config',
        verdict: 'refused-by-contract',
      }),
      expect.objectContaining({ path: '/no/such/route', entry: null, verdict: 'no-entry' }),
      expect.objectContaining({
        path: '/connections/social/wechat-miniprogram/auth',
        entry: 'v2.miniprogram.auth',
        verdict: 'refused-by-contract',
      }),
    ]);
  });
});
