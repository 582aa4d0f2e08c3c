/**
 * Stands in for `axios` inside the bundled authing-js-sdk (build/wx-bundle-plugin.ts maps it here).
 * axios 0.28 drags in form-data and Node's `util` and does not load in WeChat. authing-js-sdk only
 * calls `axios.create()` and then `instance(config)` / `instance.request(config)`; the instances
 * speak through the shared core's Transport, so these requests get the same headers, timeout,
 * errors and onError as every other.
 */
import { AuthingError, ErrorCodes, type Transport } from '../../core';
import { findHeader, headerRecord, toHttpRequest, withoutHeaders, type SdkRequestConfig } from '../adapters/request-config';
import { readOptionsFor, unexpectedBody } from '../adapters/reply-expectations';

export interface WxAxiosResponse {
  data: unknown;
  status: number;
  statusText: string;
  headers: Record<string, string>;
  config: SdkRequestConfig;
}

export interface WxAxiosInstance {
  (config: SdkRequestConfig): Promise<WxAxiosResponse>;
  request(config: SdkRequestConfig): Promise<WxAxiosResponse>;
}

/**
 * The identity headers are the core's (`x-authing-request-from: wxapp`, its SDK version); the
 * ones authing-js-sdk computes would describe a browser SDK that is not there.
 */
const CORE_HEADERS = ['x-authing-app-id', 'x-authing-userpool-id', 'x-authing-request-from', 'x-authing-sdk-version', 'x-authing-lang'];

function instance(send: (config: SdkRequestConfig) => Promise<WxAxiosResponse>): WxAxiosInstance {
  return Object.assign((config: SdkRequestConfig) => send(config), { request: send });
}

/** An axios look-alike on the core's transport: 2xx resolves with the raw body, anything else rejects. */
export function createWxAxios(transport: Transport): WxAxiosInstance {
  return instance(async (config) => {
    const headers = withoutHeaders(headerRecord(config.headers), CORE_HEADERS);
    const authorization = findHeader(headers, 'authorization');
    const request = toHttpRequest(transport, config, withoutHeaders(headers, ['authorization']));
    // authing-js-sdk's NaiveHttpClient never sends the signed-in user's token: OIDC endpoints
    // take client credentials, and a stray Bearer would be read as the caller's identity.
    request.anonymous = true;
    if (authorization) request.headers = Object.assign({}, request.headers, { Authorization: authorization });
    const response = await transport.send(request);
    const data = transport.read(response, 'raw', readOptionsFor(request.url));
    const unexpected = unexpectedBody(request.url, data, response.statusCode);
    if (unexpected) throw transport.fail(unexpected);
    return { data, status: response.statusCode, statusText: '', headers: response.headers, config };
  });
}

/**
 * What `axios.create()` gives authing-js-sdk's constructors. The full client replaces every such
 * instance with one bound to its core; reaching this one means a code path was missed.
 */
function create(): WxAxiosInstance {
  return instance(() => Promise.reject(new AuthingError(ErrorCodes.UNSUPPORTED, 'authing-js-sdk 的这个请求未接入微信网络层', null)));
}

export default { create };
