/** The declared surface of `authing-wxapp-sdk` (types/index.d.ts): the full client, and the components' types. */
export * from '../../lib/index';
export type * from '../../components/types';
