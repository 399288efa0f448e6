/**
 * One session at a time on a shared PGlite: the serving process's own statements and each
 * socket client's, for as long as that client is inside a transaction or a pipeline. PGlite has
 * one backend, so a second session slipped between a client's BEGIN and COMMIT would run inside
 * its transaction. Waiters are served in arrival order.
 */
export interface SessionGate {
  /** Waits for the gate; resolves with the function that opens it again (safe to call twice). */
  acquire(): Promise<() => void>;
  /** Runs `fn` holding the gate. */
  run<T>(fn: () => Promise<T>): Promise<T>;
}

export function createSessionGate(): SessionGate {
  let held = false;
  const waiting: (() => void)[] = [];
  const open = () => {
    const next = waiting.shift();
    if (next) next();
    else held = false;
  };
  const acquire = (): Promise<() => void> => {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      open();
    };
    if (!held) {
      held = true;
      return Promise.resolve(release);
    }
    return new Promise((resolve) => waiting.push(() => resolve(release)));
  };
  return {
    acquire,
    async run(fn) {
      const release = await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}
