import { AuthingError, ErrorCodes, type ErrorCode } from './errors';

export type Lang = 'zh-CN' | 'en-US';

/** Options shared by the lean core and the full AuthenticationClient. */
export interface CoreOptions {
  /** Authing application id (控制台 → 应用 → App ID). Required. */
  appId: string;
  /**
   * Authing host; a private deployment's URL. Default `https://core.authing.cn`. Spellings of one
   * server are one host (and one session): case, a default port (`:443` / `:80`), surrounding
   * spaces, trailing `/`, and `localhost` for `127.0.0.1` are normalised away.
   */
  host?: string;
  /** Start signed in with this token (e.g. one your server issued). */
  accessToken?: string;
  /**
   * Milliseconds before a request or upload is abandoned with `TIMEOUT`. Default 10000. Values
   * above MAX_TIMEOUT (about 24.8 days, the most a timer can wait), `Infinity` included, mean MAX_TIMEOUT.
   */
  timeout?: number;
  /** Called once for every failed Authing request, before the promise rejects with the same error. */
  onError?: (code: ErrorCode, message: string, data: unknown) => void;
  /** Language of Authing's messages. Default `zh-CN`. */
  lang?: Lang;
  /** Authing user pool id, sent as `x-authing-userpool-id` when given. */
  userPoolId?: string;
  /**
   * The identifier (唯一标识) of the app's WeChat mini-program identity source, which Authing's v3
   * phone flows name as `extIdpConnidentifier`. Optional: without it the SDK reads it once from the
   * app's public config.
   */
  extIdpConnidentifier?: string;
}

export interface ResolvedCoreOptions extends Required<
  Omit<CoreOptions, 'accessToken' | 'onError' | 'userPoolId' | 'extIdpConnidentifier'>
> {
  accessToken?: string;
  onError?: CoreOptions['onError'];
  userPoolId?: string;
  extIdpConnidentifier?: string;
}

export const DEFAULT_HOST = 'https://core.authing.cn';
export const DEFAULT_TIMEOUT = 10000;
/** setTimeout's limit (2^31 - 1 ms): a longer timer fires at once, so every request would time out. */
export const MAX_TIMEOUT = 2147483647;

function invalid(message: string): AuthingError {
  return new AuthingError(ErrorCodes.INVALID_ARGUMENT, message);
}

/**
 * The one spelling of a host, used for requests and as the registry's key: trimmed, scheme and
 * server in lower case, no default port, no trailing `/`, `localhost` as `127.0.0.1`.
 */
export function normalizeHost(host: string): string {
  const match = /^(https?):\/\/([^/?#\s@]+)([^?#\s]*)$/i.exec(host.trim());
  if (!match) throw invalid(`host 必须是 http(s) 地址，例如 https://core.authing.cn（收到 ${host}）`);
  const scheme = match[1].toLowerCase();
  const defaultPort = scheme === 'https' ? ':443' : ':80';
  let server = match[2].toLowerCase();
  if (server.endsWith(defaultPort)) server = server.slice(0, -defaultPort.length);
  server = server.replace(/^localhost(?=:|$)/, '127.0.0.1');
  return `${scheme}://${server}${match[3].replace(/\/+$/, '')}`;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`${name} 必须是字符串（收到 ${typeof value}）`);
  return value;
}

/** Checks and completes the options; every bad one is INVALID_ARGUMENT naming it, never a TypeError. */
export function resolveOptions(options: CoreOptions): ResolvedCoreOptions {
  if (!options || typeof options !== 'object') throw invalid('缺少 options：new AuthenticationClient({ appId })');
  if (typeof options.appId !== 'string' || !options.appId.trim()) {
    throw invalid('缺少 appId：请填写 Authing 控制台中应用的 App ID');
  }
  const host = normalizeHost(optionalString(options.host, 'host') ?? DEFAULT_HOST);
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  if (typeof timeout !== 'number' || !(timeout > 0)) throw invalid(`timeout 必须是正数毫秒（收到 ${String(timeout)}）`);
  if (options.onError !== undefined && typeof options.onError !== 'function') throw invalid('onError 必须是函数');
  return {
    appId: options.appId.trim(),
    host,
    timeout: Math.min(timeout, MAX_TIMEOUT),
    lang: options.lang ?? 'zh-CN',
    accessToken: optionalString(options.accessToken, 'accessToken'),
    onError: options.onError,
    userPoolId: optionalString(options.userPoolId, 'userPoolId'),
    extIdpConnidentifier: optionalString(options.extIdpConnidentifier, 'extIdpConnidentifier')?.trim() || undefined,
  };
}
