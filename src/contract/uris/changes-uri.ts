import { MINUTE_S } from '../durations.ts';
import type { Freshness } from '../protocol/freshness.ts';
import { Invalid } from '../protocol/request-errors.ts';

/**
 * A position in the change feed: after the entry numbered `seq` as its write committed
 * (src/store/operations/change-feed.ts). `{ seq: 0 }` is before the first entry kept.
 */
export interface FeedPosition {
  seq: number;
}

/** Entries on a page of the change feed: a full page never changes. */
export const CHANGES_PAGE_SIZE = 100;

/** The feed's start: before the oldest entry kept. */
export const FEED_START: FeedPosition = { seq: 0 };

/** How long the change log keeps an entry for followers of the feed (and the caches). */
export const FEED_DAYS = 7;

/** A position as it appears in URIs. */
export const cursorOf = (p: FeedPosition) => String(p.seq);

/** The page of the feed after a position. */
export const changesPath = (p: FeedPosition) => `/v1/changes?after=${cursorOf(p)}`;

const CURSOR = /^(0|[1-9][0-9]{0,14})$/;

/** A cursor read from a URI; Invalid when it is not one this origin writes. */
export function readCursor(text: string): FeedPosition {
  const m = CURSOR.exec(text);
  if (!m) {
    throw new Invalid(
      'query parameter "after" must be a cursor of this feed (a whole number, as in "next"), or 0 for the oldest change kept',
      { parameter: 'after' },
    );
  }
  return { seq: Number(m[1]) };
}

/**
 * The newest page, not yet full: it grows as writes land. Briefly cached, so that followers
 * polling it together cost the origin one answer every few seconds; caches need no purge.
 */
export const feedTailFreshness: Freshness = {
  maxAge: 5,
  staleWhileRevalidate: 0,
  staleIfError: MINUTE_S,
};
