/**
 * wx storage: the data that outlives a mini-program launch.
 *
 * WeChat stores each value serialized with its type, so what you read back is a
 * copy of what you wrote (objects never alias), Dates come back as Dates, and
 * sizes are measured on the serialized form. Limits: 1 MB per key, 10 MB in all
 * (wx.setStorage docs). The error texts come from WeChat's client: per-key
 * "fail:entry size limit reached" (the appbrand JsApiSetStorage implementation)
 * and total "exceed storage max size" (what setStorageSync throws in the field).
 */
import { asyncApi, asyncApiOptionalArgs, AsyncApi, AsyncApiOptionalArgs, Callbacks, deliver, failed, ok, Outcome } from './async-api';
import type { StorageCounters } from './counters';

export const MAX_ENTRY_SIZE = 1024 * 1024;
export const MAX_TOTAL_SIZE = 10 * 1024 * 1024;
/** getStorageInfo reports sizes in KB */
export const LIMIT_SIZE_KB = MAX_TOTAL_SIZE / 1024;

type DataType = 'String' | 'Number' | 'Boolean' | 'Date' | 'Object' | 'Array' | 'Null' | 'Undefined';

interface Entry {
  dataType: DataType;
  /** the JSON text, or the ISO time of a Date, as the client keeps it */
  data: string;
}

/**
 * The device's storage for one mini program. Pass the same instance to two
 * `createWx` calls to simulate the app being closed and launched again.
 */
export class SimStorage {
  private readonly entries = new Map<string, Entry>();

  /** Keys in insertion order, as getStorageInfo lists them. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Size in characters of key plus serialized data, the unit WeChat's limits use. */
  currentSize(): number {
    let total = 0;
    for (const [key, entry] of this.entries) total += key.length + entry.data.length;
    return total;
  }

  /** Reads a value back as a fresh copy; undefined when the key is absent. */
  read(key: string): { found: true; value: unknown } | { found: false } {
    const entry = this.entries.get(key);
    if (!entry) return { found: false };
    return { found: true, value: decode(entry) };
  }

  /** Writes a value; returns the failure reason WeChat would give, if any. */
  write(key: string, value: unknown): string | undefined {
    const entry = encode(value);
    const size = key.length + entry.data.length;
    if (size > MAX_ENTRY_SIZE) return 'fail:entry size limit reached';
    const previous = this.entries.get(key);
    const others = this.currentSize() - (previous ? key.length + previous.data.length : 0);
    if (others + size > MAX_TOTAL_SIZE) return 'fail exceed storage max size';
    this.entries.set(key, entry);
    return undefined;
  }

  remove(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** A test-side peek that does not count as an app read. */
  peek(key: string): unknown {
    const r = this.read(key);
    return r.found ? r.value : undefined;
  }
}

export function createSimStorage(): SimStorage {
  return new SimStorage();
}

function encode(value: unknown): Entry {
  if (value === undefined) return { dataType: 'Undefined', data: '' };
  if (value === null) return { dataType: 'Null', data: 'null' };
  if (value instanceof Date) return { dataType: 'Date', data: value.toISOString() };
  const json = JSON.stringify(value);
  switch (typeof value) {
    case 'string':
      return { dataType: 'String', data: json };
    case 'number':
      return { dataType: 'Number', data: json };
    case 'boolean':
      return { dataType: 'Boolean', data: json };
    default:
      // Functions and symbols serialize to nothing; WeChat keeps them as undefined.
      if (json === undefined) return { dataType: 'Undefined', data: '' };
      return { dataType: Array.isArray(value) ? 'Array' : 'Object', data: json };
  }
}

function decode(entry: Entry): unknown {
  switch (entry.dataType) {
    case 'Undefined':
      return undefined;
    case 'Date':
      return new Date(entry.data);
    default:
      return JSON.parse(entry.data) as unknown;
  }
}

/** The Error a failing sync storage API throws: message and errMsg both carry the text. */
export class WxSyncError extends Error {
  readonly errMsg: string;
  constructor(errMsg: string) {
    super(errMsg);
    this.name = 'Error';
    this.errMsg = errMsg;
  }
}

export interface StorageInfo {
  keys: string[];
  /** KB used */
  currentSize: number;
  /** KB allowed */
  limitSize: number;
}

export interface SetStorageOptions extends Callbacks<{ errMsg: string }> {
  key: string;
  data: unknown;
}
export interface GetStorageOptions extends Callbacks<{ data: unknown; errMsg: string }> {
  key: string;
}
export interface RemoveStorageOptions extends Callbacks<{ errMsg: string }> {
  key: string;
}
export type ClearStorageOptions = Callbacks<{ errMsg: string }>;
export type GetStorageInfoOptions = Callbacks<StorageInfo & { errMsg: string }>;

type Done = { errMsg: string };

export interface StorageApi {
  setStorageSync(key: string, data: unknown): void;
  /** The stored value, or '' when the key is absent (WeChat's answer, not undefined). */
  getStorageSync<T = unknown>(key: string): T | '';
  removeStorageSync(key: string): void;
  clearStorageSync(): void;
  getStorageInfoSync(): StorageInfo;
  setStorage: AsyncApi<SetStorageOptions, Done>;
  getStorage: AsyncApi<GetStorageOptions, { data: unknown; errMsg: string }>;
  removeStorage: AsyncApi<RemoveStorageOptions, Done>;
  clearStorage: AsyncApiOptionalArgs<ClearStorageOptions, Done>;
  getStorageInfo: AsyncApiOptionalArgs<GetStorageInfoOptions, StorageInfo & Done>;
}

function checkKey(api: string, key: unknown): string | undefined {
  if (typeof key === 'string') return undefined;
  return `${api}:fail parameter error: parameter.key should be String instead of ${typeName(key)};`;
}

function typeName(v: unknown): string {
  if (v === null) return 'Null';
  if (v === undefined) return 'Undefined';
  const t = typeof v;
  if (Array.isArray(v)) return 'Array';
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function info(storage: SimStorage): StorageInfo {
  return {
    keys: storage.keys(),
    currentSize: Math.ceil(storage.currentSize() / 1024),
    limitSize: LIMIT_SIZE_KB,
  };
}

export function createStorageApi(storage: SimStorage, counters: StorageCounters, SDKVersion: string): StorageApi {
  const syncFail = (errMsg: string): never => {
    throw new WxSyncError(errMsg);
  };

  function setOutcome(api: string, key: unknown, data: unknown): Outcome<{ errMsg: string }> {
    const badKey = checkKey(api, key);
    if (badKey) return failed({ errMsg: badKey });
    const reason = storage.write(key as string, data);
    return reason ? failed({ errMsg: `${api}:${reason}` }) : ok({ errMsg: `${api}:ok` });
  }

  return {
    setStorageSync(key, data) {
      counters.syncWrites++;
      const o = setOutcome('setStorageSync', key, data);
      if (!o.ok) syncFail(o.error.errMsg);
    },
    getStorageSync<T = unknown>(key: string): T | '' {
      counters.syncReads++;
      const badKey = checkKey('getStorageSync', key);
      if (badKey) syncFail(badKey);
      const r = storage.read(key);
      // A missing key reads as '' on WeChat, not undefined; the type is the caller's claim.
      return r.found ? (r.value as T) : '';
    },
    removeStorageSync(key) {
      counters.syncWrites++;
      const badKey = checkKey('removeStorageSync', key);
      if (badKey) syncFail(badKey);
      storage.remove(key);
    },
    clearStorageSync() {
      counters.syncWrites++;
      storage.clear();
    },
    getStorageInfoSync() {
      counters.syncReads++;
      return info(storage);
    },
    setStorage: asyncApi((options: SetStorageOptions) => {
      counters.asyncWrites++;
      // The value is serialized when the call is made, so later mutation of the
      // caller's object cannot leak into storage.
      const o = setOutcome('setStorage', options.key, options.data);
      return deliver(SDKVersion, options, async () => o);
    }),
    getStorage: asyncApi((options: GetStorageOptions) => {
      counters.asyncReads++;
      return deliver(SDKVersion, options, async () => {
        const badKey = checkKey('getStorage', options.key);
        if (badKey) return failed({ errMsg: badKey });
        const r = storage.read(options.key);
        if (!r.found) return failed({ errMsg: 'getStorage:fail data not found' });
        return ok({ data: r.value, errMsg: 'getStorage:ok' });
      });
    }),
    removeStorage: asyncApi((options: RemoveStorageOptions) => {
      counters.asyncWrites++;
      return deliver(SDKVersion, options, async () => {
        const badKey = checkKey('removeStorage', options.key);
        if (badKey) return failed({ errMsg: badKey });
        storage.remove(options.key);
        return ok({ errMsg: 'removeStorage:ok' });
      });
    }),
    clearStorage: asyncApiOptionalArgs((options?: ClearStorageOptions) => {
      counters.asyncWrites++;
      return deliver(SDKVersion, options, async () => {
        storage.clear();
        return ok({ errMsg: 'clearStorage:ok' });
      });
    }),
    getStorageInfo: asyncApiOptionalArgs((options?: GetStorageInfoOptions) => {
      counters.asyncReads++;
      return deliver(SDKVersion, options, async () => ok({ ...info(storage), errMsg: 'getStorageInfo:ok' }));
    }),
  };
}
