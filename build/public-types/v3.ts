/** The declared surface of `authing-wxapp-sdk/v3` (types/v3.d.ts): the v3 client and its types. */
export * from '../../lib/v3';
