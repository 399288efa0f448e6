import type { WriteCounts } from '../../domain/changes.ts';
import type { ForecastHour, Observation } from '../../domain/weather/weather.ts';
import { instantArray, numberArray, textArray } from '../array-parameters.ts';
import { type Queryable, statement } from '../database.ts';
import {
  MEASURE_KEYS,
  MEASURES_FROM_EXCLUDED,
  measureArrayParams,
  measureArrays,
  measureColumns,
} from '../weather/measure-columns.ts';

// Rows per statement: each binds one array per column, so the limit is memory, not parameters.
const CHUNK = 10_000;

/** What a write did: rows new, and rows that replaced a different earlier version. */

/** The counts, the places whose rows were inserted or replaced, and the counts by source. */
export interface Written extends WriteCounts {
  locationIds: number[];
  /** Only sources with a row inserted or replaced, in no particular order. */
  bySource: (WriteCounts & { source: string })[];
}

// A row the upsert wrote is new when it has no earlier version (xmax = 0); an identical resend
// is not written at all, and so counts as neither. The same counts by source feed the metrics.
export const COUNT_WRITTEN = `SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
          count(*) FILTER (WHERE NOT inserted)::int AS replaced,
          coalesce(array_agg(DISTINCT location_id), '{}') AS "locationIds",
          (SELECT coalesce(json_agg(s), '[]') FROM (SELECT source,
               count(*) FILTER (WHERE inserted)::int AS inserted,
               count(*) FILTER (WHERE NOT inserted)::int AS replaced
             FROM written GROUP BY source) s) AS "bySource"
     FROM written`;

/** A write of no rows (a new object each time: callers may fill it). */
export const nothingWritten = (): Written => ({
  inserted: 0,
  replaced: 0,
  locationIds: [],
  bySource: [],
});

/**
 * Upserts the observations `rows` selects (every column of OBSERVATION_COLUMNS, in order, then
 * the write's time as `received_at`: the app's clock, as every time a write keeps) and
 * counts what it wrote. An identical resend leaves the row alone (and is not counted), so a
 * replay costs no write. The bound write below and the staged one (staged-observations.ts).
 */
export const UPSERT_OBSERVATIONS = (rows: string) => `WITH written AS (
     INSERT INTO observations AS o (location_id, source, observed_at, next_update_at,
       ${measureColumns()}, received_at)
   ${rows}
   ON CONFLICT (location_id, source, observed_at) DO UPDATE SET
       next_update_at = excluded.next_update_at, received_at = excluded.received_at,
       ${MEASURES_FROM_EXCLUDED}
   WHERE (o.next_update_at, ${measureColumns('o')})
         IS DISTINCT FROM
         (excluded.next_update_at, ${measureColumns('excluded')})
   RETURNING (xmax = 0) AS inserted, location_id, source)
   ${COUNT_WRITTEN}`;

/** The columns UPSERT_OBSERVATIONS takes, in its order. */
export const OBSERVATION_COLUMNS = [
  'location_id',
  'source',
  'observed_at',
  'next_update_at',
  ...measureColumns().split(', '),
];

const upsertObservation = statement(
  'weather_upsert_observations',
  UPSERT_OBSERVATIONS(`SELECT *, $${5 + MEASURE_KEYS.length}::timestamptz
       FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[],
                   ${measureArrayParams(5)})`),
);

// An older issue never overwrites a newer one, whatever order they arrive in.
const upsertForecast = statement(
  'weather_upsert_forecast_hours',
  `WITH written AS (INSERT INTO forecast_hours AS f (location_id, source, valid_at, issued_at, next_update_at,
       precipitation_probability_pct, period_hours, ${measureColumns()}, received_at)
   SELECT *, $${8 + MEASURE_KEYS.length}::timestamptz
     FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[],
       $5::timestamptz[], $6::real[], $7::smallint[], ${measureArrayParams(8)})
   ON CONFLICT (location_id, source, valid_at) DO UPDATE SET
       issued_at = excluded.issued_at, next_update_at = excluded.next_update_at,
       received_at = excluded.received_at, precipitation_probability_pct = excluded.precipitation_probability_pct,
       period_hours = excluded.period_hours, ${MEASURES_FROM_EXCLUDED}
   WHERE excluded.issued_at >= f.issued_at
     AND (f.issued_at, f.next_update_at, f.precipitation_probability_pct, f.period_hours,
          ${measureColumns('f')})
         IS DISTINCT FROM
         (excluded.issued_at, excluded.next_update_at, excluded.precipitation_probability_pct,
          excluded.period_hours, ${measureColumns('excluded')})
   RETURNING (xmax = 0) AS inserted, location_id, source)
   ${COUNT_WRITTEN}`,
);

/**
 * Keeps one row per key (Postgres refuses to update a row twice in one statement):
 * the later row wins, unless `newer` says the earlier one should stay.
 */
export function lastPerKey<T>(
  rows: readonly T[],
  key: (r: T) => string,
  newer: (a: T, b: T) => boolean = () => true,
): T[] {
  const byKey = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const seen = byKey.get(k);
    if (!seen || newer(r, seen)) byKey.set(k, r);
  }
  return [...byKey.values()];
}

async function inChunks<T>(
  rows: readonly T[],
  write: (chunk: readonly T[]) => Promise<Written | undefined>,
): Promise<Written> {
  const total = nothingWritten();
  const places = new Set<number>();
  const sources = new Map<string, WriteCounts & { source: string }>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const written = await write(rows.slice(i, i + CHUNK));
    total.inserted += written?.inserted ?? 0;
    total.replaced += written?.replaced ?? 0;
    for (const id of written?.locationIds ?? []) places.add(id);
    for (const s of written?.bySource ?? []) {
      const sum = sources.get(s.source) ?? { source: s.source, inserted: 0, replaced: 0 };
      sum.inserted += s.inserted;
      sum.replaced += s.replaced;
      sources.set(s.source, sum);
    }
  }
  total.locationIds = [...places];
  total.bySource = [...sources.values()];
  return total;
}

/**
 * Stores observations, one row per (location, source, observed_at), a later one replacing an
 * earlier; says how many rows were new and how many replaced a different version.
 */
export function upsertObservations(
  q: Queryable,
  rows: readonly Observation[],
  now = new Date(),
): Promise<Written> {
  const unique = lastPerKey(rows, (r) => `${r.locationId}|${r.source}|${r.observedAt.getTime()}`);
  return inChunks(unique, async (c) => {
    return q.one<Written>(upsertObservation, [
      numberArray(
        'int4',
        c.map((r) => r.locationId),
      ),
      textArray(c.map((r) => r.source)),
      instantArray(c.map((r) => r.observedAt)),
      instantArray(c.map((r) => r.nextUpdateAt)),
      ...measureArrays(c),
      now,
    ]);
  });
}

/**
 * Stores forecast hours, keeping the newest issue of each hour; says how many rows were new and
 * how many replaced a different version.
 */
export function upsertForecastHours(
  q: Queryable,
  rows: readonly ForecastHour[],
  now = new Date(),
): Promise<Written> {
  const unique = lastPerKey(
    rows,
    (r) => `${r.locationId}|${r.source}|${r.validAt.getTime()}`,
    (a, b) => a.issuedAt.getTime() >= b.issuedAt.getTime(),
  );
  return inChunks(unique, async (c) => {
    return q.one<Written>(upsertForecast, [
      numberArray(
        'int4',
        c.map((r) => r.locationId),
      ),
      textArray(c.map((r) => r.source)),
      instantArray(c.map((r) => r.validAt)),
      instantArray(c.map((r) => r.issuedAt)),
      instantArray(c.map((r) => r.nextUpdateAt)),
      numberArray(
        'float4',
        c.map((r) => r.precipitationProbabilityPct),
      ),
      numberArray(
        'int2',
        c.map((r) => r.periodHours),
      ),
      ...measureArrays(c),
      now,
    ]);
  });
}
