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
  /** The invalidation count when this request joined, and its own load, should it need one. */
  joined: number;
  load: () => Promise<T>;
}
/** A load under way for one key: when it began, and the requests waiting on it. */
interface Flight<T> {
  began: number;
  waiters: Waiter<T>[];
}

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
 *
 * Invalidation is per tag, not global: a load is thrown away only when a tag its value carries
 * was invalidated after the load began (or the whole cache was cleared), so a change to one
 * place never discards another place's load, however many changes a second arrive. A load's
 * tags are known only once it ends, so the cache remembers when each tag was last invalidated,
 * for as long as some load that began earlier is still under way.
 */
export function createMicroCache<T extends Cacheable>(options: MicroCacheOptions): MicroCache<T> {
  const now = options.now ?? Date.now;
  const report = options.onResult ?? (() => {});
  // Insertion order doubles as recency order. `placed` numbers each move to the recent end.
  const entries = new Map<string, { value: T; placed: number }>();
  let placements = 0;
  const inflight = new Map<string, Flight<T>>();
  let bytes = 0;
  // Counts invalidations. `invalidatedAt` holds the count at each tag's latest one, and `cleared` at
  // the latest clear(): a load that began before either may hold data it just made stale.
  let invalidations = 0;
  let cleared = 0;
  const invalidatedAt = new Map<string, number>();
  let invalidatedBound = 1024;

  /** When a value's data was last declared stale: its tags' latest invalidation, or a clear. */
  const staleSince = (value: T) => {
    let since = cleared;
    for (const tag of value.tags) since = Math.max(since, invalidatedAt.get(tag) ?? 0);
    return since;
  };

  /**
   * Forgets invalidations no load under way began before: all of them once nothing is loading,
   * else, when the record outgrows its bound, those older than the oldest load.
   */
  const forget = () => {
    if (inflight.size === 0) {
      invalidatedAt.clear();
      return;
    }
    if (invalidatedAt.size < invalidatedBound) return;
    let oldest = invalidations;
    for (const flight of inflight.values()) oldest = Math.min(oldest, flight.began);
    for (const [tag, at] of invalidatedAt) if (at <= oldest) invalidatedAt.delete(tag);
    invalidatedBound = Math.max(1024, 2 * invalidatedAt.size);
  };

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

  /** Runs `load` for `key`, shared with the requests that join it while it is under way. */
  const run = async (key: string, load: () => Promise<T>): Promise<T> => {
    const flight: Flight<T> = { began: invalidations, waiters: [] };
    const loading = load();
    inflight.set(key, flight);
    // Waiters are told and let go of at once: nothing the map held keeps the value alive.
    const settle = () => {
      inflight.delete(key);
      forget();
      return flight.waiters.splice(0);
    };
    let value: T;
    try {
      value = await loading;
    } catch (err) {
      const waiters = settle();
      const stale = entries.get(key)?.value;
      if (stale && now() < staleUntil(stale)) {
        report('stale');
        for (const w of waiters) w.resolve(stale);
        return stale;
      }
      for (const w of waiters) w.reject(err);
      throw err;
    }
    const since = staleSince(value);
    if (since <= flight.began) store(key, value);
    const waiters = settle();
    // A request that joined after the value was declared stale asked after the change it
    // announced: it gets a load of its own (one, shared by all such requests), not this value.
    const late: Waiter<T>[] = [];
    for (const w of waiters) {
      if (since > flight.began && w.joined >= since) late.push(w);
      else w.resolve(value);
    }
    if (late.length > 0) {
      const again = run(key, late[0]!.load);
      for (const w of late) again.then(w.resolve, w.reject);
    }
    return value;
  };

  return {
    peek(key) {
      const entry = fresh(key);
      if (entry) report('hit');
      return entry;
    },
    get(key, load) {
      const entry = fresh(key);
      if (entry) {
        report('hit');
        return Promise.resolve(entry);
      }
      const pending = inflight.get(key);
      if (pending) {
        report('coalesced');
        return new Promise<T>((resolve, reject) =>
          pending.waiters.push({ resolve, reject, joined: invalidations, load }),
        );
      }
      report('miss');
      return run(key, load);
    },
    invalidateTag(tag) {
      invalidations++;
      if (inflight.size > 0) invalidatedAt.set(tag, invalidations);
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
      cleared = ++invalidations;
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
