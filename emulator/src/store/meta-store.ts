import type { Db } from './database';

/**
 * Secrets that must survive a restart (signing key, RSA key pair), made once per database.
 * Two emulators starting on one file may both make one: the first stored wins and both use it.
 */
export function metaValue(db: Db, key: string, make: () => string): string {
  const read = () => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  const existing = read();
  if (existing !== undefined) return existing;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, make());
  return read()!;
}
