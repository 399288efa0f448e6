import {
  catalogFreshness,
  type Freshness,
  isBehind,
  weatherFreshness,
} from '../protocol/freshness.ts';
import { Invalid } from '../protocol/request-errors.ts';
import { addDays, daysBetween, HISTORY_DEFAULT_DAYS } from './day-uri.ts';
import { locationPath } from './place-uri.ts';

/**
 * The statistics URIs (`/v1/locations/{CC}/{Name}/stats/…`, `/v1/rankings/{CC}`): their periods,
 * limits and canonical queries, shared by the origin and anyone who builds links to them.
 */

/** The longest period a statistics request may cover (a leap year). */
export const STATS_MAX_DAYS = 366;
/** Records of each kind by default, and at most. */
export const RECORDS_DEFAULT_LIMIT = 5;
export const RECORDS_MAX_LIMIT = 50;
/** Places a ranking page holds by default, and at most. */
export const RANKING_DEFAULT_LIMIT = 20;
export const RANKING_MAX_LIMIT = 100;
export const RANKING_STATS = ['warmest', 'coldest', 'wettest'] as const;
export type RankingStat = (typeof RANKING_STATS)[number];

/** A period of local dates, both ends included. */
export interface Period {
  from: string;
  to: string;
}

/** The period a query names: `to` defaults to `from` + 30 days; at most 366 days, in order. */
export function readPeriod(from: string, to: string | undefined): Period {
  const end = to ?? addDays(from, HISTORY_DEFAULT_DAYS - 1);
  const span = daysBetween(from, end) + 1;
  if (span < 1) throw new Invalid('"to" must not come before "from"', { parameter: 'to' });
  if (span > STATS_MAX_DAYS) {
    throw new Invalid(`a statistics period spans at most ${STATS_MAX_DAYS} days`, {
      parameter: 'to',
    });
  }
  return { from, to: end };
}

/**
 * A canonical query: parameters in name order (the order the edge sorts a query into for its
 * cache key), those left undefined (defaults) out.
 */
export function canonicalQuery(params: Record<string, string | number | undefined>): string {
  const pairs = Object.entries(params)
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

const imperial = (units: string) => (units === 'imperial' ? units : undefined);
const statsPath = (ref: string, what: string) => `${locationPath(ref)}/stats/${what}`;

/** `/v1/locations/GB/London/stats/daily?from=…&to=…` */
export const dailyStatsPath = (ref: string, p: Period, units: string) =>
  statsPath(ref, 'daily') + canonicalQuery({ from: p.from, to: p.to, units: imperial(units) });

/** `/v1/locations/GB/London/stats/climatology` */
export const climatologyPath = (ref: string, units: string) =>
  statsPath(ref, 'climatology') + canonicalQuery({ units: imperial(units) });

/** `/v1/locations/GB/London/stats/records?limit=…` */
export const recordsPath = (ref: string, limit: number, units: string) =>
  statsPath(ref, 'records') +
  canonicalQuery({
    limit: limit === RECORDS_DEFAULT_LIMIT ? undefined : limit,
    units: imperial(units),
  });

/** `/v1/locations/GB/London/stats/anomaly?date=…` */
export const anomalyPath = (ref: string, date: string, units: string) =>
  statsPath(ref, 'anomaly') + canonicalQuery({ date, units: imperial(units) });

export interface RankingQuery extends Period {
  stat: RankingStat;
  region?: string | undefined;
  limit: number;
  page: number;
  units: string;
}

/** `/v1/rankings/GB?from=…&stat=…&to=…`: `limit` and `page` only when not the defaults. */
export const rankingPath = (countryCode: string, r: RankingQuery) =>
  `/v1/rankings/${countryCode}` +
  canonicalQuery({
    from: r.from,
    limit: r.limit === RANKING_DEFAULT_LIMIT ? undefined : r.limit,
    page: r.page === 1 ? undefined : r.page,
    region: r.region,
    stat: r.stat,
    to: r.to,
    units: imperial(r.units),
  });

/** The Cache-Tag of a country's rankings, for purges. */
export const rankingTag = (countryCode: string) => `ranking:${countryCode}`;

/** Calendar days after its end that a period may still receive data (late reports). */
export const LATE_DATA_DAYS = 2;

/**
 * Statistics over all the data held (climatology, records): they change whenever the place's
 * data does, so they follow its next expected update while it is being updated; a place whose
 * source has stopped (an archive imported once, a source gone quiet) keeps the catalog's hour
 * rather than being asked for every minute as "overdue".
 */
export function allDataFreshness(nextUpdateAt: Date | null, now: Date): Freshness {
  if (!nextUpdateAt || isBehind(nextUpdateAt, now)) return catalogFreshness;
  return weatherFreshness(nextUpdateAt, now);
}

/**
 * A period cut where monthly rollups can answer: the whole calendar months inside it, and the
 * days of the partial months at either end. Each part is `[from, until)`; an empty part has
 * from = until.
 */
export interface PeriodParts {
  head: [string, string];
  whole: [string, string];
  tail: [string, string];
}

const firstOfMonth = (date: string) => `${date.slice(0, 8)}01`;
const firstOfNextMonth = (date: string) => firstOfMonth(addDays(firstOfMonth(date), 31));

export function splitPeriod(p: Period): PeriodParts {
  const end = addDays(p.to, 1);
  const wholeFrom = p.from.endsWith('-01') ? p.from : firstOfNextMonth(p.from);
  const wholeUntil = end.endsWith('-01') ? end : firstOfMonth(end);
  if (wholeFrom >= wholeUntil) {
    return { head: [p.from, end], whole: [p.from, p.from], tail: [p.from, p.from] };
  }
  return { head: [p.from, wholeFrom], whole: [wholeFrom, wholeUntil], tail: [wholeUntil, end] };
}
