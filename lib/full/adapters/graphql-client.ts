import type { AuthCore } from '../../core';
import { CoreBackedClient } from './core-backed-client';
import { guardedReply } from './stale-reply';

/** What authing-js-sdk's GraphQL helpers hand their client (src/lib/graphqlapi.ts). */
export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown>;
  /** The token to send; null sends none. authing-js-sdk passes the token provider's. */
  token?: string | null;
}

/**
 * authing-js-sdk's `graphqlClient` option: a class it constructs with (endpoint, options). This one
 * ignores both (but for the tenant header) and sends through the shared core, so GraphQL and the WeChat endpoints can never
 * point at different hosts, and errors are AuthingErrors with Authing's code, reported once.
 */
export function coreGraphqlClient(core: AuthCore, extraHeaders: Record<string, string> = {}) {
  return class CoreGraphqlClient extends CoreBackedClient {
    request({ query, variables, token }: GraphqlRequest): Promise<unknown> {
      // extraHeaders: the tenant header, which authing-js-sdk's own GraphqlClient sends on every call.
      return guardedReply(core, () => core.transport.graphql(query, variables, token === undefined ? undefined : token, extraHeaders));
    }
  };
}
