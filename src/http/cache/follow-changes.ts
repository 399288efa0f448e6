import { localTags } from '../../contract/protocol/cache-tags.ts';
import type { Database } from '../../store/index.ts';
import { PLACES_CHANNEL } from '../../store/operations/change-log.ts';
import type { Cacheable, MicroCache } from './micro-cache.ts';

export interface FollowOptions {
  /** Told of each announcement and each gap, for /metrics. */
  count?: (event: 'places' | 'gap') => void;
  /** Told of each announcement and each gap too: the change log has something to deliver. */
  changed?: () => void;
  log?: { warn(message: string): void };
}

/**
 * Keeps a micro-cache true to the database: every write announces the places it changed when it
 * commits (NOTIFY), and their answers are dropped here, in every origin process sharing the
 * database. After a gap (the listening connection was lost) anything may have changed, so the
 * whole cache goes. Returns the function that stops following.
 */
export function followChanges<T extends Cacheable>(
  db: Database,
  cache: MicroCache<T>,
  options: FollowOptions = {},
): Promise<() => Promise<void>> {
  return db.listen(PLACES_CHANNEL, {
    message(payload) {
      options.count?.('places');
      options.changed?.();
      const refs = parsePlaces(payload);
      if (!refs) {
        cache.clear();
        return;
      }
      for (const tag of localTags({ places: refs })) cache.invalidateTag(tag);
    },
    gap() {
      options.count?.('gap');
      options.changed?.();
      options.log?.warn('change notifications may have been missed: the micro-cache was cleared');
      cache.clear();
    },
    trouble(message) {
      options.log?.warn(message);
    },
  });
}

function parsePlaces(payload: string): string[] | null {
  try {
    const value: unknown = JSON.parse(payload);
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}
