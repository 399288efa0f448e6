import { createChangeDelivery } from '../../src/changes/delivery.ts';
import type { Changes, Purger } from '../../src/domain/changes.ts';
import type { Queryable } from '../../src/store/database.ts';

const quiet = { warn: () => {}, error: () => {} };

/** The change log delivered to a purger that records what it is told. */
export interface RecordedDeliveries {
  /** What was delivered, one entry per delivery (changes merged). */
  purges: Changes[];
  /** Delivers what is due now; resolves with everything delivered so far. */
  deliver(): Promise<Changes[]>;
  stop(): Promise<void>;
}

export function recordDeliveries(db: Queryable): RecordedDeliveries {
  const purges: Changes[] = [];
  const purger: Purger = { purge: async (changes) => void purges.push(changes) };
  const delivery = createChangeDelivery({ db, purgers: [purger], log: quiet });
  return {
    purges,
    async deliver() {
      await delivery.drain();
      return purges;
    },
    stop: () => delivery.stop(),
  };
}

/** Marks everything in the change log delivered (a fixture's setup, before its tests write). */
export async function settleChangeLog(db: Queryable): Promise<void> {
  const delivery = createChangeDelivery({ db, purgers: [{ purge: async () => {} }], log: quiet });
  await delivery.drain();
  await delivery.stop();
}

/** A delivery to `purger` running as `serve` runs one, looking at the log every 100 ms. */
export function runDelivery(db: Queryable, purger: Purger) {
  const delivery = createChangeDelivery({
    db,
    purgers: [purger],
    log: quiet,
    gatherMs: 0,
    pollMs: 100,
  });
  delivery.start();
  return delivery;
}
