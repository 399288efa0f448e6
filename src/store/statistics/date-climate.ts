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

// One statement for every (place, date) of a call (a provider's batch of up to 50 places):
// - s: each place's primary source (as PRIMARY_SOURCE) and the years it holds, from its rollups
//   (one primary-key probe per place). A place with under MIN_CLIMATE_YEARS years of rollups,
//   most of the catalog, stops here and reads no daily row.
// - span: for each place and each year offset k (≠ 0, the date's own year is never its own
//   normal), the one range of days covering every date's window shifted by k years: one range
//   scan of daily_summaries' primary key (location, source, date) per place and year.
// - w: each date's window rows; a row's year is the date's year + k, so a window across New Year
//   counts as one year. Adding k years to 29 February gives 28 February in other years.
const dateClimates = statement(
  'stats_date_climates',
  `WITH p AS (
     SELECT DISTINCT location_id, date FROM unnest($1::int[], $2::date[]) AS p(location_id, date)
   ), s AS (
     SELECT l.location_id, r.source, r.first_year, r.last_year
       FROM (SELECT DISTINCT location_id FROM p) l
       CROSS JOIN LATERAL (
         SELECT source, extract(year FROM min(month))::int AS first_year,
                extract(year FROM max(month))::int AS last_year,
                count(DISTINCT extract(year FROM month)) AS years
           FROM monthly_rollups WHERE location_id = l.location_id
          GROUP BY source ORDER BY (source = $3), sum(days) DESC, source LIMIT 1) r
      WHERE r.years >= $4
   ), pk AS (
     SELECT p.location_id, p.date, s.source, k,
            (p.date + make_interval(years => k))::date AS target
       FROM p JOIN s ON s.location_id = p.location_id
      CROSS JOIN LATERAL generate_series(s.first_year - extract(year FROM p.date)::int - 1,
                                         s.last_year - extract(year FROM p.date)::int + 1) k
      WHERE k <> 0
   ), span AS (
     SELECT location_id, source, k, min(target) - $5::int AS lo, max(target) + $5::int AS hi
       FROM pk GROUP BY location_id, source, k
   ), w AS (
     SELECT pk.location_id, pk.date, pk.source, pk.k, d.date = pk.target AS exact,
            d.temperature_max_c AS max, d.temperature_min_c AS min, d.temperature_mean_c AS mean
       FROM span
       JOIN daily_summaries d ON d.location_id = span.location_id AND d.source = span.source
        AND d.date BETWEEN span.lo AND span.hi
       JOIN pk ON pk.location_id = span.location_id AND pk.k = span.k
        AND d.date BETWEEN pk.target - $5::int AND pk.target + $5::int
   )
   SELECT location_id AS "locationId", to_char(date, 'YYYY-MM-DD') AS date, source,
          avg(max::float8) AS "maxMean", avg(min::float8) AS "minMean",
          avg(mean::float8) AS "meanMean",
          count(DISTINCT k) FILTER (WHERE max IS NOT NULL)::int AS "maxYears",
          count(DISTINCT k) FILTER (WHERE min IS NOT NULL)::int AS "minYears",
          coalesce(json_agg(json_build_object('year', extract(year FROM date)::int + k,
            'max', max, 'min', min) ORDER BY k) FILTER (WHERE exact), '[]') AS years
     FROM w GROUP BY location_id, date, source`,
);

type Row = DateClimateSums & { locationId: number; years: DateClimateSums['years'] | string };

/** The window's sums of each (place, date), straight from the store; none without history. */
export async function findDateClimateSums(
  q: Queryable,
  wanted: readonly PlaceDate[],
): Promise<(DateClimateSums & { locationId: number })[]> {
  if (wanted.length === 0) return [];
  const rows = await q.all<Row>(dateClimates, [
    wanted.map((w) => w.locationId),
    wanted.map((w) => w.date),
    DEMO_SOURCE,
    MIN_CLIMATE_YEARS,
    NORMAL_WINDOW_DAYS,
  ]);
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
