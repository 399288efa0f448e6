import type { MonthSums } from '../../domain/weather/climate-statistics.ts';
import { DEMO_SOURCE } from '../../domain/weather/weather.ts';
import { type Queryable, statement } from '../database.ts';

/**
 * A place's primary source, the one its statistics over many days are computed from: a measured
 * source before the demo one, then the one with the most days held, then by name. `$1` is the
 * place, `$2` the demo source's name.
 */
export const PRIMARY_SOURCE = `SELECT source FROM monthly_rollups WHERE location_id = $1
   GROUP BY source ORDER BY (source = $2), sum(days) DESC, source LIMIT 1`;

export interface Climatology {
  /** The primary source; null when the place has no data. */
  source: string | null;
  /** Months that have data, in calendar order. */
  months: MonthSums[];
  firstDate: string | null;
  lastDate: string | null;
  /** The newest received_at of the days summed; null without any. */
  receivedAt: Date | null;
}

// Means and counts from the rollups; percentiles from the daily rows of the primary source,
// one range scan of daily_summaries' primary key (location, source, date).
const climatology = statement(
  'stats_climatology',
  `WITH src AS (${PRIMARY_SOURCE}),
   m AS (
     SELECT extract(month FROM r.month)::int AS month, sum(r.days)::int AS days,
            count(*)::int AS years, sum(r.mean_count)::int AS "meanCount",
            sum(r.mean_sum) AS "meanSum", sum(r.mean_sum_sq) AS "meanSumSq",
            sum(r.min_count)::int AS "minCount", sum(r.min_sum) AS "minSum",
            sum(r.max_count)::int AS "maxCount", sum(r.max_sum) AS "maxSum",
            sum(r.precipitation_count)::int AS "precipitationCount",
            sum(r.precipitation_sum) AS "precipitationSum", max(r.received_at) AS received
       FROM monthly_rollups r JOIN src ON r.source = src.source
      WHERE r.location_id = $1 GROUP BY 1
   ), p AS (
     SELECT extract(month FROM d.date)::int AS month,
            percentile_cont(ARRAY[0.1, 0.5, 0.9]::float8[])
              WITHIN GROUP (ORDER BY d.temperature_mean_c) AS percentiles
       FROM daily_summaries d JOIN src ON d.source = src.source
      WHERE d.location_id = $1 AND d.temperature_mean_c IS NOT NULL GROUP BY 1
   )
   SELECT (SELECT source FROM src) AS source,
          (SELECT to_char(min(d.date), 'YYYY-MM-DD') FROM daily_summaries d JOIN src
             ON d.source = src.source WHERE d.location_id = $1) AS "firstDate",
          (SELECT to_char(max(d.date), 'YYYY-MM-DD') FROM daily_summaries d JOIN src
             ON d.source = src.source WHERE d.location_id = $1) AS "lastDate",
          (SELECT extract(epoch FROM max(received)) FROM m) AS received,
          (SELECT json_agg(json_build_object('month', m.month, 'days', m.days, 'years', m.years,
             'meanCount', m."meanCount", 'meanSum', m."meanSum", 'meanSumSq', m."meanSumSq",
             'minCount', m."minCount", 'minSum', m."minSum", 'maxCount', m."maxCount",
             'maxSum', m."maxSum", 'precipitationCount', m."precipitationCount",
             'precipitationSum', m."precipitationSum", 'percentiles', p.percentiles)
             ORDER BY m.month)
             FROM m LEFT JOIN p ON p.month = m.month) AS months`,
);

type ClimatologyRow = {
  source: string | null;
  firstDate: string | null;
  lastDate: string | null;
  received: string | number | null;
  months: MonthSums[] | string | null;
};

const json = <T>(value: T | string | null): T | null =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

/** The twelve-month climatology of a place, as sums over its primary source's rollups. */
export async function findClimatology(q: Queryable, locationId: number): Promise<Climatology> {
  const row = (await q.one<ClimatologyRow>(climatology, [locationId, DEMO_SOURCE]))!;
  return {
    source: row.source,
    months: json(row.months) ?? [],
    firstDate: row.firstDate,
    lastDate: row.lastDate,
    receivedAt: row.received === null ? null : new Date(Number(row.received) * 1000),
  };
}

/** A day that holds a record, with its value in SI. */
export interface RecordDay {
  date: string;
  value: number;
}

export interface Records {
  source: string | null;
  days: number;
  firstDate: string | null;
  lastDate: string | null;
  receivedAt: Date | null;
  hottest: RecordDay[];
  coldest: RecordDay[];
  wettest: RecordDay[];
}

const top = (column: string, order: 'ASC' | 'DESC', extra = '') =>
  `(SELECT coalesce(json_agg(json_build_object('date', to_char(t.date, 'YYYY-MM-DD'),
       'value', t.v) ORDER BY t.v ${order}, t.date), '[]')
      FROM (SELECT d.date, d.${column} AS v FROM d WHERE d.${column} IS NOT NULL ${extra}
             ORDER BY d.${column} ${order}, d.date LIMIT $3) t)`;

// Every daily row of the primary source (a range scan of the primary key), top N of each kind.
const records = statement(
  'stats_records',
  `WITH src AS (${PRIMARY_SOURCE}),
   d AS MATERIALIZED (
     SELECT d.date, d.temperature_max_c, d.temperature_min_c, d.precipitation_mm, d.received_at
       FROM daily_summaries d JOIN src ON d.source = src.source WHERE d.location_id = $1
   )
   SELECT (SELECT source FROM src) AS source, (SELECT count(*)::int FROM d) AS days,
          (SELECT to_char(min(date), 'YYYY-MM-DD') FROM d) AS "firstDate",
          (SELECT to_char(max(date), 'YYYY-MM-DD') FROM d) AS "lastDate",
          (SELECT extract(epoch FROM max(received_at)) FROM d) AS received,
          ${top('temperature_max_c', 'DESC')} AS hottest,
          ${top('temperature_min_c', 'ASC')} AS coldest,
          ${top('precipitation_mm', 'DESC', 'AND d.precipitation_mm > 0')} AS wettest`,
);

type RecordsRow = Omit<Records, 'receivedAt' | 'hottest' | 'coldest' | 'wettest'> & {
  received: string | number | null;
  hottest: RecordDay[] | string;
  coldest: RecordDay[] | string;
  wettest: RecordDay[] | string;
};

/** The `limit` hottest, coldest and wettest days of a place (primary source), best first. */
export async function findRecords(
  q: Queryable,
  locationId: number,
  limit: number,
): Promise<Records> {
  const row = (await q.one<RecordsRow>(records, [locationId, DEMO_SOURCE, limit]))!;
  return {
    source: row.source,
    days: row.days,
    firstDate: row.firstDate,
    lastDate: row.lastDate,
    receivedAt: row.received === null ? null : new Date(Number(row.received) * 1000),
    hottest: json(row.hottest) ?? [],
    coldest: json(row.coldest) ?? [],
    wettest: json(row.wettest) ?? [],
  };
}
