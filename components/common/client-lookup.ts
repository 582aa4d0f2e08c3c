import { AuthingError, ErrorCodes, getClient, getDefaultClient, type AuthCore } from '../../lib/core';

/**
 * The one shared client a component works with (DESIGN §1: never one per button):
 * - `app-id` (and `host`) given: the registry's client for them, created on first use;
 *   `app-id` alone also matches the app's default client of that app id, whatever its host;
 * - nothing given: the client the app created first (`new AuthenticationClient({ appId })`).
 */
export function findClient(appId: string, host: string): AuthCore {
  const id = appId.trim();
  const base = host.trim();
  const fallback = getDefaultClient();
  if (!id) {
    if (fallback) return fallback;
    throw new AuthingError(
      ErrorCodes.NO_CLIENT,
      '没有可用的 Authing 客户端：请给组件设置 app-id，或先在 app.js 中 new AuthenticationClient({ appId })',
    );
  }
  // A private deployment's client was registered with its host; a bare app-id must not start a second session on the public host.
  if (!base && fallback && fallback.options.appId === id) return fallback;
  return getClient(base ? { appId: id, host: base } : { appId: id });
}
