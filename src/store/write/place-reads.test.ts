import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import { FIXTURE_PLACES } from '../../../test/support/fixture.ts';
import { placeId } from '../../../test/support/stats-data.ts';
import type { ForecastHour } from '../../domain/weather/weather.ts';
import { loadCatalog } from '../../ingest/catalog/catalog-load.ts';
import { applyWrite } from '../../ingest/write-path/apply-write.ts';
import { type Queryable, statement } from '../index.ts';
import { readMigrations } from '../schema-status.ts';
import { findPlaceWeather } from '../weather/place-weather.ts';

const NOW = new Date('2026-11-22T10:15:00Z');
const HOUR_MS = 3_600_000;

const forecastOf = statement(
  'test_place_reads_forecast',
  'SELECT forecast FROM place_reads WHERE location_id = $1',
);
const setForecast = statement(
  'test_place_reads_set_forecast',
  'UPDATE place_reads SET forecast = $2::json WHERE location_id = $1',
);
const [turnAround] = readMigrations().find(
  (m) => m.tag === '0018_place_reads_forecast_columns',
)!.sql;
const migrateForecasts = statement('test_place_reads_0018', turnAround!);

type Columns = unknown[][];
const stored = async (q: Queryable, id: number) =>
  (await q.one<{ forecast: Columns | null }>(forecastOf, [id]))!.forecast;

/** The read model's forecast as it was kept before migration 0018: one array per hour. */
const byHour = (columns: Columns) => columns[0]!.map((_, i) => columns.map((c) => c[i]));

/** Hours of two sources and three issues, some values missing, a 6-hour step among them. */
function hours(locationId: number): ForecastHour[] {
  const from = Date.parse('2026-11-22T10:00:00Z');
  return Array.from({ length: 30 }, (_, i) => ({
    locationId,
    source: i % 7 === 3 ? 'met-norway' : 'open-meteo',
    validAt: new Date(from + i * HOUR_MS),
    issuedAt: new Date(from - (1 + (i % 3)) * HOUR_MS),
    nextUpdateAt: new Date(from + 2 * HOUR_MS),
    precipitationProbabilityPct: i % 4 === 0 ? null : i * 3,
    periodHours: i === 12 ? 6 : 1,
    temperatureC: 5 + i / 4,
    apparentTemperatureC: i % 5 === 0 ? null : 3 + i / 4,
    humidityPct: 80,
    pressurePa: 101_300 - i * 10,
    windSpeedMs: 4.5,
    windGustMs: null,
    windDirectionDeg: (i * 37) % 360,
    precipitationMm: i === 12 ? 2.4 : 0.1,
    cloudCoverPct: 75,
    visibilityM: 20_000,
    condition: i % 2 === 0 ? 'rain' : 'cloudy',
  }));
}

describe.each(drivers)('the read model of a forecast on $name', (driver) => {
  const db = useMigratedDatabase(driver);
  const withForecast = (fn: (tx: Queryable, id: number) => Promise<void>) =>
    rolledBack(db().db, async (tx) => {
      await loadCatalog(tx, FIXTURE_PLACES);
      const id = await placeId(tx, 'GB/London');
      await applyWrite(tx, { forecasts: hours(id) }, { now: NOW, reason: 'provider' });
      await fn(tx, id);
    });

  it.skipIf(driver.skip)(
    'keeps one array per column, in time order, and reads back the hours written',
    async () => {
      await withForecast(async (tx, id) => {
        const columns = (await stored(tx, id))!;
        // source, time, next update, received, 11 measures, issued, precipitation chance, period
        expect(columns.map((c) => c.length)).toEqual(Array(18).fill(30));
        const times = columns[1] as number[];
        expect(times).toEqual([...times].sort((a, b) => a - b));
        const read = (await findPlaceWeather(tx, 'GB', 'london', NOW))!;
        const written = hours(id).filter((_, i) => i <= 12 || i >= 18);
        expect(read.forecast.map((f) => f.validAt)).toEqual(written.map((f) => f.validAt));
        expect(read.forecast[12]).toMatchObject({ periodHours: 6, precipitationMm: 2.4 });
        expect(read.forecast[3]).toMatchObject({
          source: 'met-norway',
          issuedAt: written[3]!.issuedAt,
          precipitationProbabilityPct: 9,
          apparentTemperatureC: 3.75,
          windGustMs: null,
          condition: 'cloudy',
        });
      });
    },
  );

  it.skipIf(driver.skip)(
    'turns a forecast kept by hour into the columns a rebuild makes (migration 0018)',
    async () => {
      await withForecast(async (tx, id) => {
        const columns = (await stored(tx, id))!;
        const read = await findPlaceWeather(tx, 'GB', 'london', NOW);
        await tx.run(setForecast, [id, JSON.stringify(byHour(columns))]);
        await tx.run(migrateForecasts);
        expect(await stored(tx, id)).toEqual(columns);
        expect(await findPlaceWeather(tx, 'GB', 'london', NOW)).toEqual(read);
        // Run again, it leaves columns as they are.
        await tx.run(migrateForecasts);
        expect(await stored(tx, id)).toEqual(columns);
      });
    },
  );

  it.skipIf(driver.skip)(
    'reads hours out of time order, and a read model kept before periods were',
    async () => {
      await withForecast(async (tx, id) => {
        const columns = (await stored(tx, id))!;
        const read = (await findPlaceWeather(tx, 'GB', 'london', NOW))!;
        const reversed = columns.map((c) => [...c].reverse());
        await tx.run(setForecast, [id, JSON.stringify(reversed)]);
        expect(await findPlaceWeather(tx, 'GB', 'london', NOW)).toEqual(read);
        // Without its last column, every step is an hour: the 6-hour one no longer hides five.
        const hourly = byHour(columns).map((hour) => hour.slice(0, -1));
        await tx.run(setForecast, [id, JSON.stringify(hourly)]);
        await tx.run(migrateForecasts);
        const old = (await findPlaceWeather(tx, 'GB', 'london', NOW))!;
        expect(old.forecast).toHaveLength(30);
        expect(old.forecast.every((f) => f.periodHours === 1)).toBe(true);
      });
    },
  );
});
