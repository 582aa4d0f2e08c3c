/** How the emulator is configured; every field has a default so `startEmulator()` just works. */
export type SessionKeyRotation = 'always' | 'never' | 'alternate';

export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** Interface to bind. Loopback by default: the emulator is a test tool, never a public server. */
  host?: string;
  /** SQLite file, or ':memory:'. */
  db?: string;
  /** Authing application id that clients send in `x-authing-app-id`. */
  appId?: string;
  /** Authing user pool id, reported in users and tokens. */
  userPoolId?: string;
  /** The mini program's WeChat appid, as configured in Authing's mini-program connection. */
  wechatAppId?: string;
  /**
   * The identifier of the app's WeChat mini-program connection (Authing console: 身份源连接标识符).
   * Clients send it as `extIdpConnidentifier`; public-config lists it under `ecConnections[].identifier`.
   */
  wechatConnectionIdentifier?: string;
  /** The mini program's AppSecret. */
  wechatSecret?: string;
  /** When `wx.login` mints a code, whether the user's session_key changes (WeChat "may" rotate it). */
  rotateSessionKey?: SessionKeyRotation;
  /** Where the Authing side reaches the WeChat server API; defaults to this emulator itself. */
  wechatBaseUrl?: string;
  /** Folder for uploaded files; defaults next to the db file, or a temp folder for ':memory:'. */
  uploadDir?: string;
  /** Lifetime of issued access tokens, in seconds (Authing's default is 15 days). */
  tokenTtlSeconds?: number;
  /** Largest accepted request body, in bytes (uploads included). */
  bodyLimit?: number;
  /** Log every request to stdout (secrets in URLs are redacted). */
  logRequests?: boolean;
  /**
   * Secret the control API (`/__emulator/*`) demands as `Authorization: Bearer <token>`. Required when `host`
   * is not a loopback address: otherwise anyone on the network could mint codes and log in as any user.
   */
  controlToken?: string;
  /** Longest a request may take to arrive, in ms; a stalled upload is cut off (and its partial file removed). */
  requestTimeoutMs?: number;
}

export type ResolvedOptions = Required<Omit<EmulatorOptions, 'wechatBaseUrl' | 'uploadDir' | 'controlToken'>> & {
  wechatBaseUrl: string | null;
  uploadDir: string | null;
  controlToken: string | null;
};

export const DEFAULTS: ResolvedOptions = {
  port: 4000,
  host: '127.0.0.1',
  db: ':memory:',
  appId: '6360a1f3b2c4d5e6f7a8b9c0',
  userPoolId: '6360a1f3b2c4d5e6f7a8b900',
  wechatAppId: 'wx5f2b0c1d3e4a6b79',
  wechatSecret: 'b7e1f04c2d9a8e3f6c5b4a3d2e1f0a9b',
  // Authing's docs use "my-wxapp" as the example identifier (get-wechat-miniprogram-phone, decrypt-wechat-miniprogram-data).
  wechatConnectionIdentifier: 'my-wxapp',
  rotateSessionKey: 'always',
  wechatBaseUrl: null,
  uploadDir: null,
  tokenTtlSeconds: 15 * 24 * 3600,
  bodyLimit: 5 * 1024 * 1024,
  logRequests: false,
  controlToken: null,
  requestTimeoutMs: 60_000,
};

/** A control token shorter than this is refused: it stands between the network and every user's account. */
export const MIN_CONTROL_TOKEN_LENGTH = 16;

/** Whether `host` only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const resolved: ResolvedOptions = { ...DEFAULTS, ...defined };
  if (!['always', 'never', 'alternate'].includes(resolved.rotateSessionKey)) {
    throw new Error(`rotateSessionKey must be always, never or alternate (got ${String(resolved.rotateSessionKey)})`);
  }
  if (!/^wx[0-9a-f]{16}$/.test(resolved.wechatAppId)) {
    throw new Error(`wechatAppId must look like a WeChat appid: "wx" and 16 hex digits (got ${resolved.wechatAppId})`);
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(resolved.wechatConnectionIdentifier)) {
    throw new Error(`wechatConnectionIdentifier must be 1-64 letters, digits, - or _ (got ${resolved.wechatConnectionIdentifier})`);
  }
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    throw new Error(`port must be an integer from 0 to 65535 (got ${resolved.port})`);
  }
  if (resolved.controlToken !== null && resolved.controlToken.length < MIN_CONTROL_TOKEN_LENGTH) {
    throw new Error(`controlToken must be at least ${MIN_CONTROL_TOKEN_LENGTH} characters`);
  }
  if (!isLoopbackHost(resolved.host) && resolved.controlToken === null) {
    throw new Error(
      `host ${resolved.host} is reachable beyond this machine: set a control token (--control-token or ` +
        `AUTHING_EMULATOR_CONTROL_TOKEN), or the network could mint codes and log in as every user`,
    );
  }
  if (!Number.isInteger(resolved.requestTimeoutMs) || resolved.requestTimeoutMs <= 0) {
    throw new Error(`requestTimeoutMs must be a positive integer (got ${resolved.requestTimeoutMs})`);
  }
  return resolved;
}
