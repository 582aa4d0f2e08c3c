import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context';
import { ControlError } from '../errors';
import { DATA_TABLES } from '../store/database';
import { userView } from '../authing/user-view';

const appid = { type: 'string', pattern: '^wx[0-9a-f]{16}$' } as const;
const openid = { type: 'string', minLength: 1, maxLength: 64 } as const;

/** `/__emulator/*`: what the wx simulator and tests use to play the phone's part and to look inside. */
export function registerControlRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get('/__emulator/info', async () => ({
    url: ctx.baseUrl(),
    appId: ctx.options.appId,
    userPoolId: ctx.options.userPoolId,
    wechatAppId: ctx.options.wechatAppId,
    wechatConnectionIdentifier: ctx.options.wechatConnectionIdentifier,
    rotateSessionKey: ctx.options.rotateSessionKey,
    now: ctx.now(),
  }));

  app.post<{ Body: { appid: string; openid?: string; sessionKey?: string } }>(
    '/__emulator/wechat/login',
    {
      schema: {
        body: {
          type: 'object',
          required: ['appid'],
          additionalProperties: false,
          properties: { appid, openid, sessionKey: { type: 'string', pattern: '^[A-Za-z0-9+/]{22}==$' } },
        },
      },
    },
    async (req) => ctx.wechat.mintLoginCode(req.body.appid, req.body.openid, req.body.sessionKey),
  );

  app.post<{ Body: { appid: string; openid: string; phoneNumber?: string; watermarkAppId?: string } }>(
    '/__emulator/wechat/phone',
    {
      schema: {
        body: {
          type: 'object',
          required: ['appid', 'openid'],
          additionalProperties: false,
          properties: { appid, openid, phoneNumber: { type: 'string', pattern: '^[0-9]{5,15}$' }, watermarkAppId: appid },
        },
      },
    },
    async (req) => {
      if (!ctx.wechat.findUser(req.body.appid, req.body.openid))
        throw new ControlError(404, `unknown WeChat user ${req.body.openid}: call wx.login first`);
      return ctx.wechat.phoneEventDetail(req.body.appid, req.body.openid, req.body.phoneNumber, req.body.watermarkAppId);
    },
  );

  app.post<{ Body: { appid: string; openid: string } }>(
    '/__emulator/wechat/userinfo',
    { schema: { body: { type: 'object', required: ['appid', 'openid'], additionalProperties: false, properties: { appid, openid } } } },
    async (req) => {
      if (!ctx.wechat.findUser(req.body.appid, req.body.openid))
        throw new ControlError(404, `unknown WeChat user ${req.body.openid}: call wx.login first`);
      return ctx.wechat.userInfoEventDetail(req.body.appid, req.body.openid);
    },
  );

  app.get<{ Querystring: { appid: string; openid: string } }>(
    '/__emulator/wechat/session',
    { schema: { querystring: { type: 'object', required: ['appid', 'openid'], properties: { appid, openid } } } },
    async (req) => ({ valid: ctx.wechat.sessionValid(req.query.appid, req.query.openid) }),
  );

  app.post<{ Body: { appid: string; openid: string } }>(
    '/__emulator/wechat/expire-session',
    { schema: { body: { type: 'object', required: ['appid', 'openid'], additionalProperties: false, properties: { appid, openid } } } },
    async (req) => {
      if (!ctx.wechat.findUser(req.body.appid, req.body.openid)) throw new ControlError(404, `unknown WeChat user ${req.body.openid}`);
      ctx.wechat.expireSession(req.body.appid, req.body.openid);
      return { valid: false };
    },
  );

  app.get('/__emulator/messages', async () => ({ messages: ctx.messages.list() }));

  app.get('/__emulator/users', async () => {
    const ids = ctx.db.prepare('SELECT id FROM users ORDER BY created_at, id').all() as Array<{ id: string }>;
    return { users: ids.map(({ id }) => userView(ctx.users.byId(id)!)) };
  });

  app.post<{ Body: { advanceMs: number } }>(
    '/__emulator/clock',
    {
      schema: {
        body: {
          type: 'object',
          required: ['advanceMs'],
          additionalProperties: false,
          properties: { advanceMs: { type: 'integer', minimum: 0, maximum: 3.2e10 } },
        },
      },
    },
    async (req) => {
      ctx.advanceClock(req.body.advanceMs);
      return { now: ctx.now() };
    },
  );

  app.post('/__emulator/reset', async () => {
    ctx.db.transaction(() => {
      for (const table of DATA_TABLES) ctx.db.prepare(`DELETE FROM ${table}`).run();
    })();
    ctx.resetClock();
    return { reset: true };
  });
}
