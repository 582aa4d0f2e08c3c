/**
 * The session store over an in-memory StorageAdapter: what it makes of values the seed SDK
 * (authing-wxapp-sdk 4.x) left in storage, and how it keeps the token through updates.
 */
import {
  AuthingError,
  ErrorCodes,
  SessionStore,
  TOKEN_KEY,
  USER_KEY,
  type AuthEvent,
  type LoginTicket,
  type Session,
  type StorageAdapter,
  type User,
} from '../../lib/core';

/** Storage as wx has it: a missing key reads as '', values come back as copies. */
class MemoryStorage implements StorageAdapter {
  readonly values = new Map<string, string>();
  reads = 0;
  failWrites = false;

  constructor(initial: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(initial)) this.values.set(key, JSON.stringify(value));
  }

  get(key: string): unknown {
    this.reads++;
    const raw = this.values.get(key);
    return raw === undefined ? '' : (JSON.parse(raw) as unknown);
  }

  set(key: string, value: unknown): void {
    if (this.failWrites) throw new Error('setStorageSync:fail exceed storage max size');
    this.values.set(key, JSON.stringify(value));
  }

  remove(key: string): void {
    this.values.delete(key);
  }

  peek(key: string): unknown {
    const raw = this.values.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
  }
}

const NOW = 1_800_000_000_000;
const now = () => NOW;

function token(sub: string, expSeconds = NOW / 1000 + 3600): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, exp: expSeconds, data: { id: sub } })}.sig`;
}

function user(id: string, extra: Partial<User> = {}): User {
  return { id, nickname: `nick-${id}`, photo: null, ...extra };
}

function record(store: SessionStore): Array<{ event: AuthEvent; session: Session }> {
  const events: Array<{ event: AuthEvent; session: Session }> = [];
  store.onAuthStateChange((event, session) => events.push({ event, session }));
  return events;
}

describe('SessionStore reading what the seed SDK stored', () => {
  test('a stored token and user object (seed format) make a signed-in session', () => {
    const t = token('u1');
    const stored = { ...user('u1'), token: t };
    const store = new SessionStore(new MemoryStorage({ [TOKEN_KEY]: t, [USER_KEY]: stored }), now);

    expect(store.getToken()).toBe(t);
    expect(store.getUser()).toEqual(stored);
    expect(store.getUserId()).toBe('u1');
    expect(store.getSession()).toEqual({ token: t, user: stored });
  });

  test('the string "null" as token (seed SDK after a null-token update) is no session', () => {
    const store = new SessionStore(new MemoryStorage({ [TOKEN_KEY]: 'null', [USER_KEY]: user('u1') }), now);

    expect(store.getToken()).toBeNull();
    expect(store.getUser()).toBeNull();
    expect(store.getUserId()).toBeNull();
  });

  test('the string "undefined" and the empty string are no session either', () => {
    expect(new SessionStore(new MemoryStorage({ [TOKEN_KEY]: 'undefined' }), now).getToken()).toBeNull();
    expect(new SessionStore(new MemoryStorage(), now).getToken()).toBeNull();
  });

  test('a stale user whose id differs from the token’s sub is ignored; the token’s user id is used', () => {
    const t = token('u2');
    const store = new SessionStore(new MemoryStorage({ [TOKEN_KEY]: t, [USER_KEY]: user('u1') }), now);

    expect(store.getToken()).toBe(t);
    expect(store.getUser()).toBeNull();
    expect(store.getUserId()).toBe('u2');
  });

  test('a stored user that is not a user object (string, no id) is ignored', () => {
    const t = token('u1');
    expect(new SessionStore(new MemoryStorage({ [TOKEN_KEY]: t, [USER_KEY]: 'null' }), now).getUser()).toBeNull();
    expect(new SessionStore(new MemoryStorage({ [TOKEN_KEY]: t, [USER_KEY]: { nickname: 'x' } }), now).getUser()).toBeNull();
  });

  test('storage is read once (two keys), then served from memory', () => {
    const t = token('u1');
    const storage = new MemoryStorage({ [TOKEN_KEY]: t, [USER_KEY]: user('u1') });
    const store = new SessionStore(storage, now);

    for (let i = 0; i < 50; i++) {
      store.getToken();
      store.getUser();
      store.getSession();
    }

    expect(storage.reads).toBe(2);
  });

  test('an expired stored token is no session, seen from the clock alone', () => {
    const t = token('u1', NOW / 1000 - 1);
    const store = new SessionStore(new MemoryStorage({ [TOKEN_KEY]: t, [USER_KEY]: user('u1') }), now);

    expect(store.getToken()).toBeNull();
    expect(store.getUser()).toBeNull();
    expect(store.isExpired()).toBe(true);
  });
});

describe('SessionStore updates', () => {
  test('signIn persists token and user before it emits SIGNED_IN', () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, now);
    const t = token('u1');
    const seen: unknown[] = [];
    store.onAuthStateChange((event) => seen.push([event, storage.peek(TOKEN_KEY), (storage.peek(USER_KEY) as User).id]));

    store.signIn({ ...user('u1'), token: t });

    expect(seen).toEqual([['SIGNED_IN', t, 'u1']]);
  });

  test('updateUser with token null keeps the token, in memory and in storage, and emits USER_UPDATED', () => {
    const t = token('u1');
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, now);
    store.signIn({ ...user('u1'), token: t });
    const events = record(store);

    store.updateUser({ ...user('u1'), nickname: 'Bob', token: null });

    expect(store.getToken()).toBe(t);
    expect(store.getUser()).toMatchObject({ id: 'u1', nickname: 'Bob', token: t });
    expect(storage.peek(TOKEN_KEY)).toBe(t);
    expect(storage.peek(USER_KEY)).toMatchObject({ nickname: 'Bob', token: t });
    expect(events.map((e) => e.event)).toEqual(['USER_UPDATED']);
  });

  test('updateUser with a new token emits TOKEN_REFRESHED and stores the new token', () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, now);
    store.signIn({ ...user('u1'), token: token('u1') });
    const events = record(store);
    const fresh = token('u1', NOW / 1000 + 7200);

    store.updateUser({ ...user('u1'), token: fresh });

    expect(store.getToken()).toBe(fresh);
    expect(storage.peek(TOKEN_KEY)).toBe(fresh);
    expect(events.map((e) => e.event)).toEqual(['TOKEN_REFRESHED']);
  });

  test('updateUser while signed out signs no one in', () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, now);
    const events = record(store);

    store.updateUser({ ...user('u1'), token: null });

    expect(store.getToken()).toBeNull();
    expect(storage.values.size).toBe(0);
    expect(events).toEqual([]);
  });

  test('updateUser after clear (a late reply) signs no one back in, even carrying a token', () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, now);
    const t = token('u1');
    store.signIn({ ...user('u1'), token: t });
    store.clear();
    const events = record(store);

    store.updateUser({ ...user('u1'), token: t });

    expect(store.getToken()).toBeNull();
    expect(storage.values.size).toBe(0);
    expect(events).toEqual([]);
  });

  test('a profile update rewrites the user only, not the unchanged token', () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, now);
    const t = token('u1');
    store.signIn({ ...user('u1'), token: t });
    const set = jest.spyOn(storage, 'set');

    store.updateUser({ ...user('u1'), nickname: 'Bob', token: null });

    expect(set.mock.calls.map(([key]) => key)).toEqual([USER_KEY]);
    expect(store.getToken()).toBe(t);
  });

  test("a late reply to a request made under another user's session is dropped", () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, now);
    const tokenA = token('u1');
    store.signIn({ ...user('u1'), token: tokenA });
    const tokenB = token('u2');
    store.signIn({ ...user('u2'), token: tokenB });
    const events = record(store);

    store.updateUser({ ...user('u1'), nickname: 'A', token: tokenA }, tokenA);

    expect(store.getToken()).toBe(tokenB);
    expect(store.getUser()?.id).toBe('u2');
    expect(events).toEqual([]);
  });

  test('setToken keeps the stored user only when the token is theirs', () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, now);
    store.signIn({ ...user('u1'), token: token('u1') });

    store.setToken(token('u1', NOW / 1000 + 7200));
    expect(store.getUser()?.id).toBe('u1');

    store.setToken(token('u2'));
    expect(store.getUser()).toBeNull();
    expect(store.getUserId()).toBe('u2');
    expect(storage.peek(USER_KEY)).toBeUndefined();
  });

  test('clear removes both keys and emits SIGNED_OUT once, however often it is called', () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage, now);
    store.signIn({ ...user('u1'), token: token('u1') });
    const events = record(store);

    store.clear();
    store.clear();

    expect(events).toEqual([{ event: 'SIGNED_OUT', session: { token: null, user: null } }]);
    expect(storage.values.size).toBe(0);
    expect(store.getToken()).toBeNull();
  });

  test('a listener that throws does not stop the others, nor the update', () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const store = new SessionStore(new MemoryStorage(), now);
      const after = jest.fn();
      store.onAuthStateChange(() => {
        throw new Error('listener bug');
      });
      store.onAuthStateChange(after);

      store.signIn({ ...user('u1'), token: token('u1') });

      expect(after).toHaveBeenCalledWith('SIGNED_IN', expect.objectContaining({ user: expect.objectContaining({ id: 'u1' }) }));
      expect(store.getUser()?.id).toBe('u1');
    } finally {
      consoleError.mockRestore();
    }
  });

  test('an unsubscribed listener hears nothing; unsubscribing twice removes no one else', () => {
    const store = new SessionStore(new MemoryStorage(), now);
    const gone = jest.fn();
    const kept = jest.fn();
    const unsubscribe = store.onAuthStateChange(gone);
    store.onAuthStateChange(kept);

    unsubscribe();
    unsubscribe();
    store.signIn({ ...user('u1'), token: token('u1') });

    expect(gone).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
  });

  test('full storage keeps the session in memory for this launch, says so once with STORAGE_FAILED, and leaves no older session behind', () => {
    const previous = token('u0');
    const storage = new MemoryStorage({ [TOKEN_KEY]: previous, [USER_KEY]: user('u0') });
    const failures: AuthingError[] = [];
    const store = new SessionStore(storage, now, (error) => failures.push(error));
    const t = token('u1');
    storage.failWrites = true;

    store.signIn({ ...user('u1'), token: t });

    expect(store.getToken()).toBe(t);
    expect(store.getUser()?.id).toBe('u1');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: ErrorCodes.STORAGE_FAILED });
    expect(failures[0].message).toMatch(/exceed storage max size/);
    // A relaunch finds no one signed in, not u0, whose token storage still held.
    expect(storage.peek(TOKEN_KEY)).toBeUndefined();
    expect(new SessionStore(storage, now).getToken()).toBeNull();
  });
});

describe('SessionStore login tickets: logout wins over a reply in flight', () => {
  const signedIn = (id: string) => ({ ...user(id), token: token(id) });
  /** What AuthCore does with a login's reply: claim its ticket, then sign in. */
  const land = (store: SessionStore, reply: User, ticket: LoginTicket): boolean => {
    if (!store.claim(ticket)) return false;
    store.signIn(reply);
    return true;
  };

  test('a reply to a login started before a logout installs nothing', () => {
    const store = new SessionStore(new MemoryStorage(), now);
    const events = record(store);
    const ticket = store.begin();
    store.clear();

    expect(land(store, signedIn('u1'), ticket)).toBe(false);
    expect(store.getToken()).toBeNull();
    expect(events).toEqual([]);
  });

  test('of two logins in flight, the one started last wins, whichever reply comes first', () => {
    const store = new SessionStore(new MemoryStorage(), now);
    const first = store.begin();
    const second = store.begin();
    expect(land(store, signedIn('u2'), second)).toBe(true);
    expect(land(store, signedIn('u1'), first)).toBe(false);
    expect(store.getUserId()).toBe('u2');

    const third = store.begin();
    const fourth = store.begin();
    expect(land(store, signedIn('u3'), third)).toBe(true);
    expect(land(store, signedIn('u4'), fourth)).toBe(true);
    expect(store.getUserId()).toBe('u4');
  });

  test('Authing declaring the token dead (clear(false)) does not cancel a login in flight', () => {
    const store = new SessionStore(new MemoryStorage({ [TOKEN_KEY]: token('u0') }), now);
    const ticket = store.begin();
    store.clear(false);
    expect(land(store, signedIn('u1'), ticket)).toBe(true);
  });

  test('another client over the same storage (a relaunch) signing in meanwhile makes the reply stale', () => {
    const storage = new MemoryStorage();
    const old = new SessionStore(storage, now);
    const ticket = old.begin();
    const relaunched = new SessionStore(storage, now);
    relaunched.signIn(signedIn('u2'));

    expect(land(old, signedIn('u1'), ticket)).toBe(false);
    expect(storage.peek(TOKEN_KEY)).toBe(token('u2'));
  });

  test('setToken(42) is INVALID_ARGUMENT naming the token, not a TypeError', () => {
    const store = new SessionStore(new MemoryStorage(), now);
    expect(() => store.setToken(42 as unknown as string)).toThrow(
      expect.objectContaining({ code: ErrorCodes.INVALID_ARGUMENT, message: expect.stringMatching(/token/) }),
    );
  });
});
