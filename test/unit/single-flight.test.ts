/**
 * SingleFlight: a double tap is one call; once it settles, the next call runs again.
 */
import { SingleFlight } from '../../lib/core/single-flight';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  test('a second call while the first runs gets the same promise; the task runs once', async () => {
    const flights = new SingleFlight();
    const gate = deferred<string>();
    const task = jest.fn(() => gate.promise);

    const a = flights.run('login', task);
    const b = flights.run('login', task);
    expect(b).toBe(a);
    expect(flights.isRunning('login')).toBe(true);
    gate.resolve('user');

    expect(await Promise.all([a, b])).toEqual(['user', 'user']);
    expect(task).toHaveBeenCalledTimes(1);
  });

  test('after it resolves, the next call runs the task again', async () => {
    const flights = new SingleFlight();
    let n = 0;
    const task = jest.fn(async () => ++n);

    expect(await flights.run('login', task)).toBe(1);
    expect(flights.isRunning('login')).toBe(false);
    expect(await flights.run('login', task)).toBe(2);
  });

  test('a rejection reaches every waiter, and the next call runs again', async () => {
    const flights = new SingleFlight();
    const gate = deferred<string>();
    const failure = new Error('offline');

    const a = flights.run('login', () => gate.promise);
    const b = flights.run('login', () => Promise.resolve('never used'));
    gate.reject(failure);

    await expect(a).rejects.toBe(failure);
    await expect(b).rejects.toBe(failure);
    expect(flights.isRunning('login')).toBe(false);
    await expect(flights.run('login', async () => 'second')).resolves.toBe('second');
  });

  test('a task that throws synchronously rejects instead of throwing at the caller', async () => {
    const flights = new SingleFlight();
    const failure = new Error('bad argument');

    const running = flights.run('login', () => {
      throw failure;
    });

    await expect(running).rejects.toBe(failure);
    expect(flights.isRunning('login')).toBe(false);
  });

  test('different keys run independently', async () => {
    const flights = new SingleFlight();
    const login = deferred<string>();
    const avatar = jest.fn(async () => 'photo');

    const a = flights.run('login', () => login.promise);
    const b = flights.run('avatar', avatar);

    expect(b).not.toBe(a);
    expect(await b).toBe('photo');
    expect(flights.isRunning('login')).toBe(true);
    login.resolve('user');
    expect(await a).toBe('user');
  });
});
