/**
 * What authing-js-sdk asks of its `graphqlClient` and `httpClient` besides `request`: it constructs
 * each with its options (GraphqlClient(endpoint, options), HttpClient(options, tokenProvider)) and
 * hands them new options through `setOptions` (setRequestFrom). Ours send through the shared core,
 * which holds the host, headers and timeout, so there is nothing in those options for them to keep.
 */
export abstract class CoreBackedClient {
  setOptions(_options: unknown): void {
    // Nothing to keep: see above.
  }
}
