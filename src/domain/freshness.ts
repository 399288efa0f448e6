/** How long a representation may be reused, in seconds, for browsers and shared caches. */
export interface Freshness {
  maxAge: number;
  staleWhileRevalidate: number;
  staleIfError: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An update is due, but sources run late: look again soon rather than pin the old data. */
const OVERDUE_RETRY = MINUTE;
/** A floor so an update a few seconds away does not turn caching off. */
const MIN_LIFETIME = 30;
/** A ceiling so a source that promises nothing for days is still re-read now and then. */
const MAX_LIFETIME = 6 * HOUR;

/** Weather at a place: fresh until its source's next expected update. */
export function weatherFreshness(nextUpdateAt: Date | null, now: Date): Freshness {
  if (!nextUpdateAt) return catalogFreshness;
  const left = Math.ceil((nextUpdateAt.getTime() - now.getTime()) / 1000);
  const maxAge = left <= 0 ? OVERDUE_RETRY : Math.min(MAX_LIFETIME, Math.max(MIN_LIFETIME, left));
  return { maxAge, staleWhileRevalidate: 2 * MINUTE, staleIfError: DAY };
}

/** The place catalog (search, metadata): changes on re-import only. */
export const catalogFreshness: Freshness = {
  maxAge: HOUR,
  staleWhileRevalidate: HOUR,
  staleIfError: 7 * DAY,
};

/** Redirects between spellings and from coordinates: slugs never change once assigned. */
export const redirectFreshness: Freshness = {
  maxAge: DAY,
  staleWhileRevalidate: DAY,
  staleIfError: 7 * DAY,
};

/** An unknown place: cached briefly, so a place added later appears soon. */
export const notFoundFreshness: Freshness = {
  maxAge: MINUTE,
  staleWhileRevalidate: 0,
  staleIfError: 0,
};
