import type { Purger } from '../../edge-client/purger.ts';
import type { Changes } from '../write.ts';

export interface PurgeQueue {
  /** Queues what a committed batch changed; returns at once. */
  add(changes: Changes): void;
  /** Resolves once everything queued has been sent (or given up on by the purger). */
  drain(): Promise<void>;
}

/**
 * Sends purges one at a time behind the import, so a slow or retrying edge never holds up the
 * writes: what batches change while a purge is in flight is merged and sent next, in one call.
 * The merge holds only what arrived during one purge, so memory stays bounded.
 */
export function createPurgeQueue(purger: Purger): PurgeQueue {
  let places = new Set<string>();
  let days = new Map<string, { place: string; date: string }>();
  let running: Promise<void> | null = null;

  const send = async (): Promise<void> => {
    try {
      while (places.size > 0) {
        const changes: Changes = { places: [...places], days: [...days.values()] };
        places = new Set();
        days = new Map();
        await purger.purge(changes);
      }
    } finally {
      running = null;
    }
  };

  return {
    add(changes) {
      for (const place of changes.places) places.add(place);
      for (const day of changes.days) days.set(`${day.place}/${day.date}`, day);
      if (!running && places.size > 0) running = send();
    },
    async drain() {
      while (running) await running;
    },
  };
}
