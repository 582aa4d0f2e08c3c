/**
 * What the app asked of wx, counted, so tests and benchmarks can assert on
 * cost (one login per session, storage reads per request, …) rather than guess.
 */

export interface StorageCounters {
  syncReads: number;
  syncWrites: number;
  asyncReads: number;
  asyncWrites: number;
}

export interface RequestRecord {
  url: string;
  method: string;
  /** The headers the app passed (`header`), before the simulator adds its own. */
  header: Record<string, string>;
  /** The body the app passed (`data`), as given. */
  data: unknown;
}

export interface UploadRecord {
  url: string;
  filePath: string;
  name: string;
}

export interface Counters {
  /** wx.login calls, including failed ones */
  login: number;
  /** wx.checkSession calls */
  checkSession: number;
  /** every wx.request call, in call order */
  requests: RequestRecord[];
  /** every wx.uploadFile call, in call order */
  uploads: UploadRecord[];
  storage: StorageCounters;
}

export function createCounters(): Counters {
  return {
    login: 0,
    checkSession: 0,
    requests: [],
    uploads: [],
    storage: { syncReads: 0, syncWrites: 0, asyncReads: 0, asyncWrites: 0 },
  };
}

/** Zeroes counters in place, so references handed out earlier stay live. */
export function resetCounters(c: Counters): void {
  c.login = 0;
  c.checkSession = 0;
  c.requests.length = 0;
  c.uploads.length = 0;
  c.storage.syncReads = 0;
  c.storage.syncWrites = 0;
  c.storage.asyncReads = 0;
  c.storage.asyncWrites = 0;
}
