import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import formbody from '@fastify/formbody';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { resolveOptions, type EmulatorOptions, type ResolvedOptions } from './options';
import { openDatabase } from './store/database';
import { metaValue } from './store/meta-store';
import { UserStore } from './store/user-store';
import { MessageStore } from './store/message-store';
import { GrantStore } from './store/grant-store';
import { WechatStore } from './wechat/wechat-store';
import { registerWechatRoutes } from './wechat/wechat-routes';
import { SessionService } from './authing/sessions';
import { WechatClient } from './authing/wechat-client';
import { registerMiniprogramRoutes } from './authing/miniprogram-routes';
import { registerRestRoutes } from './authing/rest-routes';
import { registerGraphqlRoute } from './authing/graphql/graphql-route';
import { registerControlRoutes } from './control/control-routes';
import { registerLocalAccessGuard } from './control/local-access';
import { requestLogger } from './request-log';
import { registerV3Routes } from './authing/v3-routes';
import { TokenService } from './crypto/tokens';
import { generatePasswordKeyPair, PasswordDecrypter, type PasswordKeyPair } from './crypto/rsa';
import { generateSm2KeyPair, type Sm2KeyPair } from './crypto/sm2';
import { AuthingError, ControlError, OAuthError, WechatApiError, WechatCodes } from './errors';
import type { EmulatorContext } from './context';
import { ContractRefusal, contractOf, enforceContract } from './validation/contract-routes';
import { markRefused, recordRequests, RECORD_ENV } from './validation/request-record';
import { randomCode } from './crypto/ids';

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:4000 — use it as the SDK's `host` and the simulator's `emulator`. */
  url: string;
  port: number;
  options: ResolvedOptions;
  /** Stops listening and closes the database; the data stays in the file. */
  close(): Promise<void>;
}

type Face = 'wechat' | 'control' | 'graphql' | 'authing-v3' | 'oidc' | 'authing';

/**
 * Which envelope a failure goes in. A route's contract entry says it (Authing's mini-program bind lives
 * under /connections/ yet answers in v3's envelope); requests that matched no route go by their path.
 */
function faceOf(req: FastifyRequest): Face {
  if (contractOf(req)?.face === 'authing-v3') return 'authing-v3';
  const url = req.url;
  if (/^\/(sns|cgi-bin|wxa)\//.test(url)) return 'wechat';
  if (url.startsWith('/__emulator/')) return 'control';
  if (url.startsWith('/graphql')) return 'graphql';
  if (url.startsWith('/api/v3/')) return 'authing-v3';
  if (url.startsWith('/oidc/')) return 'oidc';
  return 'authing';
}

/** Writes a failure in the envelope of the face that was called. */
function sendError(reply: FastifyReply, req: FastifyRequest, status: number, code: number, message: string, data: unknown = null) {
  switch (faceOf(req)) {
    case 'wechat':
      return reply.code(status).send({ errcode: code, errmsg: message });
    case 'control':
      return reply.code(status).send({ code, message });
    case 'graphql':
      return reply
        .code(status)
        .send({ data: null, errors: [{ message: { code, message, data }, extensions: { code: 'BAD_USER_INPUT' } }] });
    case 'authing-v3': {
      // v3 replies are {statusCode, message, apiCode?, requestId?, data} (authing-node-sdk *RespDto):
      // statusCode an HTTP status, apiCode Authing's own error code.
      const statusCode = status >= 400 ? status : 400;
      return reply.code(statusCode).send({ statusCode, apiCode: code, message, requestId: randomCode(16), data });
    }
    case 'oidc':
      // OAuth's own error shape (RFC 6749 §5.2); OAuthError names the error, the rest are malformed requests.
      return reply.code(status).send({
        error: status === 401 ? 'invalid_client' : status >= 500 ? 'server_error' : 'invalid_request',
        error_description: message,
      });
    default:
      return reply.code(status).send({ code, message, data });
  }
}

/** Names the fields a closed schema refused, which ajv's message leaves out. */
function unknownFields(errors: NonNullable<FastifyError['validation']>): string {
  const names = errors.map((e) => (e.params as { additionalProperty?: string }).additionalProperty).filter(Boolean);
  return names.length ? ` (${names.join(', ')})` : '';
}

function buildContext(options: ResolvedOptions, getUrl: () => string): EmulatorContext {
  const db = openDatabase(options.db);
  let offset = 0;
  const now = () => Date.now() + offset;
  const keyPair = JSON.parse(metaValue(db, 'password-key-pair', () => JSON.stringify(generatePasswordKeyPair()))) as PasswordKeyPair;
  const sm2KeyPair = JSON.parse(metaValue(db, 'sm2-key-pair', () => JSON.stringify(generateSm2KeyPair()))) as Sm2KeyPair;
  const tokens = new TokenService(
    metaValue(db, 'jwt-secret', () => TokenService.newSecret()),
    'authing-wxapp-emulator',
    options.appId,
  );
  const users = new UserStore(db, options.userPoolId, now);
  const grants = new GrantStore(db, now);
  const uploadDir =
    options.uploadDir ??
    (options.db === ':memory:' ? mkdtempSync(join(tmpdir(), 'authing-emulator-')) : join(dirname(resolve(options.db)), 'uploads'));
  return {
    options,
    db,
    now,
    advanceClock: (ms) => {
      offset += ms;
    },
    resetClock: () => {
      offset = 0;
    },
    baseUrl: getUrl,
    wechat: new WechatStore(db, options.rotateSessionKey, now),
    users,
    sessions: new SessionService(db, users, tokens, grants, options.appId, options.tokenTtlSeconds, now),
    messages: new MessageStore(db, now),
    grants,
    passwords: { publicKeyPem: keyPair.publicKeyPem, decrypter: new PasswordDecrypter(keyPair.privateKeyPem), sm2: sm2KeyPair },
    wechatClient: new WechatClient(() => options.wechatBaseUrl ?? getUrl(), options.wechatAppId, options.wechatSecret, now),
    uploadDir,
  };
}

export async function buildServer(options: ResolvedOptions, getUrl: () => string): Promise<{ app: FastifyInstance; ctx: EmulatorContext }> {
  const ctx = buildContext(options, getUrl);
  const app = Fastify({
    bodyLimit: options.bodyLimit,
    logger: requestLogger(options.logRequests),
    // A stalled request (an upload that never ends) is cut off instead of holding its socket and partial file.
    // Node's server reads requestTimeout at construction only (setting it afterwards, as Fastify's own option
    // does, is never enforced) and checks it every connectionsCheckingInterval (30 s by default).
    http: {
      requestTimeout: options.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(options.requestTimeoutMs / 4))),
    },
    requestTimeout: options.requestTimeoutMs,
    trustProxy: false,
    // Wrong types and unknown fields are the caller's mistake to hear about, not to have silently fixed.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
  });
  await app.register(multipart, { limits: { fileSize: options.bodyLimit, files: 1, fields: 20 } });
  registerLocalAccessGuard(app, options);
  // Authing's /oidc endpoints take form-encoded bodies (the mini-program SDK, Android and node SDKs send them so).
  await app.register(formbody);

  // The app id header names the Authing application; a wrong one is refused as Authing refuses it.
  app.addHook('onRequest', async (req) => {
    const face = faceOf(req);
    if (face === 'wechat' || face === 'control') return;
    const appId = req.headers['x-authing-app-id'];
    if (appId !== undefined && appId !== '' && appId !== options.appId) {
      throw new AuthingError(2011, `应用不存在: ${String(appId)}`, 404);
    }
  });

  app.setErrorHandler((err: FastifyError | AuthingError | WechatApiError | ControlError | ContractRefusal, req, reply) => {
    if (err instanceof ContractRefusal) {
      markRefused(req);
      return sendError(reply, req, 400, faceOf(req) === 'wechat' ? WechatCodes.dataFormatError : 400, err.message);
    }
    if (err instanceof OAuthError) return reply.code(err.httpStatus).send({ error: err.error, error_description: err.message });
    if (err instanceof AuthingError) return sendError(reply, req, err.httpStatus, err.code, err.message, err.data);
    // WeChat answers its own errors with HTTP 200 and an errcode.
    if (err instanceof WechatApiError) return sendError(reply, req, 200, err.errcode, err.errmsg);
    if (err instanceof ControlError) return sendError(reply, req, err.status, err.status, err.message);
    // A schema refusal, or a body the contract's content type cannot carry (bad JSON, wrong type, too large).
    if (err.validation || err.code?.startsWith('FST_ERR_CTP_')) markRefused(req);
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error(err);
    const message =
      status === 500
        ? 'internal emulator error'
        : err.validation
          ? `invalid request: ${err.message}${unknownFields(err.validation)}`
          : status === 413
            ? 'request body too large'
            : err.message;
    const code = faceOf(req) === 'wechat' && status < 500 ? WechatCodes.dataFormatError : status;
    return sendError(reply, req, status, code, message);
  });

  app.setNotFoundHandler((req, reply) => sendError(reply, req, 404, 404, `no route ${req.method} ${req.url.split('?')[0]}`));

  // Every route below is held to its contract entry; the record shows which entry each request met.
  enforceContract(app);
  recordRequests(app, process.env[RECORD_ENV]);
  registerWechatRoutes(app, ctx);
  registerMiniprogramRoutes(app, ctx);
  registerRestRoutes(app, ctx);
  registerGraphqlRoute(app, ctx);
  registerV3Routes(app, ctx);
  registerControlRoutes(app, ctx);
  app.addHook('onClose', async () => {
    ctx.db.close();
    // An in-memory emulator's uploads live in a temp folder of its own: they go with it.
    if (options.db === ':memory:' && !options.uploadDir) rmSync(ctx.uploadDir, { recursive: true, force: true });
  });
  return { app, ctx };
}

/** Starts an emulator; `await startEmulator({ port: 0 })` gives a fresh in-memory one on a free port. */
export async function startEmulator(input: EmulatorOptions = {}): Promise<RunningEmulator> {
  const options = resolveOptions(input);
  let url = '';
  const { app } = await buildServer(options, () => url);
  await app.listen({ port: options.port, host: options.host });
  const { port } = app.server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  url = `http://${shownHost}:${port}`;
  return { url, port, options: { ...options, port }, close: () => app.close() };
}
