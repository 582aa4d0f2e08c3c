import { AuthingError, ErrorCodes } from './errors';
import type { ResolvedCoreOptions } from './options';
import { SDK_VERSION } from './version';

// wx.request has no PATCH.
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL, or a path starting with `/` resolved against `host`. */
  url: string;
  data?: unknown;
  headers?: Record<string, string>;
  /** Leave out the stored token even when signed in (public endpoints, or a token passed in `headers`). */
  anonymous?: boolean;
}

export interface HttpResponse {
  statusCode: number;
  /** Parsed JSON when the body is JSON, else the raw text. */
  data: unknown;
  headers: Record<string, string>;
}

/** Where the transport gets the token for `Authorization`: the session store, in memory. */
export interface TokenSource {
  getToken(): string | null;
}

interface AuthingEnvelope {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  data?: unknown;
  apiCode?: unknown;
}

interface GraphqlErrorItem {
  message?: unknown;
}

function parseBody(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * HTTP over `wx.request`, with Authing's headers, the token, the timeout, and one error type for
 * every way a request can fail. REST and GraphQL both come through here, so `onError` fires once
 * per failed request whichever API made it.
 */
export class Transport {
  constructor(
    private readonly options: ResolvedCoreOptions,
    private readonly tokens: TokenSource,
  ) {}

  get host(): string {
    return this.options.host;
  }

  resolve(url: string): string {
    return /^https?:\/\//.test(url) ? url : this.options.host + url;
  }

  headers(extra: Record<string, string> = {}, anonymous = false): Record<string, string> {
    const headers: Record<string, string> = {
      'x-authing-app-id': this.options.appId,
      'x-authing-request-from': 'wxapp',
      'x-authing-sdk-version': `wxapp:${SDK_VERSION}`,
      'x-authing-lang': this.options.lang,
    };
    if (this.options.userPoolId) headers['x-authing-userpool-id'] = this.options.userPoolId;
    const token = anonymous ? null : this.tokens.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    return Object.assign(headers, extra);
  }

  /** Tells the app's onError, then gives the error back to be thrown. */
  fail(error: AuthingError): AuthingError {
    const { onError } = this.options;
    if (onError) {
      try {
        onError(error.code, error.message, error.data);
      } catch (hookError) {
        // A throwing hook must not replace the SDK's error: callers rely on `e.code`.
        console.error('[authing-wxapp-sdk] onError threw', hookError);
      }
    }
    return error;
  }

  /** One HTTP exchange. Rejects only when no HTTP answer came (network, timeout). */
  send(request: HttpRequest): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      wx.request({
        url: this.resolve(request.url),
        method: request.method,
        data: request.data as WechatMiniprogram.IAnyObject | string | undefined,
        header: this.headers(request.headers, request.anonymous),
        timeout: this.options.timeout,
        // Parse ourselves: with dataType 'json' a bad body is silently handed over as a string.
        dataType: '其他',
        responseType: 'text',
        success: (res) =>
          resolve({
            statusCode: res.statusCode,
            data: parseBody(res.data),
            headers: (res.header ?? {}) as Record<string, string>,
          }),
        fail: (err) => {
          const timedOut = /timeout/i.test(err.errMsg);
          reject(
            this.fail(
              new AuthingError(
                timedOut ? ErrorCodes.TIMEOUT : ErrorCodes.NETWORK_ERROR,
                timedOut ? `请求超时（${this.options.timeout} ms）` : `网络请求失败: ${err.errMsg}`,
                err,
              ),
            ),
          );
        },
      });
    });
  }

  /** Authing REST: `{code: 200, data}` (v2) or `{statusCode: 200, data}` (v3) is success; the rest fails with Authing's code. */
  async rest<T>(request: HttpRequest): Promise<T> {
    const response = await this.send(request);
    return this.unwrap<T>(response);
  }

  unwrap<T>(response: HttpResponse): T {
    const body = response.data;
    if (!isObject(body) || (typeof body.code !== 'number' && typeof body.statusCode !== 'number')) {
      const status = response.statusCode;
      throw this.fail(
        status >= 400
          ? new AuthingError(ErrorCodes.HTTP_ERROR, `服务器错误 HTTP ${status}`, body, status)
          : new AuthingError(ErrorCodes.BAD_RESPONSE, '服务器返回了无法识别的内容', body, status),
      );
    }
    const envelope = body as AuthingEnvelope;
    const code = (typeof envelope.code === 'number' ? envelope.code : envelope.statusCode) as number;
    if (code === 200 && response.statusCode < 400) return envelope.data as T;
    const message = typeof envelope.message === 'string' && envelope.message ? envelope.message : `请求失败 (${code})`;
    const errorCode = typeof envelope.apiCode === 'number' ? envelope.apiCode : code === 200 ? response.statusCode : code;
    throw this.fail(new AuthingError(errorCode, message, envelope.data ?? null, response.statusCode));
  }

  /** Authing GraphQL (`/graphql/v2`). Errors carry Authing's `{code, message, data}` inside `message`. */
  async graphql<T>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const response = await this.send({
      method: 'POST',
      url: '/graphql/v2',
      data: { query, variables: variables ?? {} },
      anonymous: token !== undefined,
      headers: token ? { ...extraHeaders, Authorization: `Bearer ${token}` } : extraHeaders,
    });
    const body = response.data;
    if (!isObject(body) || (!('data' in body) && !('errors' in body))) {
      const status = response.statusCode;
      throw this.fail(
        status >= 400
          ? new AuthingError(ErrorCodes.HTTP_ERROR, `服务器错误 HTTP ${status}`, body, status)
          : new AuthingError(ErrorCodes.BAD_RESPONSE, '服务器返回了无法识别的内容', body, status),
      );
    }
    const errors = body.errors as GraphqlErrorItem[] | undefined;
    if (Array.isArray(errors) && errors.length > 0) {
      const first = errors[0]?.message;
      if (isObject(first)) {
        const code = typeof first.code === 'number' ? first.code : response.statusCode;
        throw this.fail(
          new AuthingError(code, typeof first.message === 'string' ? first.message : '请求失败', first.data ?? null, response.statusCode),
        );
      }
      throw this.fail(
        new AuthingError(
          response.statusCode >= 400 ? response.statusCode : 500,
          typeof first === 'string' ? first : '请求失败',
          errors,
          response.statusCode,
        ),
      );
    }
    if (!isObject(body.data))
      throw this.fail(new AuthingError(ErrorCodes.BAD_RESPONSE, '服务器返回了无法识别的内容', body, response.statusCode));
    return body.data as T;
  }
}
