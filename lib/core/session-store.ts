import { AuthingError, ErrorCodes, wxErrMsg } from './errors';
import { claimedUserId, decodeToken, isTokenExpired, type TokenClaims } from './jwt';
import type { OidcTokens } from './oidc-session';
import type { User } from './user';

/** Where the session is persisted. Synchronous, like wx's *Sync storage, so reads never wait. */
export interface StorageAdapter {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

/** The seed SDK's keys: apps upgrading from authing-wxapp-sdk 4.x keep their users signed in. */
export const TOKEN_KEY = '_authing_token';
export const USER_KEY = '_authing_user';
/** A v3 (OIDC) login's access and refresh tokens, kept beside the id token in `TOKEN_KEY`. */
export const OIDC_KEY = '_authing_oidc';

export type AuthEvent = 'SIGNED_IN' | 'SIGNED_OUT' | 'TOKEN_REFRESHED' | 'USER_UPDATED';

export interface Session {
  token: string | null;
  user: User | null;
}

export type AuthStateListener = (event: AuthEvent, session: Session) => void;

/**
 * Taken when a login starts. Its reply may install a session only if, meanwhile, no logout and no
 * later-started login changed the session here, and no other client rewrote the stored token.
 */
export interface LoginTicket {
  readonly seq: number;
  /**
   * The stored token as this store knows it when the login started (what it loaded or last wrote:
   * no storage read per request); another client over this storage (a relaunch) shows as a change.
   */
  readonly stored: unknown;
}

/** Told when the session could not be written to storage (full, or over WeChat's 1 MB per key). */
export type PersistFailureListener = (error: AuthingError) => void;

export const wxStorage: StorageAdapter = {
  get: (key) => wx.getStorageSync(key),
  set: (key, value) => wx.setStorageSync(key, value),
  remove: (key) => wx.removeStorageSync(key),
};

/**
 * Token and user, read from storage once and then served from memory. Storage is written before
 * any login promise resolves, so a relaunch right after login finds the session.
 */
export class SessionStore {
  private token: string | null = null;
  private claims: TokenClaims | null = null;
  private user: User | null = null;
  /**
   * Present only after a v3 login; a v2 login or a new token replaces it, so two logins never leave
   * two sessions. `undefined` until first needed: a relaunch reads only the two keys it always needs.
   */
  private oidc: OidcTokens | null | undefined = undefined;
  private loaded = false;
  private readonly listeners: AuthStateListener[] = [];
  /** Tickets handed out so far; every logout, login start and token install takes the next number. */
  private issued = 0;
  /** The number of the last logout or installed session: replies of logins started before it are stale. */
  private settled = 0;

  constructor(
    private readonly storage: StorageAdapter = wxStorage,
    private readonly now: () => number = Date.now,
    private readonly onPersistFailure: PersistFailureListener = (error) => console.error('[authing-wxapp-sdk]', error),
  ) {}

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const token = this.storage.get(TOKEN_KEY);
    const user = this.storage.get(USER_KEY);
    // wx returns '' for a missing key; the seed SDK could also leave the string 'null' behind.
    this.token = typeof token === 'string' && token && token !== 'null' && token !== 'undefined' ? token : null;
    this.claims = this.token ? decodeToken(this.token) : null;
    this.user = user && typeof user === 'object' && typeof (user as User).id === 'string' ? (user as User) : null;
    // A stored user whose id disagrees with the token's is stale (the seed's `token` option left one behind).
    const tokenUserId = claimedUserId(this.claims);
    if (this.user && tokenUserId && this.user.id !== tokenUserId) this.user = null;
  }

  /** The v3 tokens, read from storage the first time they are asked for. */
  private oidcTokens(): OidcTokens | null {
    this.load();
    if (this.oidc === undefined) {
      const stored = this.token ? this.storage.get(OIDC_KEY) : null;
      this.oidc = isOidcTokens(stored) ? stored : null;
    }
    return this.oidc;
  }

  /** The token, or null when there is none or it has expired (seen locally, no request). */
  getToken(): string | null {
    this.load();
    if (this.token && isTokenExpired(this.claims, this.now())) return null;
    return this.token;
  }

  getUser(): User | null {
    this.load();
    return this.getToken() ? this.user : null;
  }

  /** The id of the signed-in user, from the stored user or the token's claims. */
  getUserId(): string | null {
    if (!this.getToken()) return null;
    return (this.user ? this.user.id : undefined) ?? claimedUserId(this.claims) ?? null;
  }

  getSession(): Session {
    return { token: this.getToken(), user: this.getUser() };
  }

  isExpired(): boolean {
    this.load();
    return this.token !== null && isTokenExpired(this.claims, this.now());
  }

  /** The access token of a v3 login (what `/api/v3/*` calls authorise with), or null. */
  getAccessToken(): string | null {
    return this.getToken() ? (this.oidcTokens()?.accessToken ?? null) : null;
  }

  getOidcTokens(): OidcTokens | null {
    return this.getToken() ? this.oidcTokens() : null;
  }

  /** True when the session token expires within `marginMs` (or has expired): from its claims, no storage read. */
  expiresWithin(marginMs: number): boolean {
    this.load();
    return this.token !== null && isTokenExpired(this.claims, this.now() + marginMs);
  }

  /**
   * A v3 session's tokens even once its id token has expired (what a refresh starts from), with
   * the session token they belong to. Null after a v2 login, a logout, or when none was stored.
   */
  getRefreshable(): { token: string; tokens: OidcTokens } | null {
    this.load();
    const tokens = this.token ? this.oidcTokens() : null;
    return this.token && tokens ? { token: this.token, tokens } : null;
  }

  /**
   * Installs a refresh's tokens (TOKEN_REFRESHED), unless the session changed since the refresh
   * started from `from` (a logout, or another login): then false, and nothing is installed.
   */
  refreshed(idToken: string, tokens: OidcTokens, from: string): boolean {
    this.load();
    if (this.token !== from) return false;
    const sameUser = this.user !== null && claimedUserId(decodeToken(idToken)) === this.user.id;
    this.persist(idToken, sameUser && this.user ? Object.assign({}, this.user, { token: idToken }) : null, tokens);
    this.emit('TOKEN_REFRESHED');
    return true;
  }

  /** Call when a login starts; `claim` the ticket when its reply comes, before signIn. */
  begin(): LoginTicket {
    this.load();
    return { seq: ++this.issued, stored: this.token ?? '' };
  }

  /**
   * Before installing a login's reply: false when a logout, a later-started login or another client
   * changed the session since the ticket (logout wins over a login in flight); else true, and logins
   * started before this one are stale from now on.
   */
  claim(ticket: LoginTicket): boolean {
    this.load();
    if (ticket.seq <= this.settled) return false;
    // Our own writes (a profile reply's new token) are no one else's change.
    const stored = this.readStoredToken();
    if (stored !== ticket.stored && stored !== (this.token ?? '')) return false;
    this.settled = ticket.seq;
    return true;
  }

  /**
   * After a login (its ticket claimed): the user object carries the new (id) token; a v3 login adds
   * its access and refresh tokens.
   */
  signIn(user: User, oidc: OidcTokens | null = null): void {
    if (!user.token) throw new Error('signIn needs a user with a token');
    this.load();
    this.persist(user.token, user, oidc);
    this.emit('SIGNED_IN');
  }

  /**
   * A fresh copy of the user (updateProfile, getCurrentUser…). Its `token` is usually null: that
   * must never replace the stored token, or the user would be silently signed out. A reply to a
   * request made under another session (signed out, or someone else signed in since) is dropped.
   */
  updateUser(user: User, requestedWith: string | null = this.token): void {
    this.load();
    if (this.token === null || requestedWith !== this.token) return;
    const token = user.token || this.token;
    if (!token) return;
    const tokenChanged = token !== this.token;
    this.persist(token, Object.assign({}, user, { token }), tokenChanged ? null : KEEP);
    this.emit(tokenChanged ? 'TOKEN_REFRESHED' : 'USER_UPDATED');
  }

  /** A token without a user object (accessToken option, refreshToken, setToken). */
  setToken(token: string): void {
    if (typeof token !== 'string' || !token) {
      throw new AuthingError(ErrorCodes.INVALID_ARGUMENT, `token 必须是非空字符串（收到 ${typeof token}）`);
    }
    this.load();
    this.settled = ++this.issued;
    const wasSignedIn = this.getToken() !== null;
    const claims = decodeToken(token);
    const sameUser = this.user && claimedUserId(claims) === this.user.id;
    this.persist(token, sameUser && this.user ? Object.assign({}, this.user, { token }) : null, token === this.token ? KEEP : null);
    this.emit(wasSignedIn ? 'TOKEN_REFRESHED' : 'SIGNED_IN');
  }

  /**
   * Signs out here. A logout (the default) also makes every login in flight stale; Authing saying
   * the token is dead (`cancelPending` false) ends only this session, and a login in flight still lands.
   */
  clear(cancelPending = true): void {
    this.load();
    const wasSignedIn = this.token !== null;
    if (cancelPending) this.settled = ++this.issued;
    this.token = null;
    this.claims = null;
    this.user = null;
    this.oidc = null;
    this.safely(() => this.removeAll());
    if (wasSignedIn) this.emit('SIGNED_OUT');
  }

  onAuthStateChange(listener: AuthStateListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** `oidc`: the v3 tokens that go with this token, or KEEP when the token is the same one as before. */
  private persist(token: string, user: User | null, oidc: OidcTokens | null | typeof KEEP): void {
    // A profile update keeps the token: no need to decode it again or rewrite it (half the storage I/O per request).
    const sameToken = token === this.token;
    this.token = token;
    if (!sameToken) this.claims = decodeToken(token);
    this.user = user;
    if (oidc !== KEEP) this.oidc = oidc;
    this.safely(() => {
      if (!sameToken) this.storage.set(TOKEN_KEY, token);
      if (user) this.storage.set(USER_KEY, user);
      else this.storage.remove(USER_KEY);
      // A v2 login removes what a v3 login left: one session, never two competing tokens.
      if (oidc !== KEEP) {
        if (oidc) this.storage.set(OIDC_KEY, oidc);
        else this.storage.remove(OIDC_KEY);
      }
    });
  }

  /**
   * A full or failing storage keeps the session in memory for this launch rather than losing it,
   * and the app hears of it (STORAGE_FAILED). What storage still holds is removed, best effort, so
   * that a relaunch finds no one signed in rather than an older session.
   */
  private safely(write: () => void): void {
    try {
      write();
    } catch (error) {
      try {
        this.removeAll();
      } catch {
        // Storage refuses even removals: nothing more can be done here.
      }
      this.onPersistFailure(
        new AuthingError(ErrorCodes.STORAGE_FAILED, `登录状态无法写入本地存储，重启小程序后需重新登录: ${wxErrMsg(error)}`, error),
      );
    }
  }

  private removeAll(): void {
    for (const key of [TOKEN_KEY, USER_KEY, OIDC_KEY]) this.storage.remove(key);
  }

  /** The token in storage now; '' when there is none (wx's answer for a missing key). */
  private readStoredToken(): unknown {
    try {
      return this.storage.get(TOKEN_KEY) || '';
    } catch {
      return '';
    }
  }

  private emit(event: AuthEvent): void {
    const session = this.getSession();
    for (const listener of this.listeners.slice()) {
      try {
        listener(event, session);
      } catch (error) {
        console.error('[authing-wxapp-sdk] onAuthStateChange listener threw', error);
      }
    }
  }
}

/** persist(): the v3 tokens stay as they are (same session token, e.g. a profile update). */
const KEEP = 'keep';

function isOidcTokens(value: unknown): value is OidcTokens {
  return !!value && typeof value === 'object' && typeof (value as OidcTokens).accessToken === 'string';
}
