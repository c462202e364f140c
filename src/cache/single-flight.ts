/** Shares one in-flight call among concurrent callers that ask for the same key. */
export interface SingleFlight<T> {
  /**
   * Calls `fn` unless a call for `key` is already running, in which case it returns that call's
   * promise: every caller gets the same value or the same error. The key is forgotten as soon as
   * the call settles, so a failure is not remembered and the next caller tries again.
   */
  run(key: string, fn: () => Promise<T>): Promise<T>;
  /** Whether a call for `key` is running. */
  has(key: string): boolean;
  /** How many calls are running. */
  readonly size: number;
}

export function singleFlight<T>(): SingleFlight<T> {
  const running = new Map<string, Promise<T>>();
  return {
    run(key, fn) {
      const current = running.get(key);
      if (current) return current;
      let promise: Promise<T>;
      try {
        promise = fn();
      } catch (error) {
        promise = Promise.reject(error);
      }
      running.set(key, promise);
      const forget = () => {
        if (running.get(key) === promise) running.delete(key);
      };
      promise.then(forget, forget);
      return promise;
    },
    has(key) {
      return running.has(key);
    },
    get size() {
      return running.size;
    },
  };
}
