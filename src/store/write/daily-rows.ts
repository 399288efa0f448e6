import { instantText } from '../../domain/instant-text.ts';
import type { DailyValues } from '../../domain/weather/quantities.ts';
import { CONDITIONS } from '../../domain/weather/weather.ts';
import { type Queryable, statement } from '../database.ts';
import type { DailySummary, SourceDate, TouchedDay } from '../weather/daily.ts';
import { refreshMonthlyRollups } from './rollups.ts';
import {
  batchRowsParams,
  batchRowsSql,
  type ObservationBatch,
  RANGE_ROWS,
} from './staged-observations.ts';
import { COUNT_WRITTEN, nothingWritten, type Written } from './weather-rows.ts';

const CONDITION_ORDER = `ARRAY[${CONDITIONS.map((c) => `'${c}'`).join(', ')}]::text[]`;

/** The values of a summary, in the order every statement below lists them. */
const VALUES = [
  'temperature_min_c',
  'temperature_max_c',
  'temperature_mean_c',
  'precipitation_mm',
  'wind_speed_mean_ms',
  'wind_gust_max_ms',
  'condition',
];
const columns = (alias = '') => VALUES.map((c) => `${alias}${c}`).join(', ');

// Recomputes the summary of every (place, source, local day) the given observations fall in,
// from all the observations stored for that day, in the transaction that wrote them. A day is
// complete once it holds an observation in each of its hours (23 or 25 on a DST change). The
// dominant condition is the most frequent one, the more severe on a tie (CONDITIONS' order).
const DERIVE = (days: string) => `WITH days AS (${days}), spans AS (
     SELECT location_id, source, day, (day::timestamp AT TIME ZONE timezone) AS starts,
            ((day + 1)::timestamp AT TIME ZONE timezone) AS ends
       FROM days
   ), written AS (
     INSERT INTO daily_summaries AS d (location_id, source, date, temperature_min_c,
         temperature_max_c, temperature_mean_c, precipitation_mm, wind_speed_mean_ms,
         wind_gust_max_ms, condition, hours, complete)
     SELECT s.location_id, s.source, s.day, a.*
       FROM spans s
       -- Day by day, each an index range of its hours: a join of all the days with all the rows
       -- (the plan a misjudged count of days led to) read every hour of the places again.
       CROSS JOIN LATERAL (
         SELECT min(o.temperature_c), max(o.temperature_c), avg(o.temperature_c),
                sum(o.precipitation_mm), avg(o.wind_speed_ms), max(o.wind_gust_ms),
                (${CONDITION_ORDER})[mode() WITHIN GROUP
                  (ORDER BY array_position(${CONDITION_ORDER}, o.condition) DESC)],
                count(DISTINCT date_trunc('hour', o.observed_at)),
                count(DISTINCT date_trunc('hour', o.observed_at))
                  >= extract(epoch FROM s.ends - s.starts) / 3600
           FROM observations o
          WHERE o.location_id = s.location_id AND o.source = s.source
            AND o.observed_at >= s.starts AND o.observed_at < s.ends
         HAVING count(*) > 0) a
     ON CONFLICT (location_id, source, date) DO UPDATE SET
         temperature_min_c = excluded.temperature_min_c,
         temperature_max_c = excluded.temperature_max_c,
         temperature_mean_c = excluded.temperature_mean_c,
         precipitation_mm = excluded.precipitation_mm,
         wind_speed_mean_ms = excluded.wind_speed_mean_ms,
         wind_gust_max_ms = excluded.wind_gust_max_ms, condition = excluded.condition,
         hours = excluded.hours, complete = excluded.complete, received_at = now()
       WHERE (${columns('d.')}, d.hours, d.complete)
             IS DISTINCT FROM (${columns('excluded.')}, excluded.hours, excluded.complete)
     RETURNING location_id, source, date)
   SELECT DISTINCT location_id AS "locationId", source, to_char(date, 'YYYY-MM-DD') AS date
     FROM written`;

const derive = statement(
  'daily_derive',
  DERIVE(`SELECT DISTINCT t.location_id, t.source,
            (t.observed_at AT TIME ZONE l.timezone)::date AS day, l.timezone
       FROM unnest($1::int[], $2::text[], $3::timestamptz[]) AS t(location_id, source, observed_at)
       JOIN locations l ON l.id = t.location_id`),
);

// The same, for days named directly (a bulk writer that knows which local days it filled).
const deriveDays = statement(
  'daily_derive_days',
  DERIVE(`SELECT DISTINCT t.location_id, t.source, t.day, l.timezone
       FROM unnest($1::int[], $2::text[], $3::date[]) AS t(location_id, source, day)
       JOIN locations l ON l.id = t.location_id`),
);

// The same, for the days of a large write's observations, where they went
// (staged-observations.ts).
const DAYS_OF = (rows: string) => `SELECT DISTINCT t.location_id, t.source,
            (t.observed_at AT TIME ZONE l.timezone)::date AS day, l.timezone
       FROM (${rows}) t JOIN locations l ON l.id = t.location_id`;
// The days of a copied write, by its ranges ($1-$4, with each range's count of rows $5): every
// local day from its first row's to its last's. Nothing was stored in a range before the copy,
// so a day inside it that none of the write's rows falls in has no row at all, and DERIVE makes
// no summary of it. A range with fewer rows than days gives its days by its rows instead, so that
// a write never looks at more days than it has rows.
const COPIED_DAYS = `WITH r AS (
       SELECT r.*, l.timezone, (r.lo AT TIME ZONE l.timezone)::date AS first,
              (r.hi AT TIME ZONE l.timezone)::date AS last
         FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[])
              AS r(location_id, source, lo, hi, n)
         JOIN locations l ON l.id = r.location_id)
     SELECT r.location_id, r.source, d::date AS day, r.timezone
       FROM r CROSS JOIN LATERAL generate_series(r.first::timestamp, r.last::timestamp,
            interval '1 day') AS d
      WHERE r.last - r.first < r.n
     UNION
     SELECT r.location_id, r.source, (o.observed_at AT TIME ZONE r.timezone)::date, r.timezone
       FROM r ${RANGE_ROWS}
      WHERE r.last - r.first >= r.n`;
const deriveOf = {
  staged: statement('daily_derive_staged', DERIVE(DAYS_OF(batchRowsSql('staged', 1)))),
  copied: statement('daily_derive_copied', DERIVE(COPIED_DAYS)),
};

/** Summaries changed, then the monthly rollups of their months; one entry per place and date. */
async function afterDerive(q: Queryable, written: SourceDate[]): Promise<TouchedDay[]> {
  await refreshMonthlyRollups(q, written);
  const seen = new Map<string, TouchedDay>();
  for (const { locationId, date } of written)
    seen.set(`${locationId}|${date}`, { locationId, date });
  return [...seen.values()];
}

/**
 * Brings the daily summaries of the days these observations fall in up to date, and the monthly
 * rollups of their months; says which days changed.
 */
export async function deriveDailySummaries(
  q: Queryable,
  observations: readonly { locationId: number; source: string; observedAt: Date }[],
): Promise<TouchedDay[]> {
  if (observations.length === 0) return [];
  const written = await q.all<SourceDate>(derive, [
    observations.map((o) => o.locationId),
    observations.map((o) => o.source),
    observations.map((o) => instantText(o.observedAt)),
  ]);
  return afterDerive(q, written);
}

/** The same for a large write's observations (stageObservations), staged or copied. */
export async function deriveBatchDailySummaries(
  q: Queryable,
  batch: ObservationBatch & { how: 'staged' | 'copied' },
): Promise<TouchedDay[]> {
  const params =
    batch.how === 'copied' ? [...batchRowsParams(batch), batch.rangeRows] : batchRowsParams(batch);
  return afterDerive(q, await q.all<SourceDate>(deriveOf[batch.how], params));
}

/** The same for local days named directly: (place, source, YYYY-MM-DD). */
export async function deriveDailySummariesOfDays(
  q: Queryable,
  days: readonly SourceDate[],
): Promise<TouchedDay[]> {
  if (days.length === 0) return [];
  const written = await q.all<SourceDate>(deriveDays, [
    days.map((d) => d.locationId),
    days.map((d) => d.source),
    days.map((d) => d.date),
  ]);
  return afterDerive(q, written);
}

// Summaries a source sent whole: complete by nature, and replaced by a later different version.
const upsertSent = statement(
  'daily_upsert_sent',
  `WITH written AS (
     INSERT INTO daily_summaries AS d (location_id, source, date, ${columns()}, hours, complete)
     SELECT *, NULL::smallint, true FROM unnest($1::int[], $2::text[], $3::date[], $4::real[],
         $5::real[], $6::real[], $7::real[], $8::real[], $9::real[], $10::text[])
     ON CONFLICT (location_id, source, date) DO UPDATE SET
         (${columns()}, hours, complete, received_at) = (${columns('excluded.')}, NULL, true, now())
     WHERE (${columns('d.')}, d.hours IS NULL) IS DISTINCT FROM (${columns('excluded.')}, true)
     RETURNING (xmax = 0) AS inserted, location_id, source)
   ${COUNT_WRITTEN}`,
);

export type SentSummary = Pick<DailySummary, 'locationId' | 'source' | 'date' | 'condition'> &
  DailyValues;

/** Stores summaries a source sent whole (one row per place, source and date), and their rollups. */
export async function upsertSentSummaries(
  q: Queryable,
  rows: readonly SentSummary[],
): Promise<Written> {
  if (rows.length === 0) return nothingWritten();
  const col = <K extends keyof SentSummary>(k: K) => rows.map((r) => r[k]);
  const written = (await q.one<Written>(upsertSent, [
    col('locationId'),
    col('source'),
    col('date'),
    col('temperatureMinC'),
    col('temperatureMaxC'),
    col('temperatureMeanC'),
    col('precipitationMm'),
    col('windSpeedMeanMs'),
    col('windGustMaxMs'),
    col('condition'),
  ]))!;
  // Every month sent is recomputed, changed or not: a replay costs a few small reads, and the
  // rollups stay right even where an earlier write had missed them.
  await refreshMonthlyRollups(q, rows);
  return written;
}
