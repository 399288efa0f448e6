import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { type Queryable, statement } from '../../src/store/index.ts';
import { forecastHours, observations } from '../../src/store/schema.ts';

/**
 * Every column of a table under its schema key (`observed_at AS "observedAt", …`): a row as the
 * schema types it, so a test reads exactly what was stored. Names come from the schema, never
 * from test data.
 */
export function columnsOf(table: PgTable, alias?: string): string {
  return Object.entries(getTableColumns(table))
    .map(([key, c]) => `${alias ? `${alias}.` : ''}${c.name} AS "${key}"`)
    .join(', ');
}

export type StoredObservation = typeof observations.$inferSelect;
export type StoredForecastHour = typeof forecastHours.$inferSelect;

// A null location reads every row: tests run in their own rolled-back transaction or database.
const observationRows = statement(
  'test_stored_observations',
  `SELECT ${columnsOf(observations)} FROM observations
   WHERE $1::int IS NULL OR location_id = $1 ORDER BY location_id, observed_at`,
);
const forecastRows = statement(
  'test_stored_forecast_hours',
  `SELECT ${columnsOf(forecastHours)} FROM forecast_hours
   WHERE $1::int IS NULL OR location_id = $1 ORDER BY location_id, valid_at`,
);

/** The stored observations of one location (of all, without one), oldest first. */
export function storedObservations(
  q: Queryable,
  locationId: number | null = null,
): Promise<StoredObservation[]> {
  return q.all<StoredObservation>(observationRows, [locationId]);
}

/** The stored forecast hours of one location (of all, without one), earliest first. */
export function storedForecastHours(
  q: Queryable,
  locationId: number | null = null,
): Promise<StoredForecastHour[]> {
  return q.all<StoredForecastHour>(forecastRows, [locationId]);
}
