import { AuthingCodes, AuthingError, ErrorCodes, type ErrorCode } from './errors';

/** One HTTP answer as wx.request / wx.uploadFile give it, the body parsed when it is JSON. */
export interface Reply {
  statusCode: number;
  data: unknown;
}

/**
 * How to read a reply:
 * - `envelope`: Authing's REST envelope, v2 `{code, message, data}` or v3 `{statusCode, apiCode,
 *   message, requestId, data}`; resolves `data`.
 * - `graphql`: `{data, errors}`; errors are Authing's `[{message: {code, message, data}}]` or
 *   plain string messages; resolves `data`.
 * - `raw`: any 2xx body as it is (OIDC endpoints, authing-js-sdk's `notHandleRes`).
 */
export type ReplyShape = 'envelope' | 'graphql' | 'raw';

export interface ReadOptions {
  /** A success without data (`data: null`) is BAD_RESPONSE: for calls whose caller cannot go on without it. */
  required?: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * Authing's codes are numbers, but its v3 errors send `apiCode` as a numeric string
 * (docs.authing.cn/v2/reference/error-code.html: `"apiCode": "2011"`). Anything else is no code.
 */
function numericCode(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The body is not Authing's: an HTTP error (a proxy's 502 page) or an unreadable success. */
function unrecognised(reply: Reply): AuthingError {
  const status = reply.statusCode;
  return status >= 400
    ? new AuthingError(ErrorCodes.HTTP_ERROR, `服务器错误 HTTP ${status}`, reply.data, status)
    : new AuthingError(ErrorCodes.BAD_RESPONSE, '服务器返回了无法识别的内容', reply.data, status);
}

/** The envelope's own code: `code` (v2) or `statusCode` (v3), or undefined when there is no envelope. */
function envelopeCode(body: Record<string, unknown>): number | undefined {
  return numericCode(body.code) ?? numericCode(body.statusCode);
}

/**
 * The error of a failed envelope: Authing's `apiCode` (v3's precise code) over the envelope code;
 * an envelope that says 200 on an HTTP error status takes the status.
 */
function envelopeError(body: Record<string, unknown>, code: number, status: number): AuthingError {
  const errorCode: ErrorCode = numericCode(body.apiCode) ?? (code === AuthingCodes.OK ? status : code);
  const message = text(body.message) || `请求失败 (${errorCode})`;
  return new AuthingError(errorCode, message, body.data === undefined ? null : body.data, status);
}

/**
 * Why a non-2xx reply failed: Authing's envelope when there is one, an OAuth error body
 * (`{error, error_description}`, RFC 6749 §5.2) by its message, else the bare status.
 */
function statusError(reply: Reply): AuthingError {
  const body = reply.data;
  if (isObject(body)) {
    const code = envelopeCode(body);
    if (code !== undefined) return envelopeError(body, code, reply.statusCode);
    const message = text(body.message) || text(body.error_description) || text(body.error);
    if (message) return new AuthingError(ErrorCodes.HTTP_ERROR, message, body, reply.statusCode);
  }
  return unrecognised(reply);
}

function readEnvelope(reply: Reply): unknown {
  const body = reply.data;
  const code = isObject(body) ? envelopeCode(body) : undefined;
  if (!isObject(body) || code === undefined) throw unrecognised(reply);
  if (code !== AuthingCodes.OK) throw envelopeError(body, code, reply.statusCode);
  return body.data;
}

/**
 * A raw body is JSON (parsed by the transport) or empty (token revocation); other text is a
 * broken reply. An Authing envelope reporting a failure fails with its code, as the envelope shape
 * would: authing-js-sdk's raw callers otherwise throw `Error(JSON.stringify(res))`.
 */
function readRaw(reply: Reply): unknown {
  const body = reply.data;
  if (typeof body === 'string' && body !== '') throw unrecognised(reply);
  const code = isObject(body) ? envelopeCode(body) : undefined;
  if (isObject(body) && code !== undefined && code !== AuthingCodes.OK) throw envelopeError(body, code, reply.statusCode);
  return body;
}

/** Authing's GraphQL error: `message` is `{code, message, data}`; a standard server's is a string. */
function graphqlError(errors: unknown[], status: number): AuthingError {
  const first = errors[0];
  const detail = isObject(first) ? first.message : first;
  // Without Authing's numeric code, the HTTP status stands in (500 when the server said 200).
  const fallback = status >= 400 ? status : 500;
  if (isObject(detail)) {
    const code = numericCode(detail.code) ?? fallback;
    return new AuthingError(code, text(detail.message) || '请求失败', detail.data === undefined ? null : detail.data, status);
  }
  return new AuthingError(fallback, text(detail) || '请求失败', errors, status);
}

function readGraphql(reply: Reply): unknown {
  const body = reply.data;
  if (!isObject(body) || (!('data' in body) && !('errors' in body))) throw unrecognised(reply);
  if (Array.isArray(body.errors) && body.errors.length > 0) throw graphqlError(body.errors, reply.statusCode);
  if (!isObject(body.data)) throw unrecognised({ statusCode: reply.statusCode, data: body });
  return body.data;
}

/**
 * The one place a reply becomes data or an AuthingError (not yet reported: the transport reports).
 */
export function readReply<T>(reply: Reply, shape: ReplyShape, options: ReadOptions = {}): T {
  let data: unknown;
  if (shape === 'graphql') data = readGraphql(reply);
  else if (reply.statusCode < 200 || reply.statusCode >= 300) throw statusError(reply);
  else if (shape === 'envelope') data = readEnvelope(reply);
  else data = readRaw(reply);
  if (options.required && (data === null || data === undefined)) {
    throw new AuthingError(ErrorCodes.BAD_RESPONSE, '服务器没有返回数据', reply.data, reply.statusCode);
  }
  return data as T;
}
