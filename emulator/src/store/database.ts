import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
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
  // Every lookup a request makes by a column that is not a key (EXPLAIN QUERY PLAN showed full scans):
  // a user's identities (getCurrentUser, unbind checks) and sessions (logout everywhere, ON DELETE CASCADE),
  // the newest code sent to a recipient, an uploaded file by name, a phone code's owner.
  `
  CREATE INDEX identities_by_user ON identities (user_id);
  CREATE INDEX sessions_by_user ON sessions (user_id);
  CREATE INDEX messages_by_recipient ON messages (channel, recipient, id);
  CREATE INDEX files_by_name ON files (folder, file_name);
  `,
];

/** The database holds the JWT signing secret and the RSA private key: only its owner may read it. */
const PRIVATE_FILE_MODE = 0o600;

/** How long a statement waits for another emulator on the same file to finish writing. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Creates the file owner-only before SQLite opens it. SQLite gives the -wal and -shm files the
 * mode of the database file, so those follow; files left wider by an older emulator are narrowed.
 */
function makePrivate(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
  }
}

export function openDatabase(file: string): Db {
  if (file !== ':memory:') makePrivate(file);
  const db = new Database(file);
  // Set first: two emulators may share one file, and everything below can meet the other's lock.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL keeps readers unblocked while a login writes; FULL sync is not needed for a test tool.
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  immediateByDefault(db);
  migrate(db);
  return db;
}

/**
 * Makes `db.transaction(fn)()` BEGIN IMMEDIATE. A deferred transaction that reads and then writes
 * cannot wait for another emulator's write on the same file: SQLite answers SQLITE_BUSY at once
 * ("database is locked") rather than risk a deadlock. Taking the write lock at BEGIN makes it wait its
 * turn (busy_timeout) instead. Done once here so every transaction in the emulator gets it.
 */
function immediateByDefault(db: Db): void {
  const begin = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<Db['transaction']>[0]) => {
    const tx = begin(fn);
    return Object.assign(tx.immediate.bind(tx), {
      default: tx.immediate.bind(tx),
      deferred: tx.deferred.bind(tx),
      immediate: tx.immediate.bind(tx),
      exclusive: tx.exclusive.bind(tx),
    });
  }) as Db['transaction'];
}

function migrate(db: Db): void {
  for (;;) {
    // Re-read inside the write lock: an emulator starting at the same moment may have migrated already.
    const done = db.transaction(() => {
      const current = db.pragma('user_version', { simple: true }) as number;
      if (current > MIGRATIONS.length) {
        throw new Error(`database schema version ${current} is newer than this emulator understands (${MIGRATIONS.length})`);
      }
      if (current === MIGRATIONS.length) return true;
      db.exec(MIGRATIONS[current]);
      db.pragma(`user_version = ${current + 1}`);
      return false;
    })();
    if (done) return;
  }
}

/** Tables that `POST /__emulator/reset` empties; meta (signing keys) survives so old tokens stay verifiable-as-invalid. */
export const DATA_TABLES = ['wx_codes', 'wx_access_tokens', 'wx_users', 'udv', 'sessions', 'identities', 'messages', 'files', 'users'];
