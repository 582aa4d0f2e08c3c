import { AuthingError, ErrorCodes, isAuthingError } from './errors';
import { isTokenSet, oidcTokensOf, type OidcTokens, type OidcTokenSet } from './oidc-session';
import { readReply } from './reply';
import type { SessionStore } from './session-store';
import type { Transport } from './transport';

/** A v3 call made this close to the access token's expiry renews the session first. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * Authing refused the refresh token itself (RFC 6749 §5.2 `invalid_grant`: expired, revoked, or
 * already used once rotated): the session is over. Any other failure (offline, a 5xx) says nothing
 * about the session, which is kept.
 */
function isDeadGrant(error: unknown): error is AuthingError {
  if (!isAuthingError(error) || !error.data || typeof error.data !== 'object') return false;
  return (error.data as { error?: unknown }).error === 'invalid_grant';
}

/**
 * Renews a v3 (OIDC) session with its refresh token, as Authing's mini-program SDK does
 * (`POST /oidc/token`, form `grant_type=refresh_token&redirect_uri=&refresh_token=…`, header
 * `x-authing-app-id`): explicitly (`refresh`), or before a v3 call whose access token is about to
 * expire (`accessToken`). Concurrent callers share one exchange: a rotated refresh token can be
 * used once only, so two exchanges would end the session.
 */
export class TokenRefresher {
  private flight: Promise<OidcTokens> | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly session: SessionStore,
    private readonly now: () => number,
  ) {}

  /** True when the access token (or the id token) expires within the margin. */
  private expiring(tokens: OidcTokens): boolean {
    if (this.session.getToken() === null) return true;
    return tokens.expiresAt !== null && tokens.expiresAt - REFRESH_MARGIN_MS <= this.now();
  }

  /**
   * The access token for a v3 call, renewed first when it is about to expire. When the renewal
   * fails for a reason other than a dead refresh token (offline, Authing busy) and the token has
   * not expired yet, the call goes on with it, and that renewal failure is no one's to hear; after
   * expiry the failure is the caller's, told to onError.
   */
  async accessToken(): Promise<string> {
    const current = this.session.getRefreshable();
    if (!current) throw this.notLoggedIn();
    const { tokens } = current;
    if (!this.expiring(tokens)) return tokens.accessToken;
    if (!tokens.refreshToken) throw this.notLoggedIn();
    try {
      return (await this.shared()).accessToken;
    } catch (error) {
      const stillValid = this.session.getToken() !== null && (tokens.expiresAt === null || tokens.expiresAt > this.now());
      const sessionOver = isAuthingError(error) && (error.code === ErrorCodes.SESSION_EXPIRED || error.code === ErrorCodes.CANCELLED);
      if (stillValid && !sessionOver) return tokens.accessToken;
      throw this.told(error);
    }
  }

  /** Renews the session now (single-flight). Rejects NOT_LOGGED_IN without a v3 session that has a refresh token. */
  refresh(): Promise<OidcTokens> {
    return this.shared().catch((error: unknown) => {
      throw this.told(error);
    });
  }

  /** One exchange for every caller; its failure is not told here (each caller decides, onError hears it once). */
  private shared(): Promise<OidcTokens> {
    if (!this.flight) this.flight = this.exchange().finally(() => (this.flight = null));
    return this.flight;
  }

  private told(error: unknown): unknown {
    return isAuthingError(error) ? this.transport.fail(error) : error;
  }

  private notLoggedIn(): AuthingError {
    const expired = this.session.isExpired();
    return this.transport.fail(new AuthingError(ErrorCodes.NOT_LOGGED_IN, expired ? '登录已过期，请重新登录' : '请先登录'));
  }

  private async exchange(): Promise<OidcTokens> {
    const current = this.session.getRefreshable();
    if (!current || !current.tokens.refreshToken) throw this.notLoggedIn();
    const reply = await this.transport.exchange({
      method: 'POST',
      url: '/oidc/token',
      data: { grant_type: 'refresh_token', redirect_uri: '', refresh_token: current.tokens.refreshToken },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      anonymous: true,
    });
    let set: OidcTokenSet | null;
    try {
      set = readReply<OidcTokenSet | null>(reply, 'raw');
    } catch (error) {
      if (!isDeadGrant(error)) throw error;
      // Only the session this refresh token belonged to ends; a newer login stays.
      if (this.session.getRefreshable()?.token === current.token) this.session.clear(false);
      throw new AuthingError(ErrorCodes.SESSION_EXPIRED, '登录已失效，请重新登录', error.data, error.statusCode);
    }
    if (!isTokenSet(set)) throw new AuthingError(ErrorCodes.BAD_RESPONSE, '刷新登录状态时服务器没有返回 token', set);
    const next = oidcTokensOf(set, this.now());
    // A server that does not rotate answers without a refresh token: the old one stays good.
    if (!next.refreshToken) next.refreshToken = current.tokens.refreshToken;
    if (!this.session.refreshed(set.id_token, next, current.token)) {
      throw new AuthingError(ErrorCodes.CANCELLED, '刷新期间已退出或有新的登录，此次刷新结果已丢弃', { reason: 'superseded' });
    }
    return next;
  }
}
