import type { ErrorCode } from './errors';

export type Lang = 'zh-CN' | 'en-US';

/** Options shared by the lean core and the full AuthenticationClient. */
export interface CoreOptions {
  /** Authing application id (控制台 → 应用 → App ID). Required. */
  appId: string;
  /** Authing host; a private deployment's URL. Default `https://core.authing.cn`. A trailing `/` is ignored. */
  host?: string;
  /** Start signed in with this token (e.g. one your server issued). */
  accessToken?: string;
  /** Milliseconds before a request or upload is abandoned with `TIMEOUT`. Default 10000. */
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

export interface ResolvedCoreOptions
  extends Required<Omit<CoreOptions, 'accessToken' | 'onError' | 'userPoolId' | 'extIdpConnidentifier'>> {
  accessToken?: string;
  onError?: CoreOptions['onError'];
  userPoolId?: string;
  extIdpConnidentifier?: string;
}

export const DEFAULT_HOST = 'https://core.authing.cn';
export const DEFAULT_TIMEOUT = 10000;
