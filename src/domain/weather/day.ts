import { zonedFormatter } from './time.ts';
import { DEMO_SOURCE } from './weather.ts';

// en-CA writes dates as YYYY-MM-DD.
const DATE = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;

// Protects the bench:refresh row "CPU per refresh" (bench/refresh.ts): a document groups each of
// its forecast hours into days, and Intl's formatting of every hour was the largest single cost
// of a refresh. Every zone's offset has been a whole number of quarter hours since 1990, so
// local midnight falls on a UTC quarter hour and an instant's date holds through its quarter:
// found once per zone and quarter, earlier instants each time.
const QUARTER_MS = 900_000;
const CACHED_FROM = Date.UTC(1990, 0, 1);
const MAX_CACHED = 100_000;
/** By zone, by quarter hour since the epoch; `cached` of them in all. */
const dates = new Map<string, Map<number, string>>();
let cached = 0;

/** The calendar date (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  const ms = at.getTime();
  if (!(ms >= CACHED_FROM)) return zonedFormatter('date', timeZone, 'en-CA', DATE).format(at);
  if (cached >= MAX_CACHED) {
    dates.clear();
    cached = 0;
  }
  let zone = dates.get(timeZone);
  if (!zone) {
    zone = new Map();
    dates.set(timeZone, zone);
  }
  const quarter = Math.floor(ms / QUARTER_MS);
  let date = zone.get(quarter);
  if (date === undefined) {
    date = zonedFormatter('date', timeZone, 'en-CA', DATE).format(at);
    zone.set(quarter, date);
    cached++;
  }
  return date;
}

/** What ranks one source's account of a day against another's. */
export interface SourceDay {
  source: string;
  complete: boolean;
  /** Hours it was derived from; null when the source sent the day whole. */
  hours: number | null;
}

const coverage = (d: SourceDay) => d.hours ?? Number.POSITIVE_INFINITY;

/**
 * The accounts of one day, the one to show first: measured before generated (the demo source's
 * data is made up, so any real source beats it, even a partial one), then complete before
 * partial, then more hours, then by source name so the choice never flips between reads.
 */
export function preferredFirst<T extends SourceDay>(days: readonly T[]): T[] {
  return [...days].sort(
    (a, b) =>
      Number(a.source === DEMO_SOURCE) - Number(b.source === DEMO_SOURCE) ||
      Number(b.complete) - Number(a.complete) ||
      coverage(b) - coverage(a) ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
  );
}

/** Rows of several days (ordered by date), one list per date, each ranked by preferredFirst. */
export function preferredByDate<T extends SourceDay & { date: string }>(
  rows: readonly T[],
): [T, ...T[]][] {
  const byDate = new Map<string, T[]>();
  for (const row of rows) {
    const same = byDate.get(row.date);
    if (same) same.push(row);
    else byDate.set(row.date, [row]);
  }
  return [...byDate.values()].map((day) => preferredFirst(day) as [T, ...T[]]);
}

/**
 * Whether a day's summary can no longer change: every hour is in, and it comes from a real
 * source. A demo day never is, since real data written later replaces the demo's.
 */
export function settled(summary: { complete: boolean; source: string }): boolean {
  return summary.complete && summary.source !== DEMO_SOURCE;
}
