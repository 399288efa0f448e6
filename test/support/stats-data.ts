import { addDays, daysBetween } from '../../src/contract/uris/day-uri.ts';
import { findPlaceByKey } from '../../src/store/catalog/locations.ts';
import { type Queryable, statement } from '../../src/store/index.ts';
import { type SentSummary, upsertSentSummaries } from '../../src/store/write/daily-rows.ts';

/** Varied but reproducible daily values for the n-th day of a series, in SI. */
export function dayValues(n: number) {
  const mean = Math.round((4 + ((n * 7) % 13) - 0.3 * (n % 5)) * 10) / 10;
  return {
    temperatureMeanC: mean,
    temperatureMinC: Math.round((mean - 3 - (n % 3)) * 10) / 10,
    temperatureMaxC: Math.round((mean + 4 + (n % 4)) * 10) / 10,
    precipitationMm: (n % 4) * 1.5,
  };
}

/** A sent summary for every day from `from` to `to` of a place, with dayValues by date. */
export function sentDays(
  locationId: number,
  from: string,
  to: string,
  source = 'archive',
): SentSummary[] {
  const base = daysBetween('2000-01-01', from);
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => ({
    locationId,
    source,
    date: addDays(from, i),
    condition: 'cloudy',
    windSpeedMeanMs: 3,
    windGustMaxMs: 9,
    ...dayValues(base + i),
  }));
}

/** Stores a sent summary for every day from `from` to `to` of a place (`GB/Manchester`). */
export async function writeSentDays(
  db: Queryable,
  ref: string,
  from: string,
  to: string,
  source = 'archive',
): Promise<void> {
  const [countryCode = '', slug = ''] = ref.split('/');
  const place = await findPlaceByKey(db, countryCode, slug.toLowerCase());
  if (!place) throw new Error(`no place ${ref}`);
  await upsertSentSummaries(db, sentDays(place.id, from, to, source));
}

/** The place id of a ref, for plain SQL in tests. */
export async function placeId(db: Queryable, ref: string): Promise<number> {
  const [countryCode = '', slug = ''] = ref.split('/');
  return (await findPlaceByKey(db, countryCode, slug.toLowerCase()))!.id;
}

// What the rollups must equal: the same sums taken straight from the daily rows.
const rollupMismatches = statement(
  'test_rollup_mismatches',
  `WITH expected AS (
     SELECT location_id, source, date_trunc('month', date)::date AS month, count(*)::int AS days,
            count(temperature_mean_c)::int AS n, round(sum(temperature_mean_c::float8)::numeric, 3) AS s,
            round(sum(temperature_mean_c::float8 ^ 2)::numeric, 3) AS ss,
            min(temperature_min_c) AS lo, max(temperature_max_c) AS hi,
            round(coalesce(sum(precipitation_mm::float8), 0)::numeric, 3) AS p
       FROM daily_summaries GROUP BY 1, 2, 3
   ), stored AS (
     SELECT location_id, source, month, days::int, mean_count::int AS n,
            round(mean_sum::numeric, 3) AS s, round(mean_sum_sq::numeric, 3) AS ss,
            min_min AS lo, max_max AS hi, round(precipitation_sum::numeric, 3) AS p
       FROM monthly_rollups
   )
   SELECT count(*)::int AS n FROM (
     (SELECT * FROM expected EXCEPT SELECT * FROM stored)
     UNION ALL (SELECT * FROM stored EXCEPT SELECT * FROM expected)) x`,
);

/** Rollup rows that differ from the sums of the daily rows (0 when they are in step). */
export async function rollupMismatchCount(db: Queryable): Promise<number> {
  return (await db.one<{ n: number }>(rollupMismatches))!.n;
}
