import {
  CHANGES_PAGE_SIZE,
  changesPath,
  cursorOf,
  type FeedPosition,
} from '../contract/uris/changes-uri.ts';
import type { Changes } from '../domain/changes.ts';

/** One entry of the change feed: a write, and the places and local days it changed. */
export interface ChangeJson {
  /** Where a follower continues from once it has handled this entry. */
  cursor: string;
  at: string;
  /** What made the change: `write`, `import`, `provider`, `demo`, `purge`. */
  reason: string;
  places: { place: string; uri: string; days: string[] }[];
}

/** A page of the change feed (`/v1/changes?after={cursor}`). */
export interface ChangesJson {
  after: string;
  changes: ChangeJson[];
  /** Whether the page is full: then it never changes, and `next` holds what follows. */
  complete: boolean;
  next: string;
}

type Entry = Changes & FeedPosition & { at: Date; reason: string };

/** One entry of the feed, as a page lists it and a webhook pushes it. */
export function changeJson(e: Entry): ChangeJson {
  const days = new Map<string, string[]>(e.places.map((p) => [p, []]));
  for (const d of e.days) {
    const dates = days.get(d.place);
    if (dates) dates.push(d.date);
    else days.set(d.place, [d.date]);
  }
  return {
    cursor: cursorOf(e),
    at: e.at.toISOString(),
    reason: e.reason,
    places: [...days].map(([place, dates]) => ({ place, uri: `/${place}`, days: dates })),
  };
}

/** The page after `after` holding `entries` (at most CHANGES_PAGE_SIZE, in feed order). */
export function changesDocument(after: FeedPosition, entries: readonly Entry[]): ChangesJson {
  const last = entries.at(-1) ?? after;
  return {
    after: cursorOf(after),
    changes: entries.map(changeJson),
    complete: entries.length >= CHANGES_PAGE_SIZE,
    next: changesPath(last),
  };
}
