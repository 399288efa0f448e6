import { DAY_MS } from '../durations.ts';
import { Invalid } from '../protocol/request-errors.ts';
import { FORMATS, type Format, locationPath } from './place-uri.ts';

/**
 * Local days of a place in the URI space: `/{CC}/{Name}/{YYYY-MM-DD}[.json|.txt]` and the
 * history API. Dates are calendar dates in the place's own calendar, written `YYYY-MM-DD`.
 */

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** Days since 1970-01-01 of a calendar date, or null when no such day exists. */
function dayNumber(year: number, month: number, day: number): number | null {
  const at = new Date(0);
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  at.setUTCFullYear(year, month - 1, day);
  const same =
    year >= 1 &&
    at.getUTCFullYear() === year &&
    at.getUTCMonth() === month - 1 &&
    at.getUTCDate() === day;
  return same ? Math.round(at.getTime() / DAY_MS) : null;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function fromDayNumber(n: number): string {
  const at = new Date(n * DAY_MS);
  return `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1, 2)}-${pad(at.getUTCDate(), 2)}`;
}

function parse(text: string, what: string): number {
  const match = DATE.exec(text);
  if (!match) throw new Invalid(`${what} must be a date written YYYY-MM-DD`);
  const n = dayNumber(Number(match[1]), Number(match[2]), Number(match[3]));
  if (n === null) throw new Invalid(`${what} is not a day of the calendar: there is no ${text}`);
  return n;
}

/**
 * A calendar date as written (`2026-11-20`, or `2026-6-1` for `2026-06-01`), in its canonical
 * spelling; throws Invalid for a malformed or impossible one (`2015-02-30`, `15-6-1`).
 */
export function readCalendarDate(text: string, what = 'the date'): string {
  return fromDayNumber(parse(text, what));
}

/** The date `days` after `date` (before, when negative). */
export const addDays = (date: string, days: number) => fromDayNumber(parse(date, 'date') + days);

/** Days from `from` to `to`: 1 from a day to the next, negative when `to` comes first. */
export const daysBetween = (from: string, to: string) => parse(to, 'date') - parse(from, 'date');

/** What a day segment asks for: `2026-11-20.json` → the date and the representation. */
export interface DayRequest {
  date: string;
  format: Format;
}

/** Reads the date segment of a day URI in any spelling (extension case, `.html`, a slash). */
export function readDaySegment(segment: string): DayRequest {
  let text = segment.replace(/\/$/, '');
  const ext = /\.([A-Za-z]*)$/.exec(text);
  const format = (ext?.[1]?.toLowerCase() ?? 'html') as Format;
  if (!FORMATS.includes(format)) {
    throw new Invalid(
      `"${ext![0].slice(0, 10)}" is not a representation of a day; use .json, .txt or none`,
    );
  }
  if (ext) text = text.slice(0, -ext[0].length);
  return { date: readCalendarDate(text), format };
}

/** The canonical path of a day of a place: `/GB/London/2026-11-20`, `….json`. */
export function dayPath(countryCode: string, slug: string, date: string, format: Format): string {
  return `/${countryCode}/${slug}/${date}${format === 'html' ? '' : `.${format}`}`;
}

/** The most days one history request may span (a leap year). */
export const HISTORY_MAX_DAYS = 366;
/** Days a history request covers when it names no `to`, and a page holds by default. */
export const HISTORY_DEFAULT_DAYS = 31;

/** One page of a history request: the days `from`…`last`, of the range `from`…`to`. */
export interface HistoryPage {
  from: string;
  to: string;
  /** Days per page. */
  limit: number;
  /** The last day this page covers. */
  last: string;
  /** Where the next page starts, or null on the last page. */
  nextFrom: string | null;
}

/**
 * The page a history query asks for. `limit` counts calendar days, not entries: a page covers
 * `limit` days of the range whatever data they hold, so its URI alone says what it covers.
 */
export function historyPage(from: string, to: string | undefined, limit: number): HistoryPage {
  const end = to ?? addDays(from, HISTORY_DEFAULT_DAYS - 1);
  const span = daysBetween(from, end) + 1;
  if (span < 1) throw new Invalid('"to" must not come before "from"', { parameter: 'to' });
  if (span > HISTORY_MAX_DAYS) {
    throw new Invalid(
      `a history request spans at most ${HISTORY_MAX_DAYS} days; ask again by pages`,
      {
        parameter: 'to',
      },
    );
  }
  const last = span > limit ? addDays(from, limit - 1) : end;
  return { from, to: end, limit, last, nextFrom: span > limit ? addDays(from, limit) : null };
}

/**
 * The canonical URI of a history page of a place (`GB/London`). Its query is in name order (the
 * order the edge sorts a query into for its cache key), `to` always written, `limit` only when it
 * is not the default; `more` is any further canonical query (`&units=imperial`).
 */
export function historyPath(ref: string, page: Omit<HistoryPage, 'last' | 'nextFrom'>, more = '') {
  const limit = page.limit === HISTORY_DEFAULT_DAYS ? '' : `&limit=${page.limit}`;
  return `${locationPath(ref)}/history?from=${page.from}${limit}&to=${page.to}${more}`;
}
