import type { Db } from '../store/database';
import type { UserRecord, UserStore } from '../store/user-store';
import type { TokenService } from '../crypto/tokens';
import { AuthingCodes, AuthingError } from '../errors';
import { randomCode } from '../crypto/ids';
import type { GrantStore } from '../store/grant-store';

export interface IssuedToken {
  token: string;
  tokenExpiredAt: string;
  expiresIn: number;
}

/** What `/api/v3/signin-by-mobile` answers in `data` (LoginTokenResponseDataDto, read by the mini-program SDK). */
export interface TokenSet {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** The scope Authing grants when the login names none. */
export const DEFAULT_SCOPE = 'openid profile';

/**
 * OIDC claims by scope, as the mini-program SDK's LoginOptions documents them (types.ts):
 * profile → nickname, picture, gender, …; email → email, email_verified; phone → phone_number, phone_number_verified.
 */
function oidcClaims(user: UserRecord, scopes: Set<string>): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  if (scopes.has('profile')) {
    Object.assign(claims, {
      name: user.name,
      nickname: user.nickname,
      picture: user.photo,
      gender: user.gender,
      birthdate: user.birthdate,
      given_name: user.givenName,
      family_name: user.familyName,
      middle_name: user.middleName,
      preferred_username: user.preferredUsername,
      profile: user.profile,
      website: user.website,
      zoneinfo: user.zoneinfo,
      locale: user.locale,
      updated_at: user.updatedAt,
    });
  }
  if (scopes.has('username')) claims.username = user.username;
  if (scopes.has('email')) Object.assign(claims, { email: user.email, email_verified: user.emailVerified });
  if (scopes.has('phone')) Object.assign(claims, { phone_number: user.phone, phone_number_verified: user.phoneVerified });
  return claims;
}

type AuthFailure = 'expired' | 'invalid' | 'revoked';

/** What Authing puts in `data` of its id tokens, so clients can read the user without a request. */
function tokenData(user: UserRecord, appId: string) {
  return {
    type: 'user',
    userPoolId: user.userPoolId,
    appId,
    id: user.id,
    userId: user.id,
    _id: user.id,
    phone: user.phone,
    email: user.email,
    username: user.username,
    unionid: user.unionid,
    openid: user.openid,
    clientId: appId,
  };
}

/** Tokens are JWTs whose `jti` names a row here, so logout can revoke them before they expire. */
export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly users: UserStore,
    private readonly tokens: TokenService,
    private readonly grants: GrantStore,
    private readonly appId: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  private open(user: UserRecord): { id: string; createdAt: number; expiresAt: number } {
    const id = randomCode(12);
    const createdAt = this.now();
    const expiresAt = createdAt + this.ttlSeconds * 1000;
    this.db
      .prepare('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(id, user.id, createdAt, expiresAt);
    return { id, createdAt, expiresAt };
  }

  /** A v2 login: the user's `token`, an id token (Authing's docs say so) carrying the user in `data`. */
  async issue(user: UserRecord): Promise<IssuedToken> {
    const { id, createdAt, expiresAt } = this.open(user);
    const token = await this.tokens.sign({ sub: user.id, jti: id, data: tokenData(user, this.appId) }, this.ttlSeconds, createdAt);
    return { token, tokenExpiredAt: new Date(expiresAt).toISOString(), expiresIn: this.ttlSeconds };
  }

  /**
   * A v3 login: two distinct JWTs of one session, so logout revokes both. The id token carries the
   * user (`data`, the OIDC claims its scope grants, audience = app id); the access token carries the
   * scope. A refresh token only when the scope asks for offline_access (LoginOptions, types.ts).
   * A refresh passes the session it continues, so revoking any token of the login ends all of them.
   */
  async issueTokenSet(user: UserRecord, scope: string, sessionId?: string): Promise<TokenSet> {
    const id = sessionId ?? this.open(user).id;
    const issuedAt = this.now();
    const scopes = new Set(scope.split(/\s+/).filter(Boolean));
    const [idToken, accessToken] = await Promise.all([
      this.tokens.sign(
        { sub: user.id, jti: id, data: tokenData(user, this.appId), extra: oidcClaims(user, scopes) },
        this.ttlSeconds,
        issuedAt,
      ),
      this.tokens.sign({ sub: user.id, jti: id, extra: { scope } }, this.ttlSeconds, issuedAt),
    ]);
    return {
      access_token: accessToken,
      id_token: idToken,
      ...(scopes.has('offline_access') ? { refresh_token: this.grants.issueRefreshToken(id, scope) } : {}),
      token_type: 'Bearer',
      expires_in: this.ttlSeconds,
      scope,
    };
  }

  /**
   * grant_type=refresh_token: the token is spent and a new set (with a new refresh token) issued
   * for the same session. Presenting a spent token again is treated as theft (OAuth 2.0 Security
   * BCP, RFC 9700 §4.14.2): the whole session is revoked, so the thief's copy dies too.
   */
  async refresh(refreshToken: string): Promise<TokenSet | { failed: string }> {
    const spent = this.grants.spendRefreshToken(refreshToken);
    if (!spent.ok) {
      if (spent.reason === 'reused') this.revoke(this.grants.sessionOfRefreshToken(refreshToken)!);
      return { failed: spent.reason === 'expired' ? 'refresh token has expired' : 'refresh token is invalid or has been used' };
    }
    const session = this.db.prepare('SELECT user_id, revoked_at FROM sessions WHERE id = ?').get(spent.sessionId) as
      { user_id: string; revoked_at: number | null } | undefined;
    const user = session && session.revoked_at === null ? this.users.byId(session.user_id) : undefined;
    if (!user) return { failed: 'refresh token has been revoked' };
    return this.issueTokenSet(user, spent.scope, spent.sessionId);
  }

  /**
   * /oidc/token/revocation: an access, id or refresh token ends the login it belongs to (RFC 7009
   * §2.1 lets revoking either kind take the grant). Unknown and dead tokens are no error (§2.2).
   */
  async revokeToken(token: string): Promise<void> {
    const fromRefresh = this.grants.sessionOfRefreshToken(token);
    if (fromRefresh) return this.revoke(fromRefresh);
    const checked = await this.check(token);
    if (checked.ok) this.revoke(checked.sessionId);
  }

  /** Checks a token the way every authenticated Authing call does; returns why it is refused. */
  async check(
    token: string,
  ): Promise<
    { ok: true; user: UserRecord; sessionId: string; exp: number; iat: number; kind: 'id' | 'access' } | { ok: false; reason: AuthFailure }
  > {
    const verified = await this.tokens.verify(token, this.now());
    if (!verified.ok) return verified;
    const session = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(verified.claims.jti) as
      { user_id: string; revoked_at: number | null } | undefined;
    if (!session || session.user_id !== verified.claims.sub) return { ok: false, reason: 'invalid' };
    if (session.revoked_at !== null) return { ok: false, reason: 'revoked' };
    const user = this.users.byId(session.user_id);
    if (!user) return { ok: false, reason: 'invalid' };
    const kind = verified.claims.data ? 'id' : 'access';
    return { ok: true, user, sessionId: verified.claims.jti, exp: verified.claims.exp, iat: verified.claims.iat, kind };
  }

  /**
   * The v2 API and GraphQL: `Authorization: Bearer <token>` where the token is the v2 user's token
   * or a v3 id token (the same kind, per Authing's docs). A v3 access token is not taken here: no
   * Authing source says the v2 API accepts one (an open question, see the emulator README).
   */
  async authenticate(authorization: string | undefined): Promise<{ user: UserRecord; sessionId: string }> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new AuthingError(AuthingCodes.notLoggedIn, '尚未登录，无访问权限');
    return this.accept(await this.check(match[1]), ['id']);
  }

  /**
   * The v3 API: Authing's mini-program SDK sends the access token raw (`Authorization: <token>`),
   * its Android SDK as `Bearer <token>` and, lacking an access token, the id token.
   */
  async authenticateV3(authorization: string | undefined): Promise<{ user: UserRecord; sessionId: string }> {
    const token = /^(?:Bearer\s+)?(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new AuthingError(AuthingCodes.notLoggedIn, '尚未登录，无访问权限', 401);
    return this.accept(await this.check(token), ['access', 'id'], 401);
  }

  private accept(
    result: Awaited<ReturnType<SessionService['check']>>,
    kinds: Array<'id' | 'access'>,
    status = 200,
  ): { user: UserRecord; sessionId: string } {
    if (result.ok && kinds.includes(result.kind)) return result;
    const reason = result.ok ? 'invalid' : result.reason;
    const message = reason === 'expired' ? '登录信息已过期' : reason === 'revoked' ? '登录状态已注销' : '非法的 token';
    throw new AuthingError(AuthingCodes.notLoggedIn, message, status);
  }

  revoke(sessionId: string): void {
    this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(this.now(), sessionId);
  }

  revokeAllOf(userId: string): void {
    this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(this.now(), userId);
  }
}
