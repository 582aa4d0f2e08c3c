import type { AuthCore } from '../../core';
import { findHeader, headerRecord, toHttpRequest, type SdkRequestConfig } from './request-config';
import { readOptionsFor } from './reply-expectations';
import { CoreBackedClient } from './core-backed-client';
import { guardedReply } from './stale-reply';

/**
 * authing-js-sdk's `httpClient` option (REST under `{host}/api/…`), on the shared core: Authing's
 * envelope is unwrapped to `data`, failures reject with AuthingError and reach onError once.
 * `extraHeaders` carries what the core does not know (the tenant id).
 */
export function coreHttpClient(core: AuthCore, extraHeaders: Record<string, string>) {
  return class CoreHttpClient extends CoreBackedClient {
    async request(config: SdkRequestConfig): Promise<unknown> {
      const { transport } = core;
      // Like authing-js-sdk's HttpClient, keep only the caller's `authorization` (an MFA token…).
      const authorization = config.unSetToken ? undefined : findHeader(headerRecord(config.headers), 'authorization');
      const headers = Object.assign({}, extraHeaders, authorization ? { Authorization: authorization } : {});
      const request = toHttpRequest(transport, config, headers);
      request.anonymous = !!config.unSetToken || !!authorization;
      return guardedReply(core, async () =>
        transport.read(await transport.send(request), config.notHandleRes ? 'raw' : 'envelope', readOptionsFor(request.url)),
      );
    }
  };
}
