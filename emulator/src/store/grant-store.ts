import { createHash } from 'node:crypto';
import type { Db } from './database';
import { randomCode } from '../crypto/ids';

/**
 * What Authing's v3 flows keep between requests beyond the user and its sessions: refresh tokens
 * (one chain per login, rotated on use) and the one-time tickets the account flows hand out
 * (updateEmailToken, updatePhoneToken, deleteAccountToken). Only hashes are stored, as a password
 * would be: the tokens are bearer secrets. The tables hang off sessions and users, so deleting a
 * user or resetting the emulator takes them along (ON DELETE CASCADE).
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE INDEX IF NOT EXISTS refresh_tokens_session ON refresh_tokens (session_id);
  CREATE TABLE IF NOT EXISTS account_tickets (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('update-email', 'update-phone', 'delete-account')),
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    payload TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
`;

/** Authing's default refresh token lifetime (console: 应用 → 高级配置 → refresh_token 过期时间, 30 days). */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
/** The account tickets live 60 seconds (authing-node-sdk VerifyUpdateEmailRequestData, VerifyDeleteAccountRequestDataDto). */
export const ACCOUNT_TICKET_TTL_SECONDS = 60;

export type TicketKind = 'update-email' | 'update-phone' | 'delete-account';

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

export type RefreshOutcome = { ok: true; sessionId: string; scope: string } | { ok: false; reason: 'unknown' | 'expired' | 'reused' };

export class GrantStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    db.exec(SCHEMA);
  }

  issueRefreshToken(sessionId: string, scope: string): string {
    const token = randomCode(32);
    this.db
      .prepare('INSERT INTO refresh_tokens (token_hash, session_id, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(hash(token), sessionId, scope, this.now(), this.now() + REFRESH_TOKEN_TTL_MS);
    return token;
  }

  /**
   * Spends a refresh token: it works once. Synchronous from lookup to mark, so two requests racing
   * with the same token cannot both win. A token used before is reported as `reused`.
   */
  spendRefreshToken(token: string): RefreshOutcome {
    const row = this.db
      .prepare('SELECT session_id, scope, expires_at, used_at FROM refresh_tokens WHERE token_hash = ?')
      .get(hash(token)) as { session_id: string; scope: string; expires_at: number; used_at: number | null } | undefined;
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.used_at !== null) return { ok: false, reason: 'reused' };
    if (row.expires_at <= this.now()) return { ok: false, reason: 'expired' };
    this.db.prepare('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?').run(this.now(), hash(token));
    return { ok: true, sessionId: row.session_id, scope: row.scope };
  }

  /** The session a refresh token (used or not) belongs to, for revocation. */
  sessionOfRefreshToken(token: string): string | undefined {
    const row = this.db.prepare('SELECT session_id FROM refresh_tokens WHERE token_hash = ?').get(hash(token)) as
      { session_id: string } | undefined;
    return row?.session_id;
  }

  issueTicket(kind: TicketKind, userId: string, payload: Record<string, string | null>): string {
    const token = randomCode(24);
    this.db
      .prepare('INSERT INTO account_tickets (token_hash, kind, user_id, payload, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(hash(token), kind, userId, JSON.stringify(payload), this.now() + ACCOUNT_TICKET_TTL_SECONDS * 1000);
    return token;
  }

  /** Spends a ticket of that kind issued to that user; null when unknown, spent, expired or someone else's. */
  spendTicket(kind: TicketKind, userId: string, token: string): Record<string, string | null> | null {
    const row = this.db
      .prepare(
        'SELECT payload FROM account_tickets WHERE token_hash = ? AND kind = ? AND user_id = ? AND used_at IS NULL AND expires_at > ?',
      )
      .get(hash(token), kind, userId, this.now()) as { payload: string } | undefined;
    if (!row) return null;
    this.db.prepare('UPDATE account_tickets SET used_at = ? WHERE token_hash = ?').run(this.now(), hash(token));
    return JSON.parse(row.payload) as Record<string, string | null>;
  }
}
