/**
 * Runs at most one call per key at a time: a second caller while the first is in flight gets the
 * same promise. A double tap on a login button is one login, one billed phone-number call.
 */
export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running as Promise<T>;
    const promise = Promise.resolve()
      .then(task)
      .then(
        (value) => {
          this.inFlight.delete(key);
          return value;
        },
        (error: unknown) => {
          this.inFlight.delete(key);
          throw error;
        },
      );
    this.inFlight.set(key, promise);
    return promise;
  }

  isRunning(key: string): boolean {
    return this.inFlight.has(key);
  }
}
