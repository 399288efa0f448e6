import {
  addDays,
  daysBetween,
  HISTORY_MAX_DAYS,
  readCalendarDate,
} from '../contract/uris/day-uri.ts';

/** A period of local days, both ends included, as the statistics API takes it. */
export interface Period {
  from: string;
  to: string;
}

/** The days a dashboard shows when the URI names no period: the last 30, today included. */
export const DEFAULT_DAYS = 30;

/** The days `to` lies after `from` when only `from` is given, as the statistics API does. */
const DEFAULT_SPAN = 30;

/** Why a period (or a list of places) cannot be shown: the page says it instead of drawing a chart. */
export class BadQuery extends Error {
  override name = 'BadQuery';
}

/**
 * Reads `from` and `to` as written in a dashboard URI: null when neither is given (the default
 * period); `from` alone reaches 30 days on, as the API's own default. Throws BadQuery naming
 * the problem: a malformed or impossible date, `to` alone, `to` before `from`, too long.
 */
export function readPeriod(from: string | undefined, to: string | undefined): Period | null {
  if (from === undefined && to === undefined) return null;
  if (from === undefined) throw new BadQuery('give "from" as well as "to" (YYYY-MM-DD)');
  const start = readDate(from, 'from');
  const end = to === undefined ? addDays(start, DEFAULT_SPAN) : readDate(to, 'to');
  const days = daysBetween(start, end) + 1;
  if (days < 1) throw new BadQuery(`"to" (${end}) comes before "from" (${start})`);
  if (days > HISTORY_MAX_DAYS) {
    throw new BadQuery(`the period spans ${days} days; at most ${HISTORY_MAX_DAYS} can be shown`);
  }
  return { from: start, to: end };
}

function readDate(text: string, name: string): string {
  try {
    return readCalendarDate(text, `"${name}"`);
  } catch (err) {
    throw new BadQuery((err as Error).message);
  }
}

/** The default period of a place whose local date today is `today`. */
export const defaultPeriod = (today: string): Period => ({
  from: addDays(today, 1 - DEFAULT_DAYS),
  to: today,
});

/** A place's local calendar date at an instant, YYYY-MM-DD. */
export function localDate(at: number, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
