/** Sent as `x-authing-sdk-version`; the build replaces it with package.json's version. */
export const SDK_VERSION: string = typeof __SDK_VERSION__ === 'string' ? __SDK_VERSION__ : '0.0.0-dev';

declare const __SDK_VERSION__: string | undefined;
