import type { Db } from './database';
import { AuthingCodes, AuthingError } from '../errors';
import { objectId } from '../crypto/ids';
import { assertFieldLengths, assertUdvLengths } from './field-limits';

/** An Authing user as authing-js-sdk's `User` type shows it (minus the per-response token fields). */
export interface UserRecord {
  id: string;
  userPoolId: string;
  status: string;
  username: string | null;
  email: string | null;
  emailVerified: boolean;
  phone: string | null;
  phoneVerified: boolean;
  phoneCountryCode: string | null;
  unionid: string | null;
  openid: string | null;
  nickname: string | null;
  registerSource: string[];
  photo: string;
  oauth: string | null;
  loginsCount: number;
  lastLogin: string | null;
  lastIP: string | null;
  signedUp: string;
  blocked: boolean;
  isDeleted: boolean;
  device: string | null;
  browser: string | null;
  company: string | null;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  middleName: string | null;
  profile: string | null;
  preferredUsername: string | null;
  website: string | null;
  gender: string;
  birthdate: string | null;
  zoneinfo: string | null;
  locale: string | null;
  address: string | null;
  formatted: string | null;
  streetAddress: string | null;
  locality: string | null;
  region: string | null;
  postalCode: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Fields a user may change about themselves through updateProfile (authing's UpdateUserInput, minus secrets). */
export const PROFILE_FIELDS = [
  'username',
  'nickname',
  'company',
  'photo',
  'device',
  'browser',
  'name',
  'givenName',
  'familyName',
  'middleName',
  'profile',
  'preferredUsername',
  'website',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'address',
  'formatted',
  'streetAddress',
  'locality',
  'region',
  'postalCode',
  'city',
  'province',
  'country',
  'externalId',
  'oauth',
] as const;

export const DEFAULT_PHOTO = 'https://files.authing.co/authing-console/default-user-avatar.png';

interface UserRow {
  id: string;
  username: string | null;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  profile: string;
  created_at: string;
  updated_at: string;
}

type Indexed = 'id' | 'username' | 'email' | 'phone' | 'createdAt' | 'updatedAt';

/** An external account linked to a user (today: the WeChat mini program's openid). */
export interface IdentityRecord {
  provider: string;
  appid: string;
  openid: string;
  unionid: string | null;
  createdAt: string;
}

export interface UdvRow {
  key: string;
  dataType: string;
  value: string;
}

export class UserStore {
  constructor(
    private readonly db: Db,
    private readonly userPoolId: string,
    private readonly now: () => number,
  ) {}

  private toRecord(row: UserRow): UserRecord {
    const rest = JSON.parse(row.profile) as Omit<UserRecord, Indexed>;
    return {
      ...rest,
      id: row.id,
      username: row.username,
      email: row.email,
      phone: row.phone,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private one(where: string, value: string): UserRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM users WHERE ${where} = ?`).get(value) as UserRow | undefined;
    return row && this.toRecord(row);
  }

  byId(id: string) {
    return this.one('id', id);
  }
  byUsername(username: string) {
    return this.one('username', username);
  }
  byEmail(email: string) {
    return this.one('email', email.toLowerCase());
  }
  byPhone(phone: string) {
    return this.one('phone', phone);
  }

  byIdentity(provider: string, appid: string, openid: string): UserRecord | undefined {
    const row = this.db
      .prepare('SELECT u.* FROM users u JOIN identities i ON i.user_id = u.id WHERE i.provider = ? AND i.appid = ? AND i.openid = ?')
      .get(provider, appid, openid) as UserRow | undefined;
    return row && this.toRecord(row);
  }

  private assertFree(field: 'username' | 'email' | 'phone', value: string | null | undefined, selfId?: string) {
    if (value === null || value === undefined) return;
    const owner = this.one(field, value);
    if (owner && owner.id !== selfId) {
      const what = { username: '用户名', email: '邮箱', phone: '手机号' }[field];
      throw new AuthingError(AuthingCodes.userExists, `${what}已被占用`);
    }
  }

  create(fields: Partial<UserRecord> & { registerSource: string[] }, passwordHash: string | null = null): UserRecord {
    const at = new Date(this.now()).toISOString();
    const email = fields.email ? fields.email.toLowerCase() : null;
    const record: UserRecord = {
      userPoolId: this.userPoolId,
      status: 'Activated',
      emailVerified: false,
      phoneVerified: false,
      phoneCountryCode: null,
      unionid: null,
      openid: null,
      nickname: null,
      photo: DEFAULT_PHOTO,
      oauth: null,
      loginsCount: 0,
      lastLogin: null,
      lastIP: null,
      signedUp: at,
      blocked: false,
      isDeleted: false,
      device: null,
      browser: null,
      company: null,
      name: null,
      givenName: null,
      familyName: null,
      middleName: null,
      profile: null,
      preferredUsername: null,
      website: null,
      gender: 'U',
      birthdate: null,
      zoneinfo: null,
      locale: null,
      address: null,
      formatted: null,
      streetAddress: null,
      locality: null,
      region: null,
      postalCode: null,
      city: null,
      province: null,
      country: null,
      externalId: null,
      ...fields,
      id: objectId(),
      username: fields.username ?? null,
      email,
      phone: fields.phone ?? null,
      createdAt: at,
      updatedAt: at,
    };
    assertFieldLengths(record);
    return this.db.transaction(() => {
      this.assertFree('username', record.username);
      this.assertFree('email', record.email);
      this.assertFree('phone', record.phone);
      this.db
        .prepare(
          'INSERT INTO users (id, username, email, phone, password_hash, profile, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(record.id, record.username, record.email, record.phone, passwordHash, this.serialize(record), at, at);
      return record;
    })();
  }

  private serialize(record: UserRecord): string {
    const { id: _id, username: _u, email: _e, phone: _p, createdAt: _c, updatedAt: _up, ...rest } = record;
    return JSON.stringify(rest);
  }

  update(id: string, patch: Partial<UserRecord>): UserRecord {
    assertFieldLengths(patch);
    return this.db.transaction(() => {
      const current = this.byId(id);
      if (!current) throw new AuthingError(AuthingCodes.userNotFound, '用户不存在');
      const next: UserRecord = { ...current, ...patch, id, updatedAt: new Date(this.now()).toISOString() };
      if (next.email) next.email = next.email.toLowerCase();
      this.assertFree('username', next.username, id);
      this.assertFree('email', next.email, id);
      this.assertFree('phone', next.phone, id);
      this.db
        .prepare('UPDATE users SET username = ?, email = ?, phone = ?, profile = ?, updated_at = ? WHERE id = ?')
        .run(next.username, next.email, next.phone, this.serialize(next), next.updatedAt, id);
      return next;
    })();
  }

  /** Deletes the user for good; identities, sessions and custom data go with it (ON DELETE CASCADE). */
  remove(id: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE files SET user_id = NULL WHERE user_id = ?').run(id);
      this.db.prepare('DELETE FROM users WHERE id = ?').run(id);
    })();
  }

  passwordHash(id: string): string | null {
    const row = this.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(id) as { password_hash: string | null } | undefined;
    return row?.password_hash ?? null;
  }

  setPasswordHash(id: string, hash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?').run(hash, new Date(this.now()).toISOString(), id);
  }

  recordLogin(id: string, ip: string | null): UserRecord {
    const current = this.byId(id)!;
    return this.update(id, { loginsCount: current.loginsCount + 1, lastLogin: new Date(this.now()).toISOString(), lastIP: ip });
  }

  linkIdentity(provider: string, appid: string, openid: string, unionid: string | null, userId: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO identities (provider, appid, openid, unionid, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(provider, appid, openid, unionid, userId, new Date(this.now()).toISOString());
  }

  identitiesOf(userId: string): IdentityRecord[] {
    return this.db
      .prepare(
        'SELECT provider, appid, openid, unionid, created_at AS createdAt FROM identities WHERE user_id = ? ORDER BY created_at, openid',
      )
      .all(userId) as IdentityRecord[];
  }

  listUdv(userId: string): UdvRow[] {
    return this.db.prepare('SELECT key, data_type AS dataType, value FROM udv WHERE user_id = ? ORDER BY key').all(userId) as UdvRow[];
  }

  setUdv(userId: string, key: string, dataType: string, value: string): void {
    assertUdvLengths(key, value);
    this.db.prepare('INSERT OR REPLACE INTO udv (user_id, key, data_type, value) VALUES (?, ?, ?, ?)').run(userId, key, dataType, value);
  }

  removeUdv(userId: string, key: string): void {
    this.db.prepare('DELETE FROM udv WHERE user_id = ? AND key = ?').run(userId, key);
  }
}
