import { type Queryable, statement } from '../database.ts';
import type { SourceDate } from '../weather/daily.ts';

/**
 * The columns of a monthly rollup, as aggregates over the daily summaries `d` of one month. The
 * one definition: the refresh below and migration 0006's backfill compute exactly this.
 */
export const ROLLUP_AGGREGATES = `count(*), count(*) FILTER (WHERE d.complete),
  count(d.temperature_mean_c), coalesce(sum(d.temperature_mean_c::float8), 0),
  coalesce(sum(d.temperature_mean_c::float8 * d.temperature_mean_c::float8), 0),
  count(d.temperature_min_c), coalesce(sum(d.temperature_min_c::float8), 0), min(d.temperature_min_c),
  count(d.temperature_max_c), coalesce(sum(d.temperature_max_c::float8), 0), max(d.temperature_max_c),
  count(d.precipitation_mm), coalesce(sum(d.precipitation_mm::float8), 0), max(d.precipitation_mm),
  max(d.received_at)`;

const VALUE_COLUMNS = `days, complete_days, mean_count, mean_sum, mean_sum_sq, min_count, min_sum,
  min_min, max_count, max_sum, max_max, precipitation_count, precipitation_sum, precipitation_max,
  received_at`;

const excluded = VALUE_COLUMNS.split(',')
  .map((c) => `excluded.${c.trim()}`)
  .join(', ');

// Recomputes the rollup of every (place, source, month) named, from that month's daily rows
// (at most 31, read by the primary key), and deletes the rollups of months left without any.
// Recomputing rather than adding deltas keeps replays, replacements and deletes exact.
const refresh = statement(
  'rollups_refresh',
  `WITH keys AS (
     SELECT DISTINCT t.location_id, t.source, date_trunc('month', t.day)::date AS month
       FROM unnest($1::int[], $2::text[], $3::date[]) AS t(location_id, source, day)
   ), agg AS (
     SELECT k.location_id, k.source, k.month, ${ROLLUP_AGGREGATES}
       FROM keys k
       JOIN daily_summaries d ON d.location_id = k.location_id AND d.source = k.source
        AND d.date >= k.month AND d.date < (k.month + interval '1 month')::date
      GROUP BY k.location_id, k.source, k.month
   ), gone AS (
     DELETE FROM monthly_rollups r USING keys k
      WHERE r.location_id = k.location_id AND r.source = k.source AND r.month = k.month
        AND NOT EXISTS (SELECT 1 FROM agg a WHERE a.location_id = k.location_id
                          AND a.source = k.source AND a.month = k.month)
     RETURNING 1
   ), put AS (
     INSERT INTO monthly_rollups (location_id, source, month, ${VALUE_COLUMNS})
     SELECT * FROM agg
     ON CONFLICT (location_id, source, month) DO UPDATE SET (${VALUE_COLUMNS}) = (${excluded})
     RETURNING 1
   )
   SELECT (SELECT count(*) FROM put)::int AS written, (SELECT count(*) FROM gone)::int AS deleted`,
);

/** Brings the monthly rollups of the months these days fall in up to date with daily_summaries. */
export async function refreshMonthlyRollups(
  q: Queryable,
  days: readonly SourceDate[],
): Promise<{ written: number; deleted: number }> {
  if (days.length === 0) return { written: 0, deleted: 0 };
  // One key per month is enough; the statement truncates each date to its month.
  const months = new Map<string, SourceDate>();
  for (const d of days) months.set(`${d.locationId}|${d.source}|${d.date.slice(0, 7)}`, d);
  const keys = [...months.values()];
  return (await q.one<{ written: number; deleted: number }>(refresh, [
    keys.map((k) => k.locationId),
    keys.map((k) => k.source),
    keys.map((k) => k.date),
  ]))!;
}
