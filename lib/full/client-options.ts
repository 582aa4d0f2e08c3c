import type { AuthCore, CoreOptions } from '../core';
import { AuthingError, ErrorCodes } from '../core';
import { coreGraphqlClient } from './adapters/graphql-client';
import { coreHttpClient } from './adapters/http-client';
import { sessionTokenProvider } from './adapters/token-provider';
import type { AuthenticationClientOptions as SdkOptions, AuthenticationTokenProvider, GraphqlClient, HttpClient } from './authing-js-sdk';
import { encryptPassword, type EncryptFunction } from '../rsa/encrypt';

/** Options the full client owns itself, or that make no sense in WeChat. */
type Replaced =
  | 'appId'
  | 'host'
  | 'timeout'
  | 'onError'
  | 'lang'
  | 'headers'
  | 'requestFrom'
  | 'encryptFunction'
  | 'graphqlClient'
  | 'httpClient'
  | 'tokenProvider';

/**
 * authing-js-sdk's options, with the core's where both exist: `appId` required, `host` one URL for
 * REST, GraphQL and the WeChat endpoints, `timeout` 10000 by default, `onError(code, message,
 * data)` once per failed request, `accessToken` to start signed in.
 */
export interface AuthenticationClientOptions extends CoreOptions, Omit<SdkOptions, Replaced> {
  /** Encrypts password fields. Default: RSA PKCS#1 v1.5 with wx.getRandomValues. */
  encryptFunction?: EncryptFunction;
}

/** The core options; `appHost` (authing-js-sdk's app domain) serves as `host` when no host is given. */
export function coreOptions(options: AuthenticationClientOptions): CoreOptions {
  if (!options || typeof options !== 'object') {
    throw new AuthingError(ErrorCodes.INVALID_ARGUMENT, '缺少 options：new AuthenticationClient({ appId })');
  }
  return {
    appId: options.appId,
    host: options.host || options.appHost,
    accessToken: options.accessToken,
    timeout: options.timeout,
    onError: options.onError,
    lang: options.lang,
    userPoolId: options.userPoolId,
    extIdpConnidentifier: options.extIdpConnidentifier,
  };
}

/**
 * Requests go through the core, which reports them to onError; this only turns the few
 * authing-js-sdk paths that call `options.onError` themselves (browser uploads) into AuthingErrors
 * without reporting a second time.
 */
function rethrow(code: number | undefined, message: string, data?: unknown): never {
  throw new AuthingError(typeof code === 'number' ? code : ErrorCodes.UNSUPPORTED, message || '请求失败', data === undefined ? null : data);
}

/**
 * authing-js-sdk's options wired onto the core. authing-js-sdk's declarations predate strict null
 * checks (`getToken(): string`), so the adapters are typed honestly and handed over as its types.
 */
export function sdkOptions(options: AuthenticationClientOptions, core: AuthCore): SdkOptions {
  const { host } = core.options;
  const tenantHeaders: Record<string, string> = options.tenantId ? { 'x-authing-app-tenant-id': options.tenantId } : {};
  // accessToken: the core already holds it. onError: the core reports; authing-js-sdk must not.
  const { accessToken, onError, extIdpConnidentifier, ...passThrough } = options;
  return Object.assign({}, passThrough, {
    appId: core.options.appId,
    host,
    // BaseAuthenticationClient prefers appHost over host and `domain` (which needs `URL`): with
    // appHost = host, every authing-js-sdk URL is built on the same host as the core's.
    appHost: host,
    timeout: core.options.timeout,
    lang: core.options.lang,
    onError: rethrow,
    encryptFunction: options.encryptFunction || encryptPassword,
    graphqlClient: coreGraphqlClient(core, tenantHeaders) as unknown as typeof GraphqlClient,
    httpClient: coreHttpClient(core, tenantHeaders) as unknown as typeof HttpClient,
    tokenProvider: sessionTokenProvider(core.session) as unknown as typeof AuthenticationTokenProvider,
  });
}
