import { addDays } from '../../contract/uris/day-uri.ts';
import {
  type DateClimate,
  type DateClimateSums,
  dateClimate,
  MIN_CLIMATE_YEARS,
  NORMAL_WINDOW_DAYS,
  type YearValues,
} from '../../domain/weather/date-climate.ts';
import { DEMO_SOURCE } from '../../domain/weather/weather.ts';
import { type Queryable, statement } from '../database.ts';

/** A calendar date of a place whose climate is wanted. */
export interface PlaceDate {
  locationId: number;
  /** YYYY-MM-DD. */
  date: string;
}

// One statement for every (place, date) of a call (a provider's batch of up to 50 places), each
// step materialised so that the plan stays the one written here (bench/date-climate.ts):
// - s: each place's primary source (as PRIMARY_SOURCE) and the first and last months it holds,
//   from its rollups (one primary-key range per place). A place whose rollups span under
//   MIN_CLIMATE_YEARS years, most of the catalog, stops here and reads no daily row.
// - span: for each place and each year offset k (≠ 0, the date's own year is never its own
//   normal), the one range of days covering every date's window shifted by k years, read by one
//   range scan of daily_summaries' primary key (location, source, date). OFFSET 0 keeps the
//   lateral subquery from being pulled up into a merge join that read the whole index (the
//   planner expects a thousand rows of each generate_series).
// The rows come back as one JSON array per place, and the windows are summed in windowSums:
// joining each date to its window in SQL cost ten times the reading (49,500 joined rows for ten
// places of thirty years), a loop over a few hundred rows per place costs next to nothing.
export const dateClimates = statement(
  'stats_date_climates',
  `WITH p AS MATERIALIZED (
     SELECT DISTINCT location_id, date FROM unnest($1::int[], $2::date[]) AS p(location_id, date)
   ), s AS MATERIALIZED (
     SELECT l.location_id, r.source, extract(year FROM r.first)::int AS first_year,
            extract(year FROM r.last)::int AS last_year
       FROM (SELECT DISTINCT location_id FROM p) l
       CROSS JOIN LATERAL (
         SELECT source, min(month) AS first, max(month) AS last
           FROM monthly_rollups WHERE location_id = l.location_id
          GROUP BY source ORDER BY (source = $3), sum(days) DESC, source LIMIT 1) r
      WHERE extract(year FROM r.last) - extract(year FROM r.first) + 1 >= $4
   ), span AS MATERIALIZED (
     SELECT p.location_id, s.source, k,
            min((p.date + make_interval(years => k))::date) - $5::int AS lo,
            max((p.date + make_interval(years => k))::date) + $5::int AS hi
       FROM p JOIN s ON s.location_id = p.location_id
      CROSS JOIN LATERAL generate_series(s.first_year - extract(year FROM p.date)::int - 1,
                                         s.last_year - extract(year FROM p.date)::int + 1) k
      WHERE k <> 0
      GROUP BY p.location_id, s.source, k
   )
   SELECT span.location_id AS "locationId", span.source,
          json_agg(json_build_array(span.k, to_char(d.date, 'YYYY-MM-DD'), d.temperature_max_c,
                   d.temperature_min_c, d.temperature_mean_c)) AS days
     FROM span CROSS JOIN LATERAL (
       SELECT date, temperature_max_c, temperature_min_c, temperature_mean_c
         FROM daily_summaries
        WHERE location_id = span.location_id AND source = span.source
          AND date BETWEEN span.lo AND span.hi OFFSET 0) d
    GROUP BY span.location_id, span.source`,
);

/** [year offset, date, max, min, mean] */
type HeldDay = [number, string, number | null, number | null, number | null];
type Row = { locationId: number; source: string; days: HeldDay[] | string };

const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The date k years on, as Postgres adds an interval: 29 February is 28 February elsewhere. */
function shifted(date: string, k: number): string {
  const year = Number(date.slice(0, 4)) + k;
  const md = date.slice(5);
  return `${String(year).padStart(4, '0')}-${md === '02-29' && !leap(year) ? '02-28' : md}`;
}

/** Each date's window in every other year, summed over the days a place's statement read. */
function windowSums(
  locationId: number,
  source: string,
  days: readonly HeldDay[],
  dates: readonly string[],
): (DateClimateSums & { locationId: number })[] {
  const byOffset = new Map<number, HeldDay[]>();
  for (const d of days) {
    const list = byOffset.get(d[0]);
    if (list) list.push(d);
    else byOffset.set(d[0], [d]);
  }
  const offsets = [...byOffset.keys()].sort((a, b) => a - b);
  return dates.map((date) => {
    const total = { max: 0, min: 0, mean: 0 };
    const count = { max: 0, min: 0, mean: 0 };
    let maxYears = 0;
    let minYears = 0;
    const years: YearValues[] = [];
    for (const k of offsets) {
      const target = shifted(date, k);
      const lo = addDays(target, -NORMAL_WINDOW_DAYS);
      const hi = addDays(target, NORMAL_WINDOW_DAYS);
      let hasMax = false;
      let hasMin = false;
      for (const [, day, max, min, mean] of byOffset.get(k)!) {
        if (day < lo || day > hi) continue;
        if (max !== null) [total.max, count.max, hasMax] = [total.max + max, count.max + 1, true];
        if (min !== null) [total.min, count.min, hasMin] = [total.min + min, count.min + 1, true];
        if (mean !== null) [total.mean, count.mean] = [total.mean + mean, count.mean + 1];
        if (day === target) years.push({ year: Number(date.slice(0, 4)) + k, max, min });
      }
      maxYears += Number(hasMax);
      minYears += Number(hasMin);
    }
    const mean = (key: keyof typeof total) => (count[key] > 0 ? total[key] / count[key] : null);
    return {
      locationId,
      date,
      source,
      maxMean: mean('max'),
      minMean: mean('min'),
      meanMean: mean('mean'),
      maxYears,
      minYears,
      years,
    };
  });
}

/** The statement's parameters for these (place, date)s: for a plan, as the bench shows it. */
export const dateClimateParams = (wanted: readonly PlaceDate[]) => [
  wanted.map((w) => w.locationId),
  wanted.map((w) => w.date),
  DEMO_SOURCE,
  MIN_CLIMATE_YEARS,
  NORMAL_WINDOW_DAYS,
];

/** The window's sums of each (place, date), from the store; none for a place without history. */
export async function findDateClimateSums(
  q: Queryable,
  wanted: readonly PlaceDate[],
): Promise<(DateClimateSums & { locationId: number })[]> {
  if (wanted.length === 0) return [];
  const rows = await q.all<Row>(dateClimates, dateClimateParams(wanted));
  return rows.flatMap((r) => {
    const dates = [
      ...new Set(wanted.filter((w) => w.locationId === r.locationId).map((w) => w.date)),
    ];
    const days = typeof r.days === 'string' ? (JSON.parse(r.days) as HeldDay[]) : r.days;
    return windowSums(r.locationId, r.source, days, dates);
  });
}

/**
 * The climate of each (place, date) asked, by place: one statement for all of them, cheap for a
 * place with no history. A date whose history is too short is left out.
 */
export async function findDateClimates(
  q: Queryable,
  wanted: readonly PlaceDate[],
): Promise<Map<number, DateClimate[]>> {
  const byPlace = new Map<number, DateClimate[]>();
  for (const sums of await findDateClimateSums(q, wanted)) {
    const climate = dateClimate(sums);
    if (!climate) continue;
    const list = byPlace.get(sums.locationId);
    if (list) list.push(climate);
    else byPlace.set(sums.locationId, [climate]);
  }
  for (const list of byPlace.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  return byPlace;
}
