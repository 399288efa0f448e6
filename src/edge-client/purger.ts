import type { Changes, Purger } from '../domain/changes.ts';
import { type EdgePurgeClient, EdgePurgeError } from './purge-client.ts';

export interface PurgerOptions {
  /** The edge's purge client. */
  client: EdgePurgeClient;
  log: { warn(fields: Record<string, unknown>, message: string): void };
  /** Counts each purge by result: `ok`, `failed` (after every retry). */
  count?: (result: 'ok' | 'failed') => void;
  /** Attempts before giving up (default 4), waiting `backoffMs` × 4^n between them. */
  attempts?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Day pages of a place: `/GB/London/2026-06-01`, in each representation. */
function dayUris(changes: Changes): string[] {
  return changes.days.flatMap(({ place, date }) =>
    ['', '.json', '.txt'].map((ext) => `/${place}/${date}${ext}`),
  );
}

/**
 * Purges the changed places (every URI of each) and day pages at the edge, retrying with
 * exponential backoff. A refusal that retrying cannot fix (4xx other than 429) is not retried.
 * When every attempt failed it logs, counts and rejects: the change log keeps the change.
 */
export function createPurger(options: PurgerOptions): Purger {
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  return {
    async purge(changes) {
      const client = options.client;
      if (changes.places.length === 0) return;
      const targets = { places: changes.places, uris: dayUris(changes) };
      for (let attempt = 1; ; attempt++) {
        try {
          await client.purge(targets);
          options.count?.('ok');
          return;
        } catch (err) {
          const final =
            attempt >= attempts ||
            (err instanceof EdgePurgeError && err.status < 500 && err.status !== 429);
          if (final) {
            options.count?.('failed');
            options.log.warn({ err, places: changes.places.length, attempt }, 'edge purge failed');
            throw err;
          }
          await sleep(backoffMs * 4 ** (attempt - 1));
        }
      }
    },
  };
}
