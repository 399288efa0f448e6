import type { Queryable } from '../../store/database.ts';
import { addPlaceViews, type ViewCount } from '../../store/providers/place-views.ts';
import type { ProviderLog } from './refresh-place.ts';

export interface ViewCounterOptions {
  db: Queryable;
  now: () => number;
  log: Pick<ProviderLog, 'warn'>;
  /** Distinct places kept between flushes; past it new ones wait for the next (a bound on memory). */
  maxPlaces?: number;
  /** Told of the places each flush wrote views for (the refresh queue's schedule). */
  onCounted?: (locationIds: number[]) => Promise<void>;
}

/** Views of places counted in memory, written to the store now and then, for the schedulers. */
export interface ViewCounter {
  /** Counts one view of a place (`GB`, `london`): a map increment, nothing more. */
  record(countryCode: string, key: string): void;
  /** Writes what was counted since the last flush; never throws (views are a hint). */
  flush(): Promise<void>;
  start(everyMs: number): void;
  stop(): Promise<void>;
}

export function createViewCounter(o: ViewCounterOptions): ViewCounter {
  const maxPlaces = o.maxPlaces ?? 10_000;
  let counts = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  async function write(batch: Map<string, number>): Promise<void> {
    const views: ViewCount[] = [...batch].map(([ref, n]) => {
      const slash = ref.indexOf('/');
      return { countryCode: ref.slice(0, slash), key: ref.slice(slash + 1), views: n };
    });
    try {
      const ids = await addPlaceViews(o.db, views, new Date(o.now()));
      await o.onCounted?.(ids);
    } catch (err) {
      o.log.warn({ err, places: views.length }, 'place views not recorded or scheduled');
    }
  }

  const counter: ViewCounter = {
    record(countryCode, key) {
      const ref = `${countryCode}/${key}`;
      const n = counts.get(ref);
      if (n !== undefined) counts.set(ref, n + 1);
      else if (counts.size < maxPlaces) counts.set(ref, 1);
    },
    flush() {
      if (counts.size === 0) return flushing;
      const batch = counts;
      counts = new Map();
      // One write at a time, in order: a later count never lands before an earlier one.
      flushing = flushing.then(() => write(batch));
      return flushing;
    },
    start(everyMs) {
      timer = setInterval(() => void counter.flush(), everyMs).unref();
    },
    async stop() {
      clearInterval(timer);
      await counter.flush();
    },
  };
  return counter;
}
