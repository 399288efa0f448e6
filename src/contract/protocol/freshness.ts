import { DAY_S, HOUR_S, MINUTE_S, YEAR_S } from '../durations.ts';

/**
 * How long an answer may be reused, in seconds: `maxAge` for browsers and shared caches alike,
 * then the RFC 5861 windows. The origin writes it as Cache-Control; the edge reads it back.
 */
export interface Freshness {
  maxAge: number;
  staleWhileRevalidate: number;
  staleIfError: number;
  /** The answer will never change: browsers need not revalidate it, even on reload. */
  immutable?: boolean;
}

/**
 * Data behind its source's schedule: it changes only when a write lands, and every write purges
 * the shared caches, so they may keep it a while; a short lifetime here would multiply the
 * origin's traffic exactly when the provider is short (browsers still stop at BROWSER_MAX_AGE).
 */
const BEHIND_LIFETIME = 15 * MINUTE_S;
/** A floor so an update a few seconds away does not turn caching off. */
const MIN_LIFETIME = 30;
/** A ceiling so a source that promises nothing for days is still re-read now and then. */
const MAX_LIFETIME = 6 * HOUR_S;

/** The place catalog (search, metadata, nearest): changes on re-import only. */
export const catalogFreshness: Freshness = {
  maxAge: HOUR_S,
  staleWhileRevalidate: HOUR_S,
  staleIfError: 7 * DAY_S,
};

/** Redirects between spellings and from coordinates: slugs never change once assigned. */
export const redirectFreshness: Freshness = {
  maxAge: DAY_S,
  staleWhileRevalidate: DAY_S,
  staleIfError: 7 * DAY_S,
};

/** Files that change only with a release (favicon, robots.txt, the API reference): a week. */
export const siteFileFreshness: Freshness = {
  maxAge: 7 * DAY_S,
  staleWhileRevalidate: DAY_S,
  staleIfError: 30 * DAY_S,
};

/** An unknown place: cached briefly, so a place added later appears soon. */
export const notFoundFreshness: Freshness = {
  maxAge: MINUTE_S,
  staleWhileRevalidate: 0,
  staleIfError: 0,
};

/**
 * A place whose weather is being fetched as it is first viewed: the answer changes within
 * seconds (the page reloads itself), so no cache keeps the empty state for longer.
 */
export const fetchingFreshness: Freshness = {
  maxAge: 5,
  staleWhileRevalidate: 0,
  staleIfError: 0,
};

/** A file named by its content: it never changes, so every cache keeps it a year. */
export const immutableFreshness: Freshness = {
  maxAge: YEAR_S,
  staleWhileRevalidate: 0,
  staleIfError: 0,
  immutable: true,
};

/**
 * A complete past day: nothing more is expected, but a correction may come through the write
 * API or an import at any time, so it is never `immutable`. Shared caches keep it a year and
 * are purged by the correction; browsers, which cannot be purged, keep it BROWSER_MAX_AGE.
 */
export const pastDayFreshness: Freshness = {
  maxAge: YEAR_S,
  staleWhileRevalidate: DAY_S,
  staleIfError: 30 * DAY_S,
};

/** Weather at a place: fresh until its source's next expected update. */
export function weatherFreshness(nextUpdateAt: Date | null, now: Date): Freshness {
  if (!nextUpdateAt) return catalogFreshness;
  const left = Math.ceil((nextUpdateAt.getTime() - now.getTime()) / 1000);
  // Overdue but not yet behind: the answer says "not behind" until BEHIND_AFTER_S, then changes.
  const untilBehind = left + BEHIND_AFTER_S;
  const maxAge =
    left > 0
      ? Math.min(MAX_LIFETIME, Math.max(MIN_LIFETIME, left))
      : untilBehind > 0
        ? Math.max(MIN_LIFETIME, untilBehind)
        : BEHIND_LIFETIME;
  return { maxAge, staleWhileRevalidate: 2 * MINUTE_S, staleIfError: DAY_S };
}

/**
 * A freshness cut short so that no cache keeps the answer past `until` (when a warning it shows
 * begins or expires): its lifetime and its stale windows all end by then. Null `until`: as it is.
 */
export function endingBy(f: Freshness, until: Date | null, now: Date): Freshness {
  if (!until) return f;
  const left = Math.max(1, Math.floor((until.getTime() - now.getTime()) / 1000));
  if (left >= keepSeconds(f)) return f;
  const maxAge = Math.min(f.maxAge, left);
  const rest = left - maxAge;
  return {
    maxAge,
    staleWhileRevalidate: Math.min(f.staleWhileRevalidate, rest),
    staleIfError: Math.min(f.staleIfError, rest),
  };
}

/**
 * How late a promised update may be before the data counts as behind: schedulers add jitter and
 * requests take time; the answer is cached until that moment, when it begins to say so.
 */
export const BEHIND_AFTER_S = 15 * MINUTE_S;

/** Whether a source has missed its promised update by more than BEHIND_AFTER_S. */
export function isBehind(nextUpdateAt: Date | null, now: Date): boolean {
  return nextUpdateAt !== null && now.getTime() - nextUpdateAt.getTime() > BEHIND_AFTER_S * 1000;
}

/** The due time before which a place counts as behind at `now`: isBehind, for a query. */
export const behindBefore = (now: Date) => new Date(now.getTime() - BEHIND_AFTER_S * 1000);

/** Calendar days after its end that a day may still receive data (late or delayed reports). */
const LATE_DATA_DAYS = 2;

/**
 * One local day of a place, or the newest day of a range of them (`/{CC}/{Name}/{date}`, the
 * history API). `daysAgo` counts calendar days from it to the place's today (0 today, 1
 * yesterday, negative in the future); `complete` says every hour of it is in (for a range: of
 * every day).
 *
 * - Over and complete: nothing more is expected, so shared caches keep it a year (see
 *   pastDayFreshness: a correction purges it).
 * - Today, the future, and days that ended less than two days ago: sources still write to them
 *   (the hours to come, late reports), so they follow the place's next update like its weather.
 * - Incomplete and ended longer ago: only a rare import could fill its gaps, so the catalog's
 *   hour is enough.
 * Counting in the place's calendar days rather than hours keeps the rule free of time-zone
 * arithmetic; across a clock change the two-day mark moves by an hour.
 */
export function dayFreshness(
  daysAgo: number,
  complete: boolean,
  nextUpdateAt: Date | null,
  now: Date,
): Freshness {
  if (daysAgo >= 1 && complete) return pastDayFreshness;
  if (daysAgo <= LATE_DATA_DAYS) return weatherFreshness(nextUpdateAt, now);
  return catalogFreshness;
}

/**
 * Browsers cannot be purged: they keep a changing answer at most this long, so that a
 * correction reaches them within minutes. Shared caches keep it for its whole lifetime, and are
 * purged when it changes sooner (src/contract/protocol/cache-tags.ts).
 */
export const BROWSER_MAX_AGE = 5 * MINUTE_S;

/** The caching headers of a shared, cacheable answer. */
export interface CacheHeaders {
  /** For browsers (and any cache that does not read CDN-Cache-Control): the short lifetime. */
  'cache-control': string;
  /**
   * For shared caches (RFC 9213; Cloudflare's CDN and the shipped Varnish read it): the whole
   * lifetime and the stale windows. Never `s-maxage` in Cache-Control instead: it implies
   * proxy-revalidate (RFC 9111), which switches stale serving off.
   */
  'cdn-cache-control': string;
}

/** The caching headers of a shared, cacheable answer; `maxAge` counts down from when it was made. */
export function cacheHeaders(f: Freshness, maxAge = f.maxAge): CacheHeaders {
  // Only an answer that never changes (a file named by its content) is kept long by browsers.
  const browser = f.immutable
    ? `public, max-age=${maxAge}, immutable`
    : `public, max-age=${Math.min(maxAge, BROWSER_MAX_AGE)}`;
  const shared = ['public', `max-age=${maxAge}`];
  if (f.staleWhileRevalidate > 0) shared.push(`stale-while-revalidate=${f.staleWhileRevalidate}`);
  if (f.staleIfError > 0) shared.push(`stale-if-error=${f.staleIfError}`);
  return { 'cache-control': browser, 'cdn-cache-control': shared.join(', ') };
}

/** Statuses a shared cache keeps; anything else (400, 5xx, 302…) goes through untouched. */
const STORABLE_STATUSES = new Set([200, 301, 404]);

/** Directive names in lower case; a directive without a value maps to true. */
export function parseCacheControl(value: string | null): Map<string, string | true> {
  const directives = new Map<string, string | true>();
  for (const part of (value ?? '').split(',')) {
    const [rawName, ...rest] = part.split('=');
    const name = rawName?.trim().toLowerCase();
    if (!name || directives.has(name)) continue;
    directives.set(
      name,
      rest.length
        ? rest
            .join('=')
            .trim()
            .replace(/^"(.*)"$/, '$1')
        : true,
    );
  }
  return directives;
}

function seconds(value: string | true | undefined): number | undefined {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The freshness an answer grants a shared cache, or undefined when it must not be stored: not a
 * storable status, a Set-Cookie, a Vary beyond Accept-Encoding, private/no-store/no-cache, or no
 * lifetime. `must-revalidate` closes the stale windows.
 */
export function storableFreshness(status: number, headers: Headers): Freshness | undefined {
  if (!STORABLE_STATUSES.has(status) || headers.has('set-cookie')) return undefined;
  const vary = headers.get('vary');
  const control = headers.get('cache-control');
  // A stored copy's headers are read on every hit: each distinct answer is worked out once.
  const key = `${status}\n${vary}\n${control}`;
  if (judged.has(key)) return judged.get(key);
  if (judged.size >= MAX_JUDGED) judged.clear();
  const freshness = judge(vary, control);
  judged.set(key, freshness);
  return freshness;
}

const judged = new Map<string, Freshness | undefined>();
const MAX_JUDGED = 1024;

function judge(vary: string | null, control: string | null): Freshness | undefined {
  if (vary?.split(',').some((v) => v.trim().toLowerCase() !== 'accept-encoding')) return undefined;
  const cc = parseCacheControl(control);
  if (cc.has('no-store') || cc.has('private') || cc.has('no-cache')) return undefined;
  const maxAge = seconds(cc.get('s-maxage')) ?? seconds(cc.get('max-age'));
  if (maxAge === undefined) return undefined;
  const mayServeStale = !cc.has('must-revalidate') && !cc.has('proxy-revalidate');
  const staleWhileRevalidate = mayServeStale ? (seconds(cc.get('stale-while-revalidate')) ?? 0) : 0;
  const staleIfError = mayServeStale ? (seconds(cc.get('stale-if-error')) ?? 0) : 0;
  const freshness: Freshness = { maxAge, staleWhileRevalidate, staleIfError };
  if (cc.has('immutable')) freshness.immutable = true;
  return keepSeconds(freshness) > 0 ? Object.freeze(freshness) : undefined;
}

/** How long a stored copy is worth keeping: its lifetime plus the longer stale window. */
export function keepSeconds(f: Freshness): number {
  return f.maxAge + Math.max(f.staleWhileRevalidate, f.staleIfError);
}
