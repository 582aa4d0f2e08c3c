/** Costs that grow with the number of users stay bounded: indexed lookups, a pruned rate limiter. */
import { buildServer, resolveOptions } from '../../emulator/src';
import type { EmulatorContext } from '../../emulator/src/context';

let ctx: EmulatorContext;
let close: () => Promise<void>;

beforeAll(async () => {
  const built = await buildServer(resolveOptions({ db: ':memory:' }), () => 'http://127.0.0.1:0');
  ctx = built.ctx;
  close = () => built.app.close();
});
afterAll(() => close());

describe('hot queries use an index', () => {
  const plan = (sql: string) => {
    const statement = ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'x');
    return (statement.all(...params) as Array<{ detail: string }>).map((row) => row.detail).join('; ');
  };

  it.each([
    ['a user’s identities (getCurrentUser)', 'SELECT provider, openid FROM identities WHERE user_id = ? ORDER BY created_at', 'identities'],
    ['whether a user has an identity', 'SELECT 1 FROM identities WHERE user_id = ? LIMIT 1', 'identities'],
    ['logout everywhere', 'UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL', 'sessions'],
    [
      'the newest code sent to a recipient',
      `SELECT id, code FROM messages WHERE channel = ? AND recipient = ? AND used_at IS NULL AND created_at > ? ORDER BY id DESC LIMIT 1`,
      'messages',
    ],
    ['an uploaded file', 'SELECT file_name, mime FROM files WHERE folder = ? AND file_name = ?', 'files'],
  ])('%s', (_what, sql, table) => {
    const detail = plan(sql);
    expect(detail).toMatch(new RegExp(`SEARCH ${table} USING (COVERING )?INDEX`));
    expect(detail).not.toMatch(new RegExp(`SCAN ${table}\\b`));
  });
});

describe('the jscode2session rate limiter forgets idle users', () => {
  it('tracks only users seen in the last minute', () => {
    const appid = ctx.options.wechatAppId;
    for (let i = 0; i < 300; i++) {
      const { code } = ctx.wechat.mintLoginCode(appid);
      ctx.wechat.code2Session(appid, code);
    }
    expect(ctx.wechat.rateTrackedUsers()).toBe(300);
    ctx.advanceClock(61_000);
    const { code } = ctx.wechat.mintLoginCode(appid);
    ctx.wechat.code2Session(appid, code);
    expect(ctx.wechat.rateTrackedUsers()).toBe(1);
  });
});
