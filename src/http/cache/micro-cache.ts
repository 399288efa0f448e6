/**
 * How a request was answered by the micro-cache; exported as isobar_cache_requests_total{result}.
 */
export type CacheResult = 'hit' | 'miss' | 'coalesced' | 'stale';

/** What the cache needs to know of an entry besides the value itself. */
export interface Cacheable {
  /** When the entry stops being served (ms since the epoch). */
  expiresAt: number;
  /** Approximate memory held, for the byte bound. */
  size: number;
  /** Purge handles (the Cache-Tag values). */
  tags: readonly string[];
  /**
   * Seconds past `expiresAt` that the entry may still stand in for a load that fails
   * (RFC 5861 stale-if-error); none without it.
   */
  freshness?: { readonly staleIfError: number };
}

export interface MicroCacheOptions {
  maxBytes: number;
  now?: () => number;
  onResult?: (result: CacheResult) => void;
}

export interface MicroCache<T extends Cacheable> {
  /**
   * The cached value for `key`, or the one `load` makes; concurrent callers share one load. When
   * the load fails, an expired entry still within its stale-if-error window is given instead.
   */
  get(key: string, load: () => Promise<T>): Promise<T>;
  /** The fresh cached value for `key`, at once, counted as a hit; undefined otherwise (nothing counted). */
  peek(key: string): T | undefined;
  /** Drops every entry carrying `tag`; returns how many. */
  invalidateTag(tag: string): number;
  clear(): void;
  readonly bytes: number;
  readonly size: number;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}
/** The requests waiting on a load already under way for their key. */
type Flight<T> = Waiter<T>[];

/**
 * A bounded, in-process LRU of rendered responses with request coalescing: any number of
 * concurrent misses for one key run `load` once. Failed loads are not remembered. Expired
 * entries are kept (within the byte bound) through their stale-if-error window, served only
 * when a load fails (the database is down), never before a load is tried.
 *
 * A load under way is shared through a list of waiters, not by keeping its promise in the map:
 * a promise keeps its value for as long as it lives, and one the long-lived map had pointed to
 * could be promoted to the old generation and hold every value (a 14 KB document) past its
 * request, until the next full collection. Cold reads spent a third of their CPU in that GC.
 */
export function createMicroCache<T extends Cacheable>(options: MicroCacheOptions): MicroCache<T> {
  const now = options.now ?? Date.now;
  const report = options.onResult ?? (() => {});
  // Insertion order doubles as recency order. `placed` numbers each move to the recent end.
  const entries = new Map<string, { value: T; placed: number }>();
  let placements = 0;
  const inflight = new Map<string, Flight<T>>();
  let bytes = 0;
  // Bumped by every invalidation: a load that began before one may hold data it just made stale.
  let epoch = 0;

  const remove = (key: string) => {
    const held = entries.get(key);
    if (!held) return;
    entries.delete(key);
    bytes -= held.value.size;
  };

  const store = (key: string, value: T) => {
    remove(key);
    if (value.size > options.maxBytes || value.expiresAt <= now()) return;
    entries.set(key, { value, placed: ++placements });
    bytes += value.size;
    for (const oldest of entries.keys()) {
      if (bytes <= options.maxBytes) break;
      remove(oldest);
    }
  };

  const staleUntil = (entry: T) => entry.expiresAt + (entry.freshness?.staleIfError ?? 0) * 1000;

  /**
   * A fresh entry, moved to the recent end unless it is in the recent half already (fewer
   * entries were placed after it than half the cache holds): a move costs the map a delete and
   * an insert, and every few moves a new table, which made it the dearest part of a hit. The
   * entries evicted first are still the least recently used half. An expired entry is kept for a
   * failing load while its stale-if-error window lasts, then dropped.
   */
  const fresh = (key: string): T | undefined => {
    const held = entries.get(key);
    if (!held) return undefined;
    const entry = held.value;
    const t = now();
    if (entry.expiresAt <= t) {
      if (staleUntil(entry) <= t) remove(key);
      return undefined;
    }
    if (2 * (placements - held.placed) >= entries.size) {
      entries.delete(key);
      entries.set(key, held);
      held.placed = ++placements;
    }
    return entry;
  };

  return {
    peek(key) {
      const entry = fresh(key);
      if (entry) report('hit');
      return entry;
    },
    async get(key, load) {
      const entry = fresh(key);
      if (entry) {
        report('hit');
        return entry;
      }
      const pending = inflight.get(key);
      if (pending) {
        report('coalesced');
        return new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
      }
      report('miss');
      const startedIn = epoch;
      const loading = load();
      const waiters: Flight<T> = [];
      inflight.set(key, waiters);
      // Waiters are told and let go of at once: nothing the map held keeps the value alive.
      const settle = (outcome: (w: Waiter<T>) => void) => {
        inflight.delete(key);
        for (const waiter of waiters.splice(0)) outcome(waiter);
      };
      return loading.then(
        (value) => {
          if (startedIn === epoch) store(key, value);
          settle((w) => w.resolve(value));
          return value;
        },
        (err: unknown) => {
          const stale = entries.get(key)?.value;
          if (stale && now() < staleUntil(stale)) {
            report('stale');
            settle((w) => w.resolve(stale));
            return stale;
          }
          settle((w) => w.reject(err));
          throw err;
        },
      );
    },
    invalidateTag(tag) {
      epoch++;
      let dropped = 0;
      for (const [key, { value }] of entries) {
        if (value.tags.includes(tag)) {
          remove(key);
          dropped++;
        }
      }
      return dropped;
    },
    clear() {
      epoch++;
      entries.clear();
      bytes = 0;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
  };
}
