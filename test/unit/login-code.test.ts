/**
 * LoginCodeManager with a fake clock and a fake wx.login: one login in flight, each code handed out
 * once, never a code WeChat would refuse, refreshed while a component holds it.
 */
import { CODE_LIFETIME_MS, CODE_REFRESH_AFTER_MS, LoginCodeManager } from '../../lib/core';

/** A wx.login stand-in whose calls the test settles by hand. */
class FakeLogin {
  calls = 0;
  private pending: Array<{ resolve: (code: string) => void; reject: (error: unknown) => void }> = [];

  readonly login = (): Promise<string> => {
    this.calls++;
    return new Promise<string>((resolve, reject) => this.pending.push({ resolve, reject }));
  };

  /** Answers the oldest unanswered wx.login. */
  answer(code: string): void {
    const next = this.pending.shift();
    if (!next) throw new Error('no wx.login waiting');
    next.resolve(code);
  }

  fail(error: unknown = { errMsg: 'login:fail net::ERR_INTERNET_DISCONNECTED' }): void {
    const next = this.pending.shift();
    if (!next) throw new Error('no wx.login waiting');
    next.reject(error);
  }

  get waiting(): number {
    return this.pending.length;
  }
}

/** A wx.login that answers at once with c1, c2, … */
function countingLogin() {
  let n = 0;
  const login = jest.fn(() => Promise.resolve(`c${++n}`));
  return login;
}

/** Lets pending promise callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('LoginCodeManager', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  test('prefetch calls share one in-flight wx.login, and take waits for it', async () => {
    const fake = new FakeLogin();
    const codes = new LoginCodeManager(now, fake.login);

    const a = codes.prefetch();
    const b = codes.prefetch();
    const taken = codes.take();
    fake.answer('c1');
    await Promise.all([a, b]);

    expect(await taken).toBe('c1');
    expect(fake.calls).toBe(1);
  });

  test('a fresh held code makes prefetch a no-op', async () => {
    const login = countingLogin();
    const codes = new LoginCodeManager(now, login);

    await codes.prefetch();
    clock += CODE_REFRESH_AFTER_MS - 1;
    await codes.prefetch();

    expect(login).toHaveBeenCalledTimes(1);
    expect(codes.hasFreshCode()).toBe(true);
  });

  test('take hands each code out once; the next take logs in again', async () => {
    const login = countingLogin();
    const codes = new LoginCodeManager(now, login);
    await codes.prefetch();

    expect(await codes.take()).toBe('c1');
    expect(codes.hasUsableCode()).toBe(false);
    expect(await codes.take()).toBe('c2');
    expect(login).toHaveBeenCalledTimes(2);
  });

  test('two concurrent takes never get the same code', async () => {
    const login = countingLogin();
    const codes = new LoginCodeManager(now, login);
    await codes.prefetch();

    const [a, b] = await Promise.all([codes.take(), codes.take()]);

    expect(a).not.toBe(b);
    expect([a, b].sort()).toEqual(['c1', 'c2']);
  });

  test('a code younger than 4m50s is handed out; one older is not', async () => {
    const login = countingLogin();
    const codes = new LoginCodeManager(now, login);

    await codes.prefetch();
    clock += CODE_LIFETIME_MS - 10_000 - 1;
    expect(await codes.take()).toBe('c1');

    await codes.prefetch();
    clock += CODE_LIFETIME_MS - 10_000;
    expect(codes.hasUsableCode()).toBe(false);
    expect(await codes.take()).toBe('c3');
  });

  test('a failed wx.login rejects take, and the next take tries again', async () => {
    const fake = new FakeLogin();
    const codes = new LoginCodeManager(now, fake.login);

    const first = codes.take();
    fake.fail();
    await expect(first).rejects.toEqual({ errMsg: 'login:fail net::ERR_INTERNET_DISCONNECTED' });

    const second = codes.take();
    await settle();
    fake.answer('c2');
    expect(await second).toBe('c2');
  });

  describe('keepFresh (jest fake timers)', () => {
    beforeEach(() => {
      jest.useFakeTimers({ now: 1_000_000 });
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    test('fetches a code at once and refreshes it 4 minutes later', async () => {
      const login = countingLogin();
      const codes = new LoginCodeManager(Date.now, login);

      const release = codes.keepFresh();
      await jest.advanceTimersByTimeAsync(0);
      expect(login).toHaveBeenCalledTimes(1);

      await jest.advanceTimersByTimeAsync(CODE_REFRESH_AFTER_MS - 1);
      expect(login).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(1);
      expect(login).toHaveBeenCalledTimes(2);
      expect(await codes.take()).toBe('c2');

      release();
    });

    test('a code held on screen for an hour is always usable', async () => {
      const login = countingLogin();
      const codes = new LoginCodeManager(Date.now, login);
      const release = codes.keepFresh();

      for (let minute = 0; minute < 60; minute++) {
        await jest.advanceTimersByTimeAsync(60_000);
        expect(codes.hasUsableCode()).toBe(true);
      }

      release();
    });

    test('stops refreshing after the last holder releases', async () => {
      const login = countingLogin();
      const codes = new LoginCodeManager(Date.now, login);
      const releaseA = codes.keepFresh();
      const releaseB = codes.keepFresh();
      await jest.advanceTimersByTimeAsync(0);

      releaseA();
      await jest.advanceTimersByTimeAsync(CODE_REFRESH_AFTER_MS);
      expect(login).toHaveBeenCalledTimes(2); // B still holds

      releaseB();
      releaseB(); // a second call from the same holder changes nothing
      await jest.advanceTimersByTimeAsync(60 * 60_000);
      expect(login).toHaveBeenCalledTimes(2);
      expect(jest.getTimerCount()).toBe(0);
    });

    test('take starts no wx.login while the taken code is being exchanged (it would rotate the session_key)', async () => {
      const login = countingLogin();
      const codes = new LoginCodeManager(Date.now, login);
      const release = codes.keepFresh();
      await jest.advanceTimersByTimeAsync(0);
      expect(login).toHaveBeenCalledTimes(1);

      expect(await codes.take()).toBe('c1');
      await jest.advanceTimersByTimeAsync(0);

      expect(login).toHaveBeenCalledTimes(1);
      release();
    });

    test('a failing wx.login (offline) is retried after a pause, not in a loop', async () => {
      // Fails its first 50 calls, then never answers, so a looping implementation stops and the count shows it.
      let calls = 0;
      const login = () => {
        calls++;
        return calls <= 50 ? Promise.reject({ errMsg: 'login:fail net::ERR_INTERNET_DISCONNECTED' }) : new Promise<string>(() => undefined);
      };
      const codes = new LoginCodeManager(Date.now, login);
      const release = codes.keepFresh();

      await jest.advanceTimersByTimeAsync(1000);

      expect(calls).toBeLessThanOrEqual(3);
      release();
    });
  });

  describe('takeHeld (the legacy flows: a code from before the tap, never a new wx.login)', () => {
    test('waits for the wx.login already in flight and hands that code out once', async () => {
      const fake = new FakeLogin();
      const codes = new LoginCodeManager(now, fake.login);
      void codes.prefetch();
      const taken = codes.takeHeld();
      fake.answer('before-tap');
      expect(await taken).toBe('before-tap');
      expect(fake.calls).toBe(1);
    });

    test('holding nothing, it answers null without a wx.login for this tap, and fetches one for the next', async () => {
      const fake = new FakeLogin();
      const codes = new LoginCodeManager(now, fake.login);
      expect(await codes.takeHeld()).toBeNull();
      // The fetch it started is for the next tap; the next takeHeld gets it.
      expect(fake.calls).toBe(1);
      const next = codes.takeHeld();
      fake.answer('next');
      expect(await next).toBe('next');
    });

    test('a held code too old for WeChat is not handed out', async () => {
      const codes = new LoginCodeManager(now, countingLogin());
      await codes.prefetch();
      clock += CODE_LIFETIME_MS - 5_000;
      expect(await codes.takeHeld()).toBeNull();
    });
  });
});
