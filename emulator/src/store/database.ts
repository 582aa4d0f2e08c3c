import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

/**
 * Schema versions, applied in order. A released version is never edited:
 * a file made by an older emulator must open in a newer one.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- WeChat side: what api.weixin.qq.com knows about each mini-program user.
  CREATE TABLE wx_users (
    appid TEXT NOT NULL,
    openid TEXT NOT NULL,
    unionid TEXT,
    session_key TEXT NOT NULL,
    session_valid INTEGER NOT NULL DEFAULT 1,
    login_count INTEGER NOT NULL DEFAULT 0,
    phone TEXT NOT NULL,
    country_code TEXT NOT NULL DEFAULT '86',
    nickname TEXT NOT NULL,
    avatar_url TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (appid, openid)
  );
  CREATE TABLE wx_codes (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('login', 'phone')),
    appid TEXT NOT NULL,
    openid TEXT NOT NULL,
    phone TEXT,
    created_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE wx_access_tokens (
    token TEXT PRIMARY KEY,
    appid TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  );

  -- Authing side: one user pool.
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT UNIQUE,
    email TEXT UNIQUE,
    phone TEXT UNIQUE,
    password_hash TEXT,
    profile TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE identities (
    provider TEXT NOT NULL,
    appid TEXT NOT NULL,
    openid TEXT NOT NULL,
    unionid TEXT,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (provider, appid, openid)
  );
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE TABLE udv (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    data_type TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
  );
  CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    recipient TEXT NOT NULL,
    scene TEXT NOT NULL,
    code TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE files (
    id TEXT PRIMARY KEY,
    user_id TEXT,
    folder TEXT NOT NULL,
    file_name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
];

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // WAL keeps readers unblocked while a login writes; FULL sync is not needed for a test tool.
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this emulator understands (${MIGRATIONS.length})`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Tables that `POST /__emulator/reset` empties; meta (signing keys) survives so old tokens stay verifiable-as-invalid. */
export const DATA_TABLES = ['wx_codes', 'wx_access_tokens', 'wx_users', 'udv', 'sessions', 'identities', 'messages', 'files', 'users'];
