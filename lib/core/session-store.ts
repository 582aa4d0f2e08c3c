import { decodeToken, isTokenExpired, type TokenClaims } from './jwt';
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
  /** Present only after a v3 login; a v2 login or a new token replaces it, so two logins never leave two sessions. */
  private oidc: OidcTokens | null = null;
  private loaded = false;
  private readonly listeners: AuthStateListener[] = [];

  constructor(
    private readonly storage: StorageAdapter = wxStorage,
    private readonly now: () => number = Date.now,
  ) {}

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const token = this.storage.get(TOKEN_KEY);
    const user = this.storage.get(USER_KEY);
    const oidc = this.storage.get(OIDC_KEY);
    // wx returns '' for a missing key; the seed SDK could also leave the string 'null' behind.
    this.token = typeof token === 'string' && token && token !== 'null' && token !== 'undefined' ? token : null;
    this.claims = this.token ? decodeToken(this.token) : null;
    this.user = user && typeof user === 'object' && typeof (user as User).id === 'string' ? (user as User) : null;
    // A stored user whose id disagrees with the token's is stale (the seed's `token` option left one behind).
    const tokenUserId = this.claims?.sub ?? this.claims?.data?.id;
    if (this.user && tokenUserId && this.user.id !== tokenUserId) this.user = null;
    this.oidc = this.token && isOidcTokens(oidc) ? oidc : null;
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
    return this.user?.id ?? this.claims?.sub ?? this.claims?.data?.id ?? null;
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
    return this.getToken() ? (this.oidc?.accessToken ?? null) : null;
  }

  getOidcTokens(): OidcTokens | null {
    return this.getToken() ? this.oidc : null;
  }

  /** After a login: the user object carries the new (id) token; a v3 login adds its access and refresh tokens. */
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
    this.persist(token, { ...user, token }, tokenChanged ? null : this.oidc);
    this.emit(tokenChanged ? 'TOKEN_REFRESHED' : 'USER_UPDATED');
  }

  /** A token without a user object (accessToken option, refreshToken, setToken). */
  setToken(token: string): void {
    this.load();
    const wasSignedIn = this.getToken() !== null;
    const claims = decodeToken(token);
    const sameUser = this.user && (claims?.sub ?? claims?.data?.id) === this.user.id;
    this.persist(token, sameUser && this.user ? { ...this.user, token } : null, token === this.token ? this.oidc : null);
    this.emit(wasSignedIn ? 'TOKEN_REFRESHED' : 'SIGNED_IN');
  }

  clear(): void {
    this.load();
    const wasSignedIn = this.token !== null;
    this.token = null;
    this.claims = null;
    this.user = null;
    this.oidc = null;
    this.safely(() => {
      this.storage.remove(TOKEN_KEY);
      this.storage.remove(USER_KEY);
      this.storage.remove(OIDC_KEY);
    });
    if (wasSignedIn) this.emit('SIGNED_OUT');
  }

  onAuthStateChange(listener: AuthStateListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  private persist(token: string, user: User | null, oidc: OidcTokens | null): void {
    // A profile update keeps the token: no need to decode it again or rewrite it (half the storage I/O per request).
    const sameToken = token === this.token;
    const sameOidc = oidc === this.oidc;
    this.token = token;
    if (!sameToken) this.claims = decodeToken(token);
    this.user = user;
    this.oidc = oidc;
    this.safely(() => {
      if (!sameToken) this.storage.set(TOKEN_KEY, token);
      if (user) this.storage.set(USER_KEY, user);
      else this.storage.remove(USER_KEY);
      if (!sameOidc) {
        if (oidc) this.storage.set(OIDC_KEY, oidc);
        else this.storage.remove(OIDC_KEY);
      }
    });
  }

  /** A full or failing storage keeps the session in memory for this launch rather than losing it. */
  private safely(write: () => void): void {
    try {
      write();
    } catch (error) {
      console.error('[authing-wxapp-sdk] could not persist the session', error);
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

function isOidcTokens(value: unknown): value is OidcTokens {
  return !!value && typeof value === 'object' && typeof (value as OidcTokens).accessToken === 'string';
}
