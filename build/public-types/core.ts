/**
 * The declared surface of `authing-wxapp-sdk/core` (types/core.d.ts). core.js exports more at run
 * time (the session store, transport and code manager the full client and the components are built
 * on); those stay internal: their types appear only where a public signature needs them.
 */
export * from '../../lib/full/core-exports';
// The core's own entry adds the client class itself (a value here) and the core's own User and ProfilePatch
// (the full entry's User is authing-js-sdk's).
export { AuthCore } from '../../lib/core';
export type { ProfilePatch, User } from '../../lib/core';
export type * from '../../components/types';
