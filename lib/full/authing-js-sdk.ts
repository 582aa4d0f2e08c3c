/**
 * The one door to authing-js-sdk. Types come from its published declarations (build/main); the
 * build bundles its TypeScript sources (src/) in their place, with the browser-only parts swapped
 * for WeChat ones (build/wx-bundle-plugin.ts). Nothing else in lib/ imports authing-js-sdk.
 */
export { AuthenticationClient as SdkAuthenticationClient } from 'authing-js-sdk/build/main/lib/authentication/AuthenticationClient';
export { AuthenticationTokenProvider } from 'authing-js-sdk/build/main/lib/authentication/AuthenticationTokenProvider';
export { GraphqlClient } from 'authing-js-sdk/build/main/lib/common/GraphqlClient';
export { HttpClient } from 'authing-js-sdk/build/main/lib/common/HttpClient';
export { convertUdvToKeyValuePair } from 'authing-js-sdk/build/main/lib/utils';
export type { AuthenticationClientOptions } from 'authing-js-sdk/build/main/lib/authentication/types';
export type { User as SdkUser } from 'authing-js-sdk/build/main/types/index';
