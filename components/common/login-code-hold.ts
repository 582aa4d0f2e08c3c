import type { AuthCore } from '../../lib/core';
import { ComponentErrorCodes, componentError } from './error-codes';

/**
 * The wx.login code the legacy flows (iv + encryptedData) must hold before the tap.
 *
 * WeChat may rotate the session_key at wx.login, and the button's encryptedData is made under the
 * key current at the tap, so no wx.login may run between the tap and the exchange. The core keeps
 * a code fresh while held (`codes.keepFresh()`) and fetches the next one only after an exchange
 * settles; what it cannot know is where the tap is. `codes.take()` runs wx.login when it holds
 * nothing usable: right for a silent login, wrong after a tap. So a tap here only waits for a
 * wx.login that started before it, and otherwise reports that no code is ready.
 */
const ready = new WeakMap<AuthCore, Promise<void>>();
/** Components holding a code per client: only those flows refresh on page show. */
const holders = new WeakMap<AuthCore, number>();

function prefetch(client: AuthCore): void {
  // Shares keepFresh's wx.login when one is in flight, so the tap can wait for that one.
  ready.set(
    client,
    client.codes.prefetch().catch(() => undefined),
  );
}

/** Keeps a fresh code for this client while the caller is on screen. Returns the release. */
export function holdLoginCode(client: AuthCore): () => void {
  const release = client.codes.keepFresh();
  holders.set(client, (holders.get(client) ?? 0) + 1);
  prefetch(client);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders.set(client, (holders.get(client) ?? 1) - 1);
    release();
  };
}

/**
 * The page came back from the background, where timers may not have run: fetch a new code now,
 * before any tap, if the held one is too old.
 */
export function refreshLoginCode(client: AuthCore): void {
  if ((holders.get(client) ?? 0) > 0 && !client.codes.hasFreshCode()) prefetch(client);
}

/**
 * Runs a legacy exchange (loginByPhone, getPhone, loginByCode with encrypted data) with the code
 * obtained before the tap. Never starts a wx.login for this tap: that could rotate the session_key
 * the tap's encryptedData was made under. No usable code: LOGIN_CODE_UNAVAILABLE, and one is
 * fetched for the next tap.
 */
export async function exchangeHeldCode<T>(client: AuthCore, exchange: (code: string) => Promise<T>): Promise<T> {
  await ready.get(client);
  if (!client.codes.hasUsableCode()) {
    prefetch(client);
    throw componentError(ComponentErrorCodes.LOGIN_CODE_UNAVAILABLE, '登录凭证尚未就绪（wx.login 须在点击前完成），请再点一次');
  }
  const code = await client.codes.take();
  try {
    return await exchange(code);
  } finally {
    // The core fetches the next code once the exchange settles; starting it here lets a quick next tap wait for it.
    if ((holders.get(client) ?? 0) > 0) prefetch(client);
  }
}
