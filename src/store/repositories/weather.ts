import type { ForecastHour, Observation } from '../../domain/weather.ts';
import { type Queryable, statement } from '../database.ts';
import {
  MEASURES_FROM_EXCLUDED,
  measureArrayParams,
  measureArrays,
  measureColumns,
} from './measure-columns.ts';

// Rows per statement: each binds one array per column, so the limit is memory, not parameters.
const CHUNK = 10_000;

// An identical resend leaves the row alone (and is not counted), so a replay costs no write.
const upsertObservation = statement(
  'weather_upsert_observations',
  `INSERT INTO observations AS o (location_id, source, observed_at, next_update_at,
       ${measureColumns()})
   SELECT * FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[],
       ${measureArrayParams(5)})
   ON CONFLICT (location_id, source, observed_at) DO UPDATE SET
       next_update_at = excluded.next_update_at, received_at = now(), ${MEASURES_FROM_EXCLUDED}
   WHERE (o.next_update_at, ${measureColumns('o')})
         IS DISTINCT FROM
         (excluded.next_update_at, ${measureColumns('excluded')})`,
);

// An older issue never overwrites a newer one, whatever order they arrive in.
const upsertForecast = statement(
  'weather_upsert_forecast_hours',
  `INSERT INTO forecast_hours AS f (location_id, source, valid_at, issued_at, next_update_at,
       precipitation_probability_pct, ${measureColumns()})
   SELECT * FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[],
       $5::timestamptz[], $6::real[], ${measureArrayParams(7)})
   ON CONFLICT (location_id, source, valid_at) DO UPDATE SET
       issued_at = excluded.issued_at, next_update_at = excluded.next_update_at,
       received_at = now(), precipitation_probability_pct = excluded.precipitation_probability_pct,
       ${MEASURES_FROM_EXCLUDED}
   WHERE excluded.issued_at >= f.issued_at
     AND (f.issued_at, f.next_update_at, f.precipitation_probability_pct, ${measureColumns('f')})
         IS DISTINCT FROM
         (excluded.issued_at, excluded.next_update_at, excluded.precipitation_probability_pct,
          ${measureColumns('excluded')})`,
);

const iso = (d: Date) => d.toISOString();

/**
 * Keeps one row per key (Postgres refuses to update a row twice in one statement):
 * the later row wins, unless `newer` says the earlier one should stay.
 */
function lastPerKey<T>(
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
  write: (chunk: readonly T[]) => Promise<number>,
): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += CHUNK) written += await write(rows.slice(i, i + CHUNK));
  return written;
}

/**
 * Stores observations, one row per (location, source, observed_at); returns how many rows were new
 * or changed.
 */
export function upsertObservations(q: Queryable, rows: readonly Observation[]): Promise<number> {
  const unique = lastPerKey(rows, (r) => `${r.locationId}|${r.source}|${r.observedAt.getTime()}`);
  return inChunks(unique, async (c) => {
    const res = await q.run(upsertObservation, [
      c.map((r) => r.locationId),
      c.map((r) => r.source),
      c.map((r) => iso(r.observedAt)),
      c.map((r) => iso(r.nextUpdateAt)),
      ...measureArrays(c),
    ]);
    return res.rowCount;
  });
}

/**
 * Stores forecast hours, keeping the newest issue of each hour; returns how many rows were new or
 * changed.
 */
export function upsertForecastHours(q: Queryable, rows: readonly ForecastHour[]): Promise<number> {
  const unique = lastPerKey(
    rows,
    (r) => `${r.locationId}|${r.source}|${r.validAt.getTime()}`,
    (a, b) => a.issuedAt.getTime() >= b.issuedAt.getTime(),
  );
  return inChunks(unique, async (c) => {
    const res = await q.run(upsertForecast, [
      c.map((r) => r.locationId),
      c.map((r) => r.source),
      c.map((r) => iso(r.validAt)),
      c.map((r) => iso(r.issuedAt)),
      c.map((r) => iso(r.nextUpdateAt)),
      c.map((r) => r.precipitationProbabilityPct),
      ...measureArrays(c),
    ]);
    return res.rowCount;
  });
}
