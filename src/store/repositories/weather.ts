import type { ForecastHour, Measures, Observation } from '../../domain/weather.ts';
import { type Queryable, statement } from '../database.ts';

// Rows per statement: each binds one array per column, so the limit is memory, not parameters.
const CHUNK = 10_000;

/** The measure columns' order in both statements below. */
const MEASURE_KEYS: (keyof Measures)[] = [
  'temperatureC',
  'apparentTemperatureC',
  'humidityPct',
  'pressurePa',
  'windSpeedMs',
  'windGustMs',
  'windDirectionDeg',
  'precipitationMm',
  'cloudCoverPct',
  'visibilityM',
  'condition',
];

// An identical resend leaves the row alone (and is not counted), so a replay costs no write.
const upsertObservation = statement(
  'weather_upsert_observations',
  `INSERT INTO observations AS o (location_id, source, observed_at, next_update_at,
       temperature_c, apparent_temperature_c, humidity_pct, pressure_pa, wind_speed_ms, wind_gust_ms,
       wind_direction_deg, precipitation_mm, cloud_cover_pct, visibility_m, condition)
   SELECT * FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[],
       $5::real[], $6::real[], $7::real[], $8::real[], $9::real[], $10::real[],
       $11::real[], $12::real[], $13::real[], $14::real[], $15::text[])
   ON CONFLICT (location_id, source, observed_at) DO UPDATE SET
       next_update_at = excluded.next_update_at, received_at = now(),
       temperature_c = excluded.temperature_c, apparent_temperature_c = excluded.apparent_temperature_c,
       humidity_pct = excluded.humidity_pct, pressure_pa = excluded.pressure_pa,
       wind_speed_ms = excluded.wind_speed_ms, wind_gust_ms = excluded.wind_gust_ms,
       wind_direction_deg = excluded.wind_direction_deg, precipitation_mm = excluded.precipitation_mm,
       cloud_cover_pct = excluded.cloud_cover_pct, visibility_m = excluded.visibility_m, condition = excluded.condition
   WHERE (o.next_update_at, o.temperature_c, o.apparent_temperature_c, o.humidity_pct, o.pressure_pa,
          o.wind_speed_ms, o.wind_gust_ms, o.wind_direction_deg, o.precipitation_mm, o.cloud_cover_pct,
          o.visibility_m, o.condition)
         IS DISTINCT FROM
         (excluded.next_update_at, excluded.temperature_c, excluded.apparent_temperature_c, excluded.humidity_pct,
          excluded.pressure_pa, excluded.wind_speed_ms, excluded.wind_gust_ms, excluded.wind_direction_deg,
          excluded.precipitation_mm, excluded.cloud_cover_pct, excluded.visibility_m, excluded.condition)`,
);

// An older issue never overwrites a newer one, whatever order they arrive in.
const upsertForecast = statement(
  'weather_upsert_forecast_hours',
  `INSERT INTO forecast_hours AS f (location_id, source, valid_at, issued_at, next_update_at,
       precipitation_probability_pct,
       temperature_c, apparent_temperature_c, humidity_pct, pressure_pa, wind_speed_ms, wind_gust_ms,
       wind_direction_deg, precipitation_mm, cloud_cover_pct, visibility_m, condition)
   SELECT * FROM unnest($1::int[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[],
       $6::real[],
       $7::real[], $8::real[], $9::real[], $10::real[], $11::real[], $12::real[],
       $13::real[], $14::real[], $15::real[], $16::real[], $17::text[])
   ON CONFLICT (location_id, source, valid_at) DO UPDATE SET
       issued_at = excluded.issued_at, next_update_at = excluded.next_update_at, received_at = now(),
       precipitation_probability_pct = excluded.precipitation_probability_pct,
       temperature_c = excluded.temperature_c, apparent_temperature_c = excluded.apparent_temperature_c,
       humidity_pct = excluded.humidity_pct, pressure_pa = excluded.pressure_pa,
       wind_speed_ms = excluded.wind_speed_ms, wind_gust_ms = excluded.wind_gust_ms,
       wind_direction_deg = excluded.wind_direction_deg, precipitation_mm = excluded.precipitation_mm,
       cloud_cover_pct = excluded.cloud_cover_pct, visibility_m = excluded.visibility_m, condition = excluded.condition
   WHERE excluded.issued_at >= f.issued_at
     AND (f.issued_at, f.next_update_at, f.precipitation_probability_pct, f.temperature_c, f.apparent_temperature_c,
          f.humidity_pct, f.pressure_pa, f.wind_speed_ms, f.wind_gust_ms, f.wind_direction_deg, f.precipitation_mm,
          f.cloud_cover_pct, f.visibility_m, f.condition)
         IS DISTINCT FROM
         (excluded.issued_at, excluded.next_update_at, excluded.precipitation_probability_pct, excluded.temperature_c,
          excluded.apparent_temperature_c, excluded.humidity_pct, excluded.pressure_pa, excluded.wind_speed_ms,
          excluded.wind_gust_ms, excluded.wind_direction_deg, excluded.precipitation_mm, excluded.cloud_cover_pct,
          excluded.visibility_m, excluded.condition)`,
);

const iso = (d: Date) => d.toISOString();

/** One array per measure column, in MEASURE_KEYS order. */
function measureArrays(rows: readonly Measures[]): unknown[][] {
  return MEASURE_KEYS.map((k) => rows.map((r) => r[k]));
}

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

/** Stores observations, one row per (location, source, observed_at); returns how many rows were new or changed. */
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

/** Stores forecast hours, keeping the newest issue of each hour; returns how many rows were new or changed. */
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
