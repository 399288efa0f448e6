import { zonedFormatter } from './time.ts';
import { DEMO_SOURCE } from './weather.ts';

// en-CA writes dates as YYYY-MM-DD.
const DATE = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;

/** The calendar date (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return zonedFormatter('date', timeZone, 'en-CA', DATE).format(at);
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
