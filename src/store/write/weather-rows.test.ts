import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import { storedForecastHours, storedObservations } from '../../../test/support/stored-rows.ts';
import type { ForecastHour, Measures, Observation } from '../../domain/weather/weather.ts';
import { type Queryable, statement } from '../index.ts';
import { findPlaceWeatherByIds } from '../weather/place-weather.ts';
import { rebuildPlaceReads } from './place-reads.ts';
import { upsertForecastHours, upsertObservations } from './weather-rows.ts';

const insertLondon = statement(
  'test_weather_insert_location',
  `INSERT INTO locations (geonames_id, country_code, country_name, name, slug, slug_key, search_key,
                          latitude, longitude, timezone)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
);

/** Gives fn a fresh location inside a transaction that is always rolled back. */
async function withLocation(
  db: Queryable,
  fn: (tx: Queryable, locationId: number) => Promise<void>,
): Promise<void> {
  await rolledBack(db, async (tx) => {
    const [id] = await tx.column<number>(insertLondon, [
      2643743,
      'GB',
      'United Kingdom',
      'London',
      'London',
      'london',
      'london',
      51.5,
      -0.13,
      'Europe/London',
    ]);
    await fn(tx, id!);
  });
}

const measures: Measures = {
  temperatureC: 12.5,
  apparentTemperatureC: 11,
  humidityPct: 80,
  pressurePa: 101_320,
  windSpeedMs: 4.2,
  windGustMs: 7.5,
  windDirectionDeg: 240,
  precipitationMm: 0,
  cloudCoverPct: 60,
  visibilityM: 20_000,
  condition: 'partly-cloudy',
};
const h = (hour: number) => new Date(Date.UTC(2026, 5, 1, hour));

function observation(
  locationId: number,
  hour: number,
  over: Partial<Observation> = {},
): Observation {
  return {
    ...measures,
    locationId,
    source: 'demo',
    observedAt: h(hour),
    nextUpdateAt: h(hour + 1),
    ...over,
  };
}

function forecast(
  locationId: number,
  issued: number,
  valid: number,
  over: Partial<ForecastHour> = {},
): ForecastHour {
  return {
    ...measures,
    locationId,
    source: 'demo',
    validAt: h(valid),
    issuedAt: h(issued),
    nextUpdateAt: h(issued + 1),
    precipitationProbabilityPct: 10,
    periodHours: 1,
    ...over,
  };
}

// Rows of forecast_hours this connection updated in place (HOT: no new index entries), not yet
// counted in the server's statistics.
const hotUpdates = statement(
  'test_forecast_hot_updates',
  `SELECT pg_stat_get_xact_tuples_hot_updated('forecast_hours'::regclass)`,
);

/** A write that changed nothing: every row was already stored exactly so. */
const none = { inserted: 0, replaced: 0, locationIds: [], bySource: [] };
/** A write of the test's one place, every row from the `demo` source. */
const counted = (inserted: number, replaced: number, id: number) => ({
  inserted,
  replaced,
  locationIds: [id],
  bySource: [{ source: 'demo', inserted, replaced }],
});

describe.each(drivers)('weather repository on $name', (driver) => {
  const { skip } = driver;
  const db = useMigratedDatabase(driver);

  it.skipIf(skip)('stores an observation once however often it is sent', async () => {
    await withLocation(db().db, async (tx, id) => {
      expect(
        await upsertObservations(tx, [
          observation(id, 9),
          observation(id, 10),
          observation(id, 10),
        ]),
      ).toEqual(counted(2, 0, id));
      expect(await upsertObservations(tx, [observation(id, 9), observation(id, 10)])).toEqual(none);
      const corrected = observation(id, 10, {
        temperatureC: 13,
        condition: 'cloudy',
        visibilityM: null,
      });
      expect(await upsertObservations(tx, [corrected])).toEqual(counted(0, 1, id));
      const rows = await storedObservations(tx, id);
      expect(rows.map((r) => r.observedAt)).toEqual([h(9), h(10)]);
      expect(rows[1]).toMatchObject({
        temperatureC: 13,
        condition: 'cloudy',
        visibilityM: null,
        windSpeedMs: 4.2,
        source: 'demo',
      });
      expect(rows[1]!.nextUpdateAt).toEqual(h(11));
      expect(await upsertObservations(tx, [])).toEqual(none);
    });
  });

  it.skipIf(skip)(
    'keeps the newest issue of each forecast hour, whatever the arrival order',
    async () => {
      await withLocation(db().db, async (tx, id) => {
        const early = [11, 12, 13].map((v) => forecast(id, 10, v, { temperatureC: 10 }));
        const later = [12, 13, 14].map((v) => forecast(id, 11, v, { temperatureC: 20 }));
        expect(await upsertForecastHours(tx, early)).toEqual(counted(3, 0, id));
        expect(await upsertForecastHours(tx, early)).toEqual(none);
        // 12 and 13 re-issued, 14 new.
        expect(await upsertForecastHours(tx, later)).toEqual(counted(1, 2, id));
        expect(await upsertForecastHours(tx, early)).toEqual(none); // late delivery of the older issue
        // Both issues in one batch: the newer wins even when it comes first.
        expect(
          await upsertForecastHours(tx, [
            forecast(id, 12, 15, { temperatureC: 30 }),
            forecast(id, 11, 15),
          ]),
        ).toEqual(counted(1, 0, id));
        const rows = await storedForecastHours(tx, id);
        expect(
          rows.map((r) => [r.validAt.getUTCHours(), r.issuedAt.getUTCHours(), r.temperatureC]),
        ).toEqual([
          [11, 10, 10],
          [12, 11, 20],
          [13, 11, 20],
          [14, 11, 20],
          [15, 12, 30],
        ]);
        expect(rows[0]).toMatchObject({
          precipitationProbabilityPct: 10,
          condition: 'partly-cloudy',
          source: 'demo',
        });
      });
    },
  );

  it.skipIf(skip)(
    "keeps a step's period, and reads a place's forecast without a step inside another",
    async () => {
      await withLocation(db().db, async (tx, id) => {
        // An issue hourly to 14:00; the next one has a 6-hour step from 12:00 over the same hours.
        const hourly = [11, 12, 13, 14].map((v) => forecast(id, 10, v, { precipitationMm: 0.5 }));
        expect(await upsertForecastHours(tx, hourly)).toEqual(counted(4, 0, id));
        const coarse = forecast(id, 11, 12, { periodHours: 6, precipitationMm: 4 });
        // Only the period changed would still be a change.
        expect(await upsertForecastHours(tx, [coarse])).toEqual(counted(0, 1, id));
        expect(await upsertForecastHours(tx, [coarse])).toEqual(none);
        const rows = await storedForecastHours(tx, id);
        expect(rows.map((r) => [r.validAt.getUTCHours(), r.periodHours])).toEqual([
          [11, 1],
          [12, 6],
          [13, 1],
          [14, 1],
        ]);
        // Read back, 13:00 and 14:00 (the older issue's hours) fall inside 12:00's six hours:
        // left out, or the day would count their rain twice.
        await rebuildPlaceReads(tx, [id], h(11));
        const [read] = await findPlaceWeatherByIds(tx, [id], h(11));
        expect(
          read!.forecast.map((f) => [f.validAt.getUTCHours(), f.periodHours, f.precipitationMm]),
        ).toEqual([
          [11, 1, 0.5],
          [12, 6, 4],
        ]);
      });
    },
  );

  it.skipIf(skip)(
    "rewrites a place's forecast in place: each new version beside the old, no index entry",
    async () => {
      await withLocation(db().db, async (tx, id) => {
        const hours = Array.from({ length: 240 }, (_, v) => forecast(id, 10, 11 + v));
        await upsertForecastHours(tx, hours);
        // The next refresh: the same hours, a newer issue.
        const next = hours.map((f) => ({ ...f, issuedAt: h(11), nextUpdateAt: h(12) }));
        const [before] = await tx.column<number>(hotUpdates);
        expect(await upsertForecastHours(tx, next)).toEqual(counted(0, 240, id));
        const [after] = await tx.column<number>(hotUpdates);
        expect(Number(after) - Number(before)).toBe(240);
      });
    },
  );

  it.skipIf(skip)('writes batches larger than one statement chunk', async () => {
    await withLocation(db().db, async (tx, id) => {
      const many = Array.from({ length: 12_000 }, (_, i) => observation(id, i));
      expect(await upsertObservations(tx, many)).toEqual(counted(12_000, 0, id));
      expect(await upsertObservations(tx, many)).toEqual(none);
    });
  });
});
