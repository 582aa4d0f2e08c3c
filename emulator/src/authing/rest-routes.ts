import type { FastifyInstance } from 'fastify';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorContext } from '../context';
import { AuthingCodes, AuthingError } from '../errors';
import { imageHeaders, removeOrphanParts, storeImage } from './uploaded-images';
import { miniprogramConnectionId } from './wechat-login';

/**
 * Authing's connection type of a mini program's own WeChat identity source: "wechat:miniprogram:default"
 * in every Authing SDK's connection-type enum (authing-node-sdk, authing-java-sdk, authing-csharp-sdk
 * ProviderType / ExtIdpConnDto.type); "wechat:miniprogram:app-launch" is an app launching a mini program.
 */
const MINIPROGRAM_CONNECTION_TYPE = 'wechat:miniprogram:default';

const PHONE = /^\+?[0-9]{5,20}$/;
const FOLDER = /^[a-z0-9_-]{1,32}$/i;

/** Authing's REST calls behind authing-js-sdk: public key, SMS, logout, upload. */
export function registerRestRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  removeOrphanParts(ctx.uploadDir);
  app.get('/api/v2/.well-known', async () => ({ code: 200, message: '', data: { publicKey: ctx.passwords.publicKeyPem } }));

  /**
   * The app's public config, as Authing's Android SDK reads it (Config.parse): the WeChat
   * mini-program connection and its identifier, which clients send as extIdpConnidentifier.
   */
  app.get<{ Params: { appId: string } }>('/api/v2/applications/:appId/public-config', async (req) => {
    if (req.params.appId !== ctx.options.appId) throw new AuthingError(2011, `应用不存在: ${req.params.appId}`, 404);
    return {
      code: 200,
      message: '',
      data: {
        userPoolId: ctx.options.userPoolId,
        name: 'authing-wxapp-emulator',
        ecConnections: [
          {
            id: miniprogramConnectionId(ctx),
            type: MINIPROGRAM_CONNECTION_TYPE,
            provider: MINIPROGRAM_CONNECTION_TYPE,
            identifier: ctx.options.wechatConnectionIdentifier,
            fields: { appId: ctx.options.wechatAppId },
          },
        ],
      },
    };
  });

  app.post<{ Body: { phone: string; phoneCountryCode?: string; scene?: string } }>('/api/v2/sms/send', async (req) => {
    const input = req.body;
    if (!PHONE.test(input.phone)) {
      throw new AuthingError(AuthingCodes.badRequest, '请输入正确的手机号', 400);
    }
    ctx.messages.send('sms', input.phone, input.scene ?? 'default');
    return { code: 200, message: '发送成功' };
  });

  app.get('/api/v2/logout', async (req) => {
    const { user } = await ctx.sessions.authenticate(req.headers.authorization);
    ctx.sessions.revokeAllOf(user.id);
    return { code: 200, message: '退出登录成功' };
  });

  app.get('/logout', async (req) => {
    const { sessionId } = await ctx.sessions.authenticate(req.headers.authorization);
    ctx.sessions.revoke(sessionId);
    return { code: 200, message: '退出登录成功' };
  });

  app.post<{ Querystring: { folder?: string } }>('/api/v2/upload', async (req) => {
    // Every Authing client uploads without a token (seed, mini-program SDK, authing-js-sdk, Android):
    // such a file belongs to no user. A token that is sent must still be valid.
    const owner = req.headers.authorization === undefined ? null : (await ctx.sessions.authenticate(req.headers.authorization)).user.id;
    const folder = req.query.folder ?? 'default';
    if (!FOLDER.test(folder)) throw new AuthingError(AuthingCodes.badRequest, 'folder 只能包含字母、数字、- 和 _', 400);
    if (!req.isMultipart()) throw new AuthingError(AuthingCodes.badRequest, '请使用 multipart/form-data 上传，文件字段名为 file', 400);
    const file = await req.file();
    if (!file || file.fieldname !== 'file') throw new AuthingError(AuthingCodes.badRequest, '缺少文件字段 file', 400);

    const image = await storeImage(ctx.uploadDir, file);
    const { id, name } = image;
    ctx.db
      .prepare('INSERT INTO files (id, user_id, folder, file_name, mime, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, owner, folder, name, image.mime, image.size, ctx.now());
    return { code: 200, message: '上传成功', data: { key: `${folder}/${name}`, url: `${ctx.baseUrl()}/files/${folder}/${name}` } };
  });

  app.get<{ Params: { folder: string; name: string } }>('/files/:folder/:name', async (req, reply) => {
    const row = ctx.db
      .prepare('SELECT file_name, mime FROM files WHERE folder = ? AND file_name = ?')
      .get(req.params.folder, req.params.name) as { file_name: string; mime: string } | undefined;
    if (!row) throw new AuthingError(AuthingCodes.notFound, '文件不存在', 404);
    return reply
      .type(row.mime)
      .headers(imageHeaders(row.file_name))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(createReadStream(join(ctx.uploadDir, row.file_name)));
  });
}
