import { createSimStorage, createWx, MAX_ENTRY_SIZE, WxSyncError } from '../../testing';
import { APPID, NO_EMULATOR } from './local-server';

function phone(opts: Partial<Parameters<typeof createWx>[0]> = {}) {
  return createWx({ emulator: NO_EMULATOR, appid: APPID, ...opts });
}

describe('sync storage', () => {
  test('values round-trip with their native types, as copies', () => {
    const { wx } = phone();
    const user = { id: 'u1', roles: ['a'], nested: { n: 1 } };
    wx.setStorageSync('user', user);
    wx.setStorageSync('count', 3);
    wx.setStorageSync('flag', false);
    wx.setStorageSync('name', 'bob');
    wx.setStorageSync('when', new Date('2024-01-02T03:04:05.000Z'));

    user.nested.n = 99;
    const read = wx.getStorageSync<typeof user>('user');
    expect(read).toEqual({ id: 'u1', roles: ['a'], nested: { n: 1 } });
    expect(read).not.toBe(wx.getStorageSync('user'));
    expect(wx.getStorageSync('count')).toBe(3);
    expect(wx.getStorageSync('flag')).toBe(false);
    expect(wx.getStorageSync('name')).toBe('bob');
    const when = wx.getStorageSync('when');
    expect(when).toBeInstanceOf(Date);
    expect((when as Date).toISOString()).toBe('2024-01-02T03:04:05.000Z');
  });

  test('a missing key reads as an empty string, not undefined', () => {
    const { wx } = phone();
    expect(wx.getStorageSync('nope')).toBe('');
  });

  test('remove, clear and info', () => {
    const { wx } = phone();
    wx.setStorageSync('a', 'x'.repeat(3000));
    wx.setStorageSync('b', 1);
    expect(wx.getStorageInfoSync()).toEqual({ keys: ['a', 'b'], currentSize: 3, limitSize: 10240 });
    wx.removeStorageSync('a');
    expect(wx.getStorageSync('a')).toBe('');
    expect(wx.getStorageInfoSync().keys).toEqual(['b']);
    wx.clearStorageSync();
    expect(wx.getStorageInfoSync()).toEqual({ keys: [], currentSize: 0, limitSize: 10240 });
  });

  test('a value over 1 MB for one key throws and leaves the old value', () => {
    const { wx } = phone();
    wx.setStorageSync('big', 'small');
    const tooBig = 'x'.repeat(MAX_ENTRY_SIZE);
    let error: unknown;
    try {
      wx.setStorageSync('big', tooBig);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WxSyncError);
    expect((error as WxSyncError).errMsg).toBe('setStorageSync:fail:entry size limit reached');
    expect((error as Error).message).toBe('setStorageSync:fail:entry size limit reached');
    expect(wx.getStorageSync('big')).toBe('small');
  });

  test('just under 1 MB per key is accepted', () => {
    const { wx } = phone();
    // key (1 char) + JSON quotes (2) + body
    wx.setStorageSync('k', 'x'.repeat(MAX_ENTRY_SIZE - 3));
    expect((wx.getStorageSync('k') as string).length).toBe(MAX_ENTRY_SIZE - 3);
  });

  test('storage past 10 MB in total is refused', () => {
    const { wx } = phone();
    const chunk = 'x'.repeat(1000 * 1000);
    for (let i = 0; i < 10; i++) wx.setStorageSync(`k${i}`, chunk);
    expect(() => wx.setStorageSync('k10', chunk)).toThrow('setStorageSync:fail exceed storage max size');
    // overwriting an existing key with the same size still fits
    expect(() => wx.setStorageSync('k3', chunk)).not.toThrow();
  });

  test('a non-string key is a parameter error', () => {
    const { wx } = phone();
    expect(() => wx.setStorageSync(42 as unknown as string, 'v')).toThrow(
      'setStorageSync:fail parameter error: parameter.key should be String instead of Number;',
    );
  });
});

describe('async storage', () => {
  test('promise form when called without callbacks', async () => {
    const { wx } = phone();
    await expect(wx.setStorage({ key: 'token', data: { t: 1 } })).resolves.toEqual({ errMsg: 'setStorage:ok' });
    await expect(wx.getStorage({ key: 'token' })).resolves.toEqual({ data: { t: 1 }, errMsg: 'getStorage:ok' });
    await expect(wx.getStorageInfo()).resolves.toMatchObject({ keys: ['token'], errMsg: 'getStorageInfo:ok' });
    await expect(wx.removeStorage({ key: 'token' })).resolves.toEqual({ errMsg: 'removeStorage:ok' });
    await expect(wx.clearStorage()).resolves.toEqual({ errMsg: 'clearStorage:ok' });
  });

  test('a missing key fails with data not found', async () => {
    const { wx } = phone();
    await expect(wx.getStorage({ key: 'missing' })).rejects.toEqual({ errMsg: 'getStorage:fail data not found' });
  });

  test('callbacks run after the call returns: success or fail first, then complete', async () => {
    const { wx } = phone();
    const events: string[] = [];
    await new Promise<void>((resolve) => {
      const ret = wx.getStorage({
        key: 'missing',
        success: () => events.push('success'),
        fail: (e) => events.push(`fail ${e.errMsg}`),
        complete: () => {
          events.push('complete');
          resolve();
        },
      });
      events.push('returned');
      expect(ret).toBeUndefined();
    });
    expect(events).toEqual(['returned', 'fail getStorage:fail data not found', 'complete']);
  });

  test('setStorage captures the value at call time', async () => {
    const { wx } = phone();
    const data = { v: 1 };
    const done = wx.setStorage({ key: 'k', data });
    data.v = 2;
    await done;
    expect(wx.getStorageSync('k')).toEqual({ v: 1 });
  });

  test('oversized async write fails with the async API name', async () => {
    const { wx } = phone();
    await expect(wx.setStorage({ key: 'k', data: 'x'.repeat(MAX_ENTRY_SIZE) })).rejects.toEqual({
      errMsg: 'setStorage:fail:entry size limit reached',
    });
  });
});

describe('storage across launches and counters', () => {
  test('a shared SimStorage survives a relaunch; a fresh one does not', () => {
    const storage = createSimStorage();
    phone({ storage }).wx.setStorageSync('session', { token: 'abc' });
    expect(phone({ storage }).wx.getStorageSync('session')).toEqual({ token: 'abc' });
    expect(phone().wx.getStorageSync('session')).toBe('');
  });

  test('reads and writes are counted, sync and async apart', async () => {
    const { wx, sim } = phone();
    wx.setStorageSync('a', 1);
    wx.getStorageSync('a');
    wx.getStorageSync('b');
    wx.getStorageInfoSync();
    await wx.setStorage({ key: 'c', data: 2 });
    await wx.getStorage({ key: 'c' });
    wx.removeStorageSync('a');
    expect(sim.counters.storage).toEqual({ syncReads: 3, syncWrites: 2, asyncReads: 1, asyncWrites: 1 });
    // peeking from the test side is not an app read
    expect(sim.storage.peek('c')).toBe(2);
    expect(sim.counters.storage.syncReads).toBe(3);
    sim.resetCounters();
    expect(sim.counters.storage).toEqual({ syncReads: 0, syncWrites: 0, asyncReads: 0, asyncWrites: 0 });
  });
});
