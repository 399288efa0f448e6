/** Passes over a log that wakes, polls and drains: the change delivery's and the webhook fan-out's. */
export interface PassLoop {
  /** Something was written: a pass after the gathering wait (a burst makes one pass). */
  wake(): void;
  /** Waits for a pass under way, then runs one more: everything due now is done (tests, exits). */
  drain(): Promise<void>;
  /** A pass now (what an earlier process left goes first), then one every poll. */
  start(): void;
  /** Stops polling and waits for a pass under way. */
  stop(): Promise<void>;
}

export interface PassLoopOptions {
  gatherMs: number;
  pollMs: number;
  /** A pass that threw: its log keeps what it was for, so the next pass takes it again. */
  onError(err: unknown): void;
}

/** Runs `pass` one at a time; a pass asked for while one runs follows it. */
export function createPassLoop(pass: () => Promise<void>, o: PassLoopOptions): PassLoop {
  let running: Promise<void> | null = null;
  let again = false;
  let gathering: NodeJS.Timeout | undefined;
  let polling: NodeJS.Timeout | undefined;
  let stopped = false;

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
        } catch (err) {
          o.onError(err);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const poll = () => {
    polling = setTimeout(() => {
      run().finally(() => {
        if (!stopped) poll();
      });
    }, o.pollMs);
    polling.unref();
  };

  return {
    wake() {
      if (stopped || gathering) return;
      gathering = setTimeout(() => {
        gathering = undefined;
        void run();
      }, o.gatherMs);
      gathering.unref();
    },
    async drain() {
      await running;
      await run();
    },
    start() {
      void run();
      poll();
    },
    async stop() {
      stopped = true;
      clearTimeout(gathering);
      clearTimeout(polling);
      await running;
    },
  };
}
