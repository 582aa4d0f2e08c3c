import { parseArgs } from 'node:util';
import { startEmulator } from './server';
import { DEFAULTS, isLoopbackHost, type SessionKeyRotation } from './options';

const HELP = `authing-wxapp-emulator — a local Authing + WeChat server for offline development and tests

Usage: authing-wxapp-emulator [options]

  --port N                TCP port (0 picks a free one)                 default ${DEFAULTS.port}
  --host ADDR             interface to bind                              default ${DEFAULTS.host}
  --db FILE               SQLite file, or :memory:                       default .emulator-data/emulator.db
  --app-id ID             Authing application id clients send            default ${DEFAULTS.appId}
  --user-pool-id ID       Authing user pool id                           default ${DEFAULTS.userPoolId}
  --wechat-appid WXID     the mini program's WeChat appid                default ${DEFAULTS.wechatAppId}
  --wechat-secret SECRET  the mini program's AppSecret                   default ${DEFAULTS.wechatSecret}
  --wechat-connection-identifier ID
                          the WeChat mini-program connection's identifier default ${DEFAULTS.wechatConnectionIdentifier}
                          (extIdpConnidentifier; listed by public-config)
  --rotate-session-key M  always | never | alternate: does wx.login      default ${DEFAULTS.rotateSessionKey}
                          change the session_key
  --wechat-base-url URL   where the Authing side reaches WeChat          default this emulator
  --upload-dir DIR        where uploaded files go                        default <db folder>/uploads
  --token-ttl SECONDS     access token lifetime                          default ${DEFAULTS.tokenTtlSeconds}
  --control-token TOKEN   secret the control API demands (Authorization: Bearer TOKEN);
                          required with a --host beyond loopback. Also read from
                          AUTHING_EMULATOR_CONTROL_TOKEN (keeps it out of the process list)
  --log                   log every request (secrets in URLs redacted)
  -h, --help              show this help

Faces, all on one port:
  WeChat server API   GET /sns/jscode2session, GET /cgi-bin/token, POST /wxa/business/getuserphonenumber
  Authing API         /connections/social/wechat-miniprogram/*, /api/v3/*, /api/v2/*, POST /graphql/v2
  Control API         /__emulator/* (mint wx.login codes, button events, read sent SMS codes, reset)
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      'app-id': { type: 'string' },
      'user-pool-id': { type: 'string' },
      'wechat-appid': { type: 'string' },
      'wechat-secret': { type: 'string' },
      'wechat-connection-identifier': { type: 'string' },
      'rotate-session-key': { type: 'string' },
      'wechat-base-url': { type: 'string' },
      'upload-dir': { type: 'string' },
      'token-ttl': { type: 'string' },
      'control-token': { type: 'string' },
      log: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const int = (name: string, raw: string | undefined) => {
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number (got ${raw})`);
    return Number(raw);
  };
  const emulator = await startEmulator({
    port: int('port', values.port),
    host: values.host,
    db: values.db ?? '.emulator-data/emulator.db',
    appId: values['app-id'],
    userPoolId: values['user-pool-id'],
    wechatAppId: values['wechat-appid'],
    wechatSecret: values['wechat-secret'],
    wechatConnectionIdentifier: values['wechat-connection-identifier'],
    rotateSessionKey: values['rotate-session-key'] as SessionKeyRotation | undefined,
    wechatBaseUrl: values['wechat-base-url'],
    uploadDir: values['upload-dir'],
    tokenTtlSeconds: int('token-ttl', values['token-ttl']),
    logRequests: values.log,
    controlToken: values['control-token'] ?? (process.env.AUTHING_EMULATOR_CONTROL_TOKEN || undefined),
  });
  const { options } = emulator;
  if (!isLoopbackHost(options.host)) {
    process.stderr.write(
      `warning: listening on ${options.host}, reachable from other machines. Anyone who reaches this port can use ` +
        `the Authing and WeChat faces; the control API (/__emulator/*) needs the control token.\n`,
    );
  }
  process.stdout.write(
    `authing-wxapp-emulator listening on ${emulator.url}\n` +
      `  Authing appId      ${options.appId}\n  WeChat appid       ${options.wechatAppId}\n` +
      `  WeChat connection  ${options.wechatConnectionIdentifier} (extIdpConnidentifier)\n` +
      `  database           ${options.db}\n`,
  );
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`authing-wxapp-emulator: ${err instanceof Error ? err.message : String(err)}\n(see --help)\n`);
  process.exit(2);
});
