import { AuthingError, ErrorCodes, fromWxFailure } from './errors';
import { readReply, type ReadOptions, type Reply, type ReplyShape } from './reply';
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

function parseBody(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * HTTP over `wx.request`, with Authing's headers, the token, the timeout, and one error type for
 * every way a request can fail. REST and GraphQL both come through here, so `onError` fires once
 * per failed request whichever API made it.
 */
export class Transport {
  private readonly reported = new WeakSet<AuthingError>();

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

  /**
   * Tells the app's onError, then gives the error back to be thrown. Each error is told once,
   * however many layers pass it on; CANCELLED (the user's own choice) is never told.
   */
  fail(error: AuthingError): AuthingError {
    const { onError } = this.options;
    if (this.reported.has(error) || error.code === ErrorCodes.CANCELLED) return error;
    this.reported.add(error);
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

  /** One HTTP exchange. Rejects only when no HTTP answer came (network, timeout), told to onError. */
  send(request: HttpRequest): Promise<HttpResponse> {
    return this.exchange(request).catch((error: AuthingError) => {
      throw this.fail(error);
    });
  }

  /** The same, untold: for work done ahead of need, whose failure the caller that needs it meets and reports. */
  exchange(request: HttpRequest): Promise<HttpResponse> {
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
          const failure = fromWxFailure('wx.request', err);
          // Any wx.request failure that is not a timeout means no HTTP answer came: the network's fault.
          reject(
            failure.code === ErrorCodes.TIMEOUT
              ? new AuthingError(ErrorCodes.TIMEOUT, `请求超时（${this.options.timeout} ms）`, err)
              : new AuthingError(ErrorCodes.NETWORK_ERROR, `网络请求失败: ${err.errMsg}`, err),
          );
        },
      });
    });
  }

  /** Reads a reply (see reply.ts); a failure is reported to onError here, once. */
  read<T>(reply: Reply, shape: ReplyShape, options?: ReadOptions): T {
    try {
      return readReply<T>(reply, shape, options);
    } catch (error) {
      throw this.fail(error as AuthingError);
    }
  }

  /**
   * Authing REST: `{code: 200, data}` (v2) or `{statusCode: 200, data}` (v3) is success; the rest
   * fails with Authing's code. `required`: a success without data is BAD_RESPONSE.
   */
  async rest<T>(request: HttpRequest, options?: ReadOptions): Promise<T> {
    return this.read<T>(await this.send(request), 'envelope', options);
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
      headers: token ? Object.assign({}, extraHeaders, { Authorization: `Bearer ${token}` }) : extraHeaders,
    });
    return this.read<T>(response, 'graphql');
  }
}
