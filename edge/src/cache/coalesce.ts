/**
 * One task per key at a time: callers that ask for a key already in flight share its promise.
 * Per isolate only; isolates and data centres each make their own request.
 */
export interface Coalescer<T> {
  run(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys in flight (for tests and the bench). */
  readonly size: number;
}

export function createCoalescer<T>(): Coalescer<T> {
  const inFlight = new Map<string, Promise<T>>();
  return {
    get size() {
      return inFlight.size;
    },
    run(key, task) {
      const running = inFlight.get(key);
      if (running) return running;
      const started = (async () => {
        try {
          return await task();
        } finally {
          inFlight.delete(key);
        }
      })();
      inFlight.set(key, started);
      return started;
    },
  };
}
