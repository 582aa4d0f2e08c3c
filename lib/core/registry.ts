import { AuthCore, type CoreDependencies } from './auth-core';
import { resolveOptions } from './options';
import type { CoreOptions } from './options';

/**
 * One AuthCore per Authing app and host, shared by every component and the full client: all
 * buttons on all pages see one session, one login in flight, one held wx.login code.
 */
const clients = new Map<string, AuthCore>();
let defaultClient: AuthCore | null = null;

function keyOf(appId: string, host: string): string {
  return `${host}|${appId}`;
}

/** The shared client for these options, created on first use. The first one created becomes the default. */
export function getClient(options: CoreOptions, deps?: CoreDependencies): AuthCore {
  const resolved = resolveOptions(options);
  const key = keyOf(resolved.appId, resolved.host);
  let client = clients.get(key);
  if (!client) {
    client = new AuthCore(options, deps);
    clients.set(key, client);
  } else {
    client.configure(options);
    if (resolved.accessToken && client.getToken() !== resolved.accessToken) client.session.setToken(resolved.accessToken);
  }
  if (!defaultClient) defaultClient = client;
  return client;
}

/** Makes a client the one components use when they are given no `app-id`. */
export function setDefaultClient(client: AuthCore): void {
  clients.set(keyOf(client.options.appId, client.options.host), client);
  defaultClient = client;
}

export function getDefaultClient(): AuthCore | null {
  return defaultClient;
}

/** Forgets every shared client (tests, or an app switching Authing apps). Sessions stay in storage. */
export function resetClients(): void {
  clients.clear();
  defaultClient = null;
}
