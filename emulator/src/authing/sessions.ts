import type { Db } from '../store/database';
import type { UserRecord, UserStore } from '../store/user-store';
import type { TokenService } from '../crypto/tokens';
import { AuthingCodes, AuthingError } from '../errors';
import { randomCode } from '../crypto/ids';

export interface IssuedToken {
  token: string;
  tokenExpiredAt: string;
  expiresIn: number;
}

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
    private readonly appId: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  async issue(user: UserRecord): Promise<IssuedToken> {
    const id = randomCode(12);
    const createdAt = this.now();
    const expiresAt = createdAt + this.ttlSeconds * 1000;
    this.db
      .prepare('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(id, user.id, createdAt, expiresAt);
    const token = await this.tokens.sign({ sub: user.id, jti: id, data: tokenData(user, this.appId) }, this.ttlSeconds, createdAt);
    return { token, tokenExpiredAt: new Date(expiresAt).toISOString(), expiresIn: this.ttlSeconds };
  }

  /** Checks a token the way every authenticated Authing call does; returns why it is refused. */
  async check(
    token: string,
  ): Promise<
    { ok: true; user: UserRecord; sessionId: string; exp: number; iat: number } | { ok: false; reason: 'expired' | 'invalid' | 'revoked' }
  > {
    const verified = await this.tokens.verify(token, this.now());
    if (!verified.ok) return verified;
    const session = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(verified.claims.jti) as
      { user_id: string; revoked_at: number | null } | undefined;
    if (!session || session.user_id !== verified.claims.sub) return { ok: false, reason: 'invalid' };
    if (session.revoked_at !== null) return { ok: false, reason: 'revoked' };
    const user = this.users.byId(session.user_id);
    if (!user) return { ok: false, reason: 'invalid' };
    return { ok: true, user, sessionId: verified.claims.jti, exp: verified.claims.exp, iat: verified.claims.iat };
  }

  /** Reads `Authorization: Bearer …` and returns the signed-in user, or Authing's "not logged in". */
  async authenticate(authorization: string | undefined): Promise<{ user: UserRecord; sessionId: string }> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new AuthingError(AuthingCodes.notLoggedIn, '尚未登录，无访问权限');
    const result = await this.check(match[1]);
    if (!result.ok) {
      const message = result.reason === 'expired' ? '登录信息已过期' : result.reason === 'revoked' ? '登录状态已注销' : '非法的 token';
      throw new AuthingError(AuthingCodes.notLoggedIn, message);
    }
    return result;
  }

  revoke(sessionId: string): void {
    this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(this.now(), sessionId);
  }

  revokeAllOf(userId: string): void {
    this.db.prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(this.now(), userId);
  }
}
