// The caches of the many-data-centre model, for one group of keys at a time: a cache per data
// centre (the lower tier: what the worker's lookup() does with a stored copy, or Cloudflare's CDN
// cache, which serves nothing stale), an optional shared upper tier, and the origin with its
// micro-cache. Time is virtual and the origin answers at once,
// so a refresh is stored before the next request (perfect coalescing, as in the replay).
//
// A copy is what a cache holds of a key: the data version it shows, until when it is fresh, until
// when it may be served stale, and whether its lifetime was the origin's overdue retry. Purges are
// lazy: a purge reaches every cache when an update lands, so a copy of an older version than the
// origin's is one a purge removed. Copies are never evicted otherwise (each cache keeps a copy
// for a day or more past its lifetime, so an expired one is revalidated with its validator).

/** How a data centre answered a lookup: as the worker's X-Isobar-Edge says. */
export type EdgeStatus = 'hit' | 'stale' | 'miss' | 'revalidated';

/**
 * Why a cache asked the origin: it had no copy (`cold`), a purge had removed its copy
 * (`purged`), its copy's lifetime ran out at the promised update (`expired`) or it was an overdue
 * retry's minute (`overdue`).
 */
export type Cause = 'cold' | 'purged' | 'expired' | 'overdue';

/** What the origin gives an answer rendered now: its lifetime and stale window, in ms. */
export interface Render {
  maxAgeMs: number;
  staleMs: number;
  /** The promised update is past: the lifetime is the overdue retry. */
  overdue: boolean;
}

/** The origin's side of the keys: each key's data version, and the answer it renders. */
export interface KeyOrigin {
  /** The version of `key`'s data at `t`; moves with each update. */
  version(key: number, t: number): number;
  render(key: number, t: number): Render;
}

export interface TiersOptions {
  dataCentres: number;
  /** Keys a group may hold at most. */
  keys: number;
  /** A shared upper tier between the data centres and the origin. */
  upperTier: boolean;
  /**
   * The data centres serve a copy within its stale-while-revalidate window (the worker's own
   * lookup does); Cloudflare's CDN cache does not, since `s-maxage` implies proxy-revalidate.
   */
  staleAtDataCentres: boolean;
  /** Each update purges its keys from every cache (the origin's micro-cache included). */
  purges: boolean;
  origin: KeyOrigin;
  /**
   * Called for every origin request: `notModified` when it was answered 304, `rendered` when the
   * origin's micro-cache had no copy to answer from.
   */
  onOrigin(key: number, t: number, cause: Cause, notModified: boolean, rendered: boolean): void;
  /** Called when a data centre answers from a copy older than the origin's data (no purge). */
  onOutdated(key: number, t: number): void;
}

/** One cache's copies, slot by slot; a slot is empty unless its stamp is the current group's. */
interface Copies {
  stamp: Int32Array;
  version: Int32Array;
  expires: Float64Array;
  staleUntil: Float64Array;
  overdue: Uint8Array;
}

const copiesOf = (slots: number): Copies => ({
  stamp: new Int32Array(slots).fill(-1),
  version: new Int32Array(slots),
  expires: new Float64Array(slots),
  staleUntil: new Float64Array(slots),
  overdue: new Uint8Array(slots),
});

/** A copy handed down from one cache to another (or by the origin). */
interface Answer {
  version: number;
  expires: number;
  staleMs: number;
  overdue: boolean;
  /** The asker's validator matched: a 304. */
  notModified: boolean;
}

export interface Tiers {
  /** Empties every cache: the next group's keys start cold. */
  reset(): void;
  /** A lookup of `key` at data centre `dc` at `t` (ms); requests come in time order. */
  request(dc: number, key: number, t: number): EdgeStatus;
}

export function createTiers(o: TiersOptions): Tiers {
  const lower = copiesOf(o.dataCentres * o.keys);
  const upper = copiesOf(o.keys);
  const micro = copiesOf(o.keys);
  let group = 0;
  const answer: Answer = { version: 0, expires: 0, staleMs: 0, overdue: false, notModified: false };

  /** The version a cache's copy in `slot` holds, or -1 when it has none (or a purge took it). */
  function held(c: Copies, slot: number, current: number): number {
    if (c.stamp[slot] !== group) return -1;
    const version = c.version[slot]!;
    return o.purges && version !== current ? -1 : version;
  }
  /** Why a cache with this copy (or none) asks upstream. */
  function causeOf(c: Copies, slot: number, version: number): Cause {
    if (version >= 0) return c.overdue[slot] ? 'overdue' : 'expired';
    return c.stamp[slot] === group ? 'purged' : 'cold';
  }
  function keep(c: Copies, slot: number, a: Answer) {
    c.stamp[slot] = group;
    c.version[slot] = a.version;
    c.expires[slot] = a.expires;
    c.staleUntil[slot] = a.expires + a.staleMs;
    c.overdue[slot] = a.overdue ? 1 : 0;
  }

  /** Hands out the copy in `slot`. */
  function copy(c: Copies, slot: number, validator: number): Answer {
    answer.version = c.version[slot]!;
    answer.expires = c.expires[slot]!;
    answer.staleMs = c.staleUntil[slot]! - answer.expires;
    answer.overdue = c.overdue[slot] === 1;
    answer.notModified = validator === answer.version;
    return answer;
  }

  /** The origin: its micro-cache's copy while fresh and current, else a new render. */
  function fromOrigin(key: number, t: number, validator: number, cause: Cause): Answer {
    const current = o.origin.version(key, t);
    const render = held(micro, key, current) !== current || t >= micro.expires[key]!;
    if (render) {
      const r = o.origin.render(key, t);
      micro.stamp[key] = group;
      micro.version[key] = current;
      micro.expires[key] = t + r.maxAgeMs;
      micro.staleUntil[key] = t + r.maxAgeMs + r.staleMs;
      micro.overdue[key] = r.overdue ? 1 : 0;
    }
    const given = copy(micro, key, validator);
    o.onOrigin(key, t, cause, given.notModified, render);
    return given;
  }

  /**
   * The shared upper tier: a CDN cache, which serves nothing stale (the origin's `s-maxage`
   * implies proxy-revalidate), so an expired copy is revalidated before it answers.
   */
  function fromUpper(key: number, t: number, validator: number): Answer {
    const version = held(upper, key, o.origin.version(key, t));
    if (version < 0 || t >= upper.expires[key]!) {
      const fetched = fromOrigin(key, t, version, causeOf(upper, key, version));
      keep(upper, key, fetched);
    }
    return copy(upper, key, validator);
  }

  return {
    reset() {
      group++;
    },
    request(dc, key, t) {
      const slot = key * o.dataCentres + dc;
      const current = o.origin.version(key, t);
      const version = held(lower, slot, current);
      const fresh = version >= 0 && t < lower.expires[slot]!;
      const stale = !fresh && o.staleAtDataCentres && version >= 0 && t < lower.staleUntil[slot]!;
      if ((fresh || stale) && version !== current) o.onOutdated(key, t);
      if (fresh) return 'hit';
      // A stale copy is served and refreshed in the background, which here ends at once.
      const fetched = o.upperTier
        ? fromUpper(key, t, version)
        : fromOrigin(key, t, version, causeOf(lower, slot, version));
      keep(lower, slot, fetched);
      if (stale) return 'stale';
      return fetched.notModified ? 'revalidated' : 'miss';
    },
  };
}
