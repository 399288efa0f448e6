import {
  type DateClimate,
  type DateClimateSums,
  dateClimate,
  MIN_CLIMATE_YEARS,
  NORMAL_WINDOW_DAYS,
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
// - y: each date's window in each year, summed (then summed over years: no distinct count over
//   every row); its year is the date's year + k, so a window across New Year counts as one. Adding k years to 29 February gives 28 February in other years.
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
   ), pk AS MATERIALIZED (
     SELECT p.location_id, p.date, s.source, k,
            (p.date + make_interval(years => k))::date AS target
       FROM p JOIN s ON s.location_id = p.location_id
      CROSS JOIN LATERAL generate_series(s.first_year - extract(year FROM p.date)::int - 1,
                                         s.last_year - extract(year FROM p.date)::int + 1) k
      WHERE k <> 0
   ), span AS MATERIALIZED (
     SELECT location_id, source, k, min(target) - $5::int AS lo, max(target) + $5::int AS hi
       FROM pk GROUP BY location_id, source, k
   ), r AS MATERIALIZED (
     SELECT span.location_id, span.k, d.date, d.temperature_max_c AS max,
            d.temperature_min_c AS min, d.temperature_mean_c AS mean
       FROM span CROSS JOIN LATERAL (
         SELECT date, temperature_max_c, temperature_min_c, temperature_mean_c
           FROM daily_summaries
          WHERE location_id = span.location_id AND source = span.source
            AND date BETWEEN span.lo AND span.hi OFFSET 0) d
   ), y AS (
     SELECT pk.location_id, pk.date, pk.source, pk.k,
            sum(r.max::float8) AS max_sum, count(r.max) AS max_n,
            sum(r.min::float8) AS min_sum, count(r.min) AS min_n,
            sum(r.mean::float8) AS mean_sum, count(r.mean) AS mean_n,
            max(r.max) FILTER (WHERE r.date = pk.target) AS max,
            min(r.min) FILTER (WHERE r.date = pk.target) AS min,
            bool_or(r.date = pk.target) AS exact
       FROM pk JOIN r ON r.location_id = pk.location_id AND r.k = pk.k
        AND r.date BETWEEN pk.target - $5::int AND pk.target + $5::int
      GROUP BY pk.location_id, pk.date, pk.source, pk.k
   )
   SELECT location_id AS "locationId", to_char(date, 'YYYY-MM-DD') AS date, source,
          sum(max_sum) / nullif(sum(max_n), 0) AS "maxMean",
          sum(min_sum) / nullif(sum(min_n), 0) AS "minMean",
          sum(mean_sum) / nullif(sum(mean_n), 0) AS "meanMean",
          count(*) FILTER (WHERE max_n > 0)::int AS "maxYears",
          count(*) FILTER (WHERE min_n > 0)::int AS "minYears",
          coalesce(json_agg(json_build_object('year', extract(year FROM date)::int + k,
            'max', max, 'min', min) ORDER BY k) FILTER (WHERE exact), '[]') AS years
     FROM y GROUP BY location_id, date, source`,
);

type Row = DateClimateSums & { locationId: number; years: DateClimateSums['years'] | string };

/** The statement's parameters for these (place, date)s: for a plan, as the bench shows it. */
export const dateClimateParams = (wanted: readonly PlaceDate[]) => [
  wanted.map((w) => w.locationId),
  wanted.map((w) => w.date),
  DEMO_SOURCE,
  MIN_CLIMATE_YEARS,
  NORMAL_WINDOW_DAYS,
];

/** The window's sums of each (place, date), straight from the store; none without history. */
export async function findDateClimateSums(
  q: Queryable,
  wanted: readonly PlaceDate[],
): Promise<(DateClimateSums & { locationId: number })[]> {
  if (wanted.length === 0) return [];
  const rows = await q.all<Row>(dateClimates, dateClimateParams(wanted));
  return rows.map((r) => ({
    ...r,
    years: typeof r.years === 'string' ? JSON.parse(r.years) : r.years,
  }));
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
