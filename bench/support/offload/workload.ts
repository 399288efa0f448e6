// What visitors ask for in the model: when they come, what kind of visit it is, and which of a
// place's representations (each its own cache key) the visit reads. The shares are assumptions,
// gathered here so that they are read and changed in one place.
import { DAY_MS, HOUR_MS } from '../../../src/contract/durations.ts';

/** The cacheable answers of a place a visit may read; each is a cache key of its own. */
export const REPRESENTATIONS = [
  { name: 'page', lifetime: 'weather' }, // /GB/London
  { name: 'page, other units', lifetime: 'weather' }, // /GB/London?units=imperial
  { name: 'json', lifetime: 'weather' }, // /GB/London.json
  { name: 'json, other units', lifetime: 'weather' },
  { name: 'text', lifetime: 'weather' }, // /GB/London.txt
  { name: "today's day page", lifetime: 'weather' }, // /GB/London/2026-06-15
  { name: "today's day json", lifetime: 'weather' },
  { name: "yesterday's day page", lifetime: 'complete-day' }, // immutable, never purged
] as const;
/** An index into REPRESENTATIONS. */
export type Representation = number;
export const PAGE = 0;
export const PAGE_UNITS = 1;
export const JSON_DOC = 2;
export const JSON_UNITS = 3;
export const TEXT = 4;
export const DAY = 5;
export const DAY_JSON = 6;
export const PAST_DAY = 7;

/** Content codings, should a cache keep one copy per coding (the worker's keeps one in all). */
export const CODINGS = ['br', 'gzip', 'identity'] as const;

export interface Workload {
  /** Shares of the visits: first visits (`/` without the cookie), bookmarks, programs. */
  firstVisits: number;
  bookmarks: number;
  programs: number;
  /** Of the people's visits: the page in the other unit system, then a day page as well. */
  otherUnits: number;
  today: number;
  yesterday: number;
  /** What programs read, in shares adding up to 1. */
  programReads: [Representation, number][];
  /** Browsers' and programs' codings, as shares of CODINGS. */
  browserCodings: number[];
  programCodings: number[];
  /** Caches keep a copy per content coding. */
  codingsSplit: boolean;
}

/** The one-cache replay's visits: pages and JSON only. */
export const REPLAY_WORKLOAD: Workload = {
  firstVisits: 0.2,
  bookmarks: 0.1,
  programs: 0.1,
  otherUnits: 0,
  today: 0,
  yesterday: 0,
  programReads: [[JSON_DOC, 1]],
  browserCodings: [0.8, 0.2, 0],
  programCodings: [0, 0.5, 0.5],
  codingsSplit: false,
};

/** Every representation people and programs read, in shares assumed, not measured. */
export const FULL_WORKLOAD: Workload = {
  ...REPLAY_WORKLOAD,
  otherUnits: 0.05,
  today: 0.15,
  yesterday: 0.05,
  programReads: [
    [JSON_DOC, 0.7],
    [JSON_UNITS, 0.1],
    [TEXT, 0.15],
    [DAY_JSON, 0.05],
  ],
};

export type VisitKind = 'first' | 'return' | 'bookmark' | 'program';

/** The kind of a visit, for a uniform `u`. */
export function kindOf(w: Workload, u: number): VisitKind {
  if (u < w.firstVisits) return 'first';
  if (u < w.firstVisits + w.bookmarks) return 'bookmark';
  if (u < w.firstVisits + w.bookmarks + w.programs) return 'program';
  return 'return';
}

/** The entry of `shares` a uniform `u` falls in. */
export function drawn(shares: readonly number[], u: number): number {
  let sum = 0;
  for (let i = 0; i < shares.length; i++) {
    sum += shares[i]!;
    if (u < sum) return i;
  }
  return shares.length - 1;
}

/** The diurnal curve: peak at 19:00 UTC, the trough a third of it (as in the replay). */
const PEAK_HOUR = 19;
const SWING = 0.5;

/** Arrival times by the diurnal curve from `from` to `until` (ms), one second at a time. */
export function createArrivals(from: number, until: number) {
  const seconds = Math.ceil((until - from) / 1000);
  const cumulative = new Float64Array(seconds);
  let total = 0;
  for (let s = 0; s < seconds; s++) {
    const hour = (from + s * 1000) / HOUR_MS;
    total += 1 + SWING * Math.cos((2 * Math.PI * (hour - PEAK_HOUR)) / 24);
    cumulative[s] = total;
  }
  return {
    /** The expected arrivals over the whole span, for `perDay` in an average day. */
    expected: (perDay: number) => (perDay * total * 1000) / DAY_MS,
    /** The time (ms) a uniform `u` maps to; increasing in `u`. */
    at(u: number): number {
      const target = u * total;
      let lo = 0;
      let hi = seconds - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! <= target) lo = mid + 1;
        else hi = mid;
      }
      const before = lo === 0 ? 0 : cumulative[lo - 1]!;
      return from + (lo + (target - before) / (cumulative[lo]! - before)) * 1000;
    },
  };
}
