import type { Db } from './database';
import { digits } from '../crypto/ids';

/** Verification codes are valid this long, as Authing's SMS and email codes. */
export const MESSAGE_CODE_TTL_MS = 5 * 60 * 1000;
/** Wrong guesses a code survives; after that it is dead, so a 4-digit code cannot be brute-forced. */
export const MAX_CODE_ATTEMPTS = 5;

export interface MessageRow {
  id: number;
  channel: 'sms' | 'email';
  recipient: string;
  scene: string;
  code: string;
  createdAt: number;
  usedAt: number | null;
}

/** SMS and email codes are "sent" here; the control API reveals them to tests. */
export class MessageStore {
  // Kept outside the database on purpose: a failed check throws inside the caller's transaction,
  // which would roll a stored counter back.
  private readonly failures = new Map<number, number>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  send(channel: MessageRow['channel'], recipient: string, scene: string): MessageRow {
    const code = digits(channel === 'sms' ? 4 : 6);
    const info = this.db
      .prepare('INSERT INTO messages (channel, recipient, scene, code, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(channel, recipient, scene, code, this.now());
    return { id: Number(info.lastInsertRowid), channel, recipient, scene, code, createdAt: this.now(), usedAt: null };
  }

  /**
   * Consumes the newest unused, unexpired code for that recipient; false if the code does not match.
   * With a scene (v3's channel, e.g. CHANNEL_LOGIN) only a code sent for that purpose counts.
   */
  consume(channel: MessageRow['channel'], recipient: string, code: string, scene?: string): boolean {
    const row = this.db
      .prepare(
        `SELECT id, code FROM messages WHERE channel = ? AND recipient = ? AND used_at IS NULL AND created_at > ?
         AND (? IS NULL OR scene = ?) ORDER BY id DESC LIMIT 1`,
      )
      .get(channel, recipient, this.now() - MESSAGE_CODE_TTL_MS, scene ?? null, scene ?? null) as { id: number; code: string } | undefined;
    if (!row) return false;
    const failed = this.failures.get(row.id) ?? 0;
    if (failed >= MAX_CODE_ATTEMPTS) return false;
    if (row.code !== code) {
      this.failures.set(row.id, failed + 1);
      return false;
    }
    this.db.prepare('UPDATE messages SET used_at = ? WHERE id = ?').run(this.now(), row.id);
    return true;
  }

  list(): MessageRow[] {
    return this.db
      .prepare('SELECT id, channel, recipient, scene, code, created_at AS createdAt, used_at AS usedAt FROM messages ORDER BY id')
      .all() as MessageRow[];
  }
}
