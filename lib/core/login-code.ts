import { callWx } from './wx-promise';

/** WeChat accepts a wx.login code for 5 minutes, once. */
export const CODE_LIFETIME_MS = 5 * 60 * 1000;
/** A held code is replaced a minute before WeChat would refuse it. */
export const CODE_REFRESH_AFTER_MS = 4 * 60 * 1000;
/** First pause after a failed refresh; doubles up to CODE_REFRESH_AFTER_MS. */
const RETRY_BASE_MS = 5000;

export interface LoginCode {
  code: string;
  obtainedAt: number;
}

/**
 * Holds one wx.login code obtained ahead of need.
 *
 * wx.login may rotate the user's session_key, and encryptedData from the phone or user-info buttons
 * is made under the key current when the button fires. So for those flows the code must exist
 * *before* the tap and no wx.login may run between the tap and the exchange: components prefetch
 * on attach, this class refreshes before expiry, and hands each code out exactly once.
 */
export class LoginCodeManager {
  private current: LoginCode | null = null;
  private pending: Promise<LoginCode> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private holders = 0;
  /** Consecutive failed refreshes (offline): each doubles the pause before the next try. */
  private failures = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly login: () => Promise<string> = () =>
      callWx<WechatMiniprogram.LoginSuccessCallbackResult>('wx.login', (callbacks) => wx.login(callbacks)).then((r) => r.code),
  ) {}

  /** Age in ms of the held code, or null. */
  age(): number | null {
    return this.current ? this.now() - this.current.obtainedAt : null;
  }

  hasFreshCode(): boolean {
    const age = this.age();
    return age !== null && age < CODE_REFRESH_AFTER_MS;
  }

  /** Makes sure a fresh code is held; shares an in-flight wx.login. */
  prefetch(): Promise<void> {
    if (this.hasFreshCode()) return Promise.resolve();
    return this.fetch().then(() => undefined);
  }

  /**
   * Hands out the held code if it is still usable, else runs wx.login now. Flows that carry
   * encryptedData must not reach the "now" case: check `hasUsableCode()` before the tap instead.
   */
  async take(): Promise<string> {
    if (this.pending) await this.pending.catch(() => undefined);
    const held = this.hasUsableCode() ? this.current : null;
    this.current = null;
    this.clearTimer();
    if (held) return held.code;
    const fresh = await this.fetch();
    this.current = null;
    return fresh.code;
  }

  /**
   * For flows whose encryptedData was made at the tap: the code obtained before it (waiting for a
   * wx.login already in flight), never a new wx.login, which could rotate the session_key the data
   * was made under. Null when none is usable; a fresh one is then fetched for the next tap.
   */
  async takeHeld(): Promise<string | null> {
    if (this.pending) await this.pending.catch(() => undefined);
    const held = this.current;
    if (!held || !this.hasUsableCode()) {
      this.prefetchQuietly();
      return null;
    }
    this.current = null;
    this.clearTimer();
    return held.code;
  }

  /**
   * The page came back from the background, where timers may not have run: while someone holds,
   * fetch a new code now, before any tap, if the held one is too old.
   */
  refreshIfStale(): void {
    if (this.holders > 0 && !this.hasFreshCode()) this.prefetchQuietly();
  }

  /** A held code that WeChat will still accept (with ten seconds to spare for the request). */
  hasUsableCode(): boolean {
    const age = this.age();
    return age !== null && age < CODE_LIFETIME_MS - 10_000;
  }

  /**
   * Components call this while they are on screen: the held code is refreshed before it expires.
   * Returns a release function; refreshing stops when the last holder releases.
   */
  keepFresh(): () => void {
    this.holders++;
    this.prefetchQuietly();
    this.schedule();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      this.schedule();
    };
  }

  /**
   * After the exchange of a taken code settled: fetch the next one at once if someone holds, so a
   * quick next tap finds it in flight (takeHeld waits for it).
   */
  refill(): void {
    if (this.holders > 0) this.prefetchQuietly();
  }

  /** A background refill: its failure is retried by the schedule or the next tap, not reported. */
  private prefetchQuietly(): void {
    this.prefetch().catch(() => undefined);
  }

  private clearTimer(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private fetch(): Promise<LoginCode> {
    if (!this.pending) {
      this.pending = this.login().then(
        (code) => {
          this.pending = null;
          this.failures = 0;
          this.current = { code, obtainedAt: this.now() };
          this.schedule();
          return this.current;
        },
        (error: unknown) => {
          this.pending = null;
          throw error;
        },
      );
    }
    return this.pending;
  }

  private schedule(): void {
    this.clearTimer();
    if (this.holders <= 0) return;
    const age = this.age();
    const wait = age === null ? 0 : Math.max(0, CODE_REFRESH_AFTER_MS - age);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fetch().catch(() => {
        this.failures++;
        this.clearTimer();
        if (this.holders <= 0) return;
        this.timer = setTimeout(
          () => {
            this.timer = null;
            this.schedule();
          },
          Math.min(CODE_REFRESH_AFTER_MS, RETRY_BASE_MS * 2 ** (this.failures - 1)),
        );
      });
    }, wait);
  }
}
