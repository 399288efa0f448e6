import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import { FIXTURE_PLACES } from '../../../test/support/fixture.ts';
import { storedForecastHours, storedObservations } from '../../../test/support/stored-rows.ts';
import { type Queryable, statement } from '../../store/index.ts';
import { PLACES_CHANNEL } from '../../store/operations/change-log.ts';
import { dailySummariesBetween } from '../../store/weather/daily.ts';
import { loadCatalog } from '../catalog/catalog-load.ts';
import { seedDemoWeather } from '../demo/demo-source.ts';
import { writeRows } from './write-rows.ts';

const NOW = new Date('2026-11-02T12:00:00Z');
const options = { now: NOW, onBadRows: 'all-or-nothing' } as const;
const idOf = statement('test_id_of', 'SELECT id FROM locations WHERE geonames_id = $1');
const LONDON = 2643743;
const hourLater = new Date(NOW.getTime() + 3_600_000);

/** An hourly observation of London by `met` at a UTC time. */
const obs = (at: string, fields: Record<string, unknown> = {}) => ({
  place: 'GB/London',
  source: 'met',
  observed_at: at,
  condition: 'cloudy',
  temperature_c: 10,
  ...fields,
});

const hours = (
  fromUtc: string,
  count: number,
  fields: (i: number) => Record<string, unknown> = () => ({}),
) =>
  Array.from({ length: count }, (_, i) =>
    obs(new Date(Date.parse(fromUtc) + i * 3_600_000).toISOString(), fields(i)),
  );

async function londonId(q: Queryable): Promise<number> {
  return (await q.one<{ id: number }>(idOf, [LONDON]))!.id;
}

describe.each(drivers)('writing rows on $name', (driver) => {
  const { skip } = driver;
  const db = useMigratedDatabase(driver);
  const withCatalog = (fn: (tx: Queryable) => Promise<void>) =>
    rolledBack(db().db, async (tx) => {
      await loadCatalog(tx, FIXTURE_PLACES);
      await fn(tx);
    });

  it.skipIf(skip)('writes nothing of a batch with a bad row, and names every bad row', async () => {
    await withCatalog(async (tx) => {
      const rows = [
        obs('2026-11-02T09:00:00Z'),
        obs('2026-11-02T10:00:00Z', { place: 'GB/Atlantis' }),
        obs('2026-11-02T11:00:00Z', { temperature_k: 283 }),
        obs('2026-11-02T09:00:00Z'),
      ];
      const outcome = await writeRows(tx, 'observations', rows, options);
      expect(outcome).toMatchObject({
        read: 4,
        inserted: 0,
        replaced: 0,
        unchanged: 0,
        rejected: 3,
      });
      expect(outcome.errors).toEqual([
        { index: 1, field: 'place', reason: 'no place "GB/Atlantis" is known' },
        { index: 2, field: 'temperature_k', reason: expect.stringContaining('is not a unit') },
        {
          index: 3,
          field: 'observed_at',
          reason: 'repeats the place, source and time of row 0',
          duplicateOf: 0,
        },
      ]);
      expect(outcome.places).toEqual([]);
      expect(await storedObservations(tx, await londonId(tx))).toEqual([]);
    });
  });

  it.skipIf(skip)('says by source what it stored, refused, and the newest time', async () => {
    await withCatalog(async (tx) => {
      const first = [obs('2026-11-02T08:00:00Z'), obs('2026-11-02T07:00:00Z', { source: 'synop' })];
      await writeRows(tx, 'observations', first, options);
      const rows = [
        obs('2026-11-02T08:00:00Z'),
        obs('2026-11-02T09:00:00Z', { temperature_c: 11 }),
        obs('2026-11-02T07:00:00Z', { source: 'synop', temperature_c: 3 }),
        obs('2026-11-02T10:00:00Z', { source: 'X' }),
      ];
      const skipping = await writeRows(tx, 'observations', rows, {
        ...options,
        onBadRows: 'skip-bad',
      });
      const none = { inserted: 0, replaced: 0, unchanged: 0, rejected: 0, newest: null };
      expect(skipping.bySource).toEqual([
        { ...none, source: '_unknown', rejected: 1 },
        {
          ...none,
          source: 'met',
          inserted: 1,
          unchanged: 1,
          newest: new Date('2026-11-02T09:00Z'),
        },
        { ...none, source: 'synop', replaced: 1, newest: new Date('2026-11-02T07:00Z') },
      ]);
      // All or nothing: every row of the refused batch is rejected, by the source it names.
      const refused = await writeRows(tx, 'observations', rows, options);
      expect(refused.bySource).toEqual([
        { ...none, source: '_unknown', rejected: 1 },
        { ...none, source: 'met', rejected: 2 },
        { ...none, source: 'synop', rejected: 1 },
      ]);
    });
  });

  it.skipIf(skip)('writes the good rows when told to skip the bad ones', async () => {
    await withCatalog(async (tx) => {
      const rows = [obs('2026-11-02T09:00:00Z'), obs('2026-11-02T10:00:00Z', { source: 'X' })];
      const outcome = await writeRows(tx, 'observations', rows, {
        ...options,
        onBadRows: 'skip-bad',
      });
      expect(outcome).toMatchObject({ read: 2, inserted: 1, rejected: 1, places: ['GB/London'] });
      expect(await storedObservations(tx, await londonId(tx))).toHaveLength(1);
    });
  });

  it.skipIf(skip)(
    'counts inserted, replaced and unchanged rows; the same row twice is one row',
    async () => {
      await withCatalog(async (tx) => {
        const batch = [obs('2026-11-02T09:00:00Z'), obs('2026-11-02T10:00:00Z', { place: LONDON })];
        expect(await writeRows(tx, 'observations', batch, options)).toMatchObject({
          inserted: 2,
          replaced: 0,
          unchanged: 0,
        });
        // A replay changes nothing, so it announces (and purges) nothing either.
        expect(await writeRows(tx, 'observations', batch, options)).toMatchObject({
          inserted: 0,
          replaced: 0,
          unchanged: 2,
          places: [],
          days: [],
        });
        const later = [
          obs('2026-11-02T09:00:00Z', { temperature_c: undefined, temperature_f: 59 }),
          obs('2026-11-02T11:00:00Z'),
        ];
        expect(await writeRows(tx, 'observations', later, options)).toMatchObject({
          inserted: 1,
          replaced: 1,
          unchanged: 0,
        });
        const stored = await storedObservations(tx, await londonId(tx));
        expect(
          stored.map((r) => [r.observedAt.toISOString().slice(11, 13), r.temperatureC]),
        ).toEqual([
          ['09', 15],
          ['10', 10],
          ['11', 10],
        ]);
      });
    },
  );

  it.skipIf(skip)('counts on a dry run, then rolls it back', async () => {
    await withCatalog(async (tx) => {
      const outcome = await writeRows(tx, 'observations', [obs('2026-11-02T09:00:00Z')], {
        ...options,
        dryRun: true,
      });
      expect(outcome).toMatchObject({ inserted: 1, places: [] });
      expect(await storedObservations(tx, await londonId(tx))).toEqual([]);
    });
  });

  it.skipIf(skip)(
    'derives the local day from hourly observations, complete once every hour is in',
    async () => {
      await withCatalog(async (tx) => {
        // London is on GMT in November: the local day is the UTC day.
        const day = hours('2026-11-01T00:00:00Z', 23, (i) => ({
          temperature_c: i, // 0…22
          precipitation_mm: i < 4 ? 0.5 : 0,
          wind_gust_ms: i === 12 ? 21 : 5,
          // 11 rain, 11 fog, 1 cloudy: a tie, and rain is the more severe.
          condition: i < 11 ? 'rain' : i < 22 ? 'fog' : 'cloudy',
        }));
        const outcome = await writeRows(tx, 'observations', day, options);
        expect(outcome.days).toEqual([{ place: 'GB/London', date: '2026-11-01' }]);
        const id = await londonId(tx);
        const [partial] = await dailySummariesBetween(tx, id, '2026-11-01', '2026-11-01');
        expect(partial).toMatchObject({ source: 'met', hours: 23, complete: false });
        expect(partial).toMatchObject({
          temperatureMinC: 0,
          temperatureMaxC: 22,
          temperatureMeanC: 11,
        });
        expect(partial).toMatchObject({ precipitationMm: 2, windGustMaxMs: 21, condition: 'rain' });
        await writeRows(
          tx,
          'observations',
          [obs('2026-11-01T23:00:00Z', { temperature_c: 30 })],
          options,
        );
        const [whole] = await dailySummariesBetween(tx, id, '2026-11-01', '2026-11-01');
        expect(whole).toMatchObject({ hours: 24, complete: true, temperatureMaxC: 30 });
      });
    },
  );

  it.skipIf(skip)(
    "counts the 25 hours of the day the clocks go back, in the place's zone",
    async () => {
      await withCatalog(async (tx) => {
        // 2026-10-25 in Europe/London runs from 23:00Z on the 24th (BST) to 00:00Z on the 26th.
        await writeRows(tx, 'observations', hours('2026-10-24T23:00:00Z', 24), options);
        const id = await londonId(tx);
        expect((await dailySummariesBetween(tx, id, '2026-10-25', '2026-10-25'))[0]).toMatchObject({
          hours: 24,
          complete: false,
        });
        await writeRows(tx, 'observations', [obs('2026-10-25T23:00:00Z')], options);
        expect((await dailySummariesBetween(tx, id, '2026-10-25', '2026-10-25'))[0]).toMatchObject({
          hours: 25,
          complete: true,
        });
        expect(await dailySummariesBetween(tx, id, '2026-10-24', '2026-10-24')).toEqual([]);
      });
    },
  );

  it.skipIf(skip)('stores daily summaries a source sends whole, complete by nature', async () => {
    await withCatalog(async (tx) => {
      const day = {
        place: 'GB/London',
        source: 'archive',
        date: '2015-06-01',
        temperature_max_f: 77,
        condition: 'sun',
      };
      expect(await writeRows(tx, 'daily', [day], options)).toMatchObject({
        inserted: 1,
        days: [{ place: 'GB/London', date: '2015-06-01' }],
      });
      expect(await writeRows(tx, 'daily', [day], options)).toMatchObject({ unchanged: 1 });
      const [stored] = await dailySummariesBetween(
        tx,
        await londonId(tx),
        '2015-06-01',
        '2015-06-01',
      );
      expect(stored).toMatchObject({
        temperatureMaxC: 25,
        condition: 'clear',
        hours: null,
        complete: true,
      });
    });
  });

  it.skipIf(skip)(
    'ends the demo current conditions with recent observations, and keeps its forecast',
    async () => {
      await withCatalog(async (tx) => {
        await seedDemoWeather(tx, { places: 3, now: NOW, hours: 2 });
        const id = await londonId(tx);
        const outcome = await writeRows(
          tx,
          'observations',
          hours('2026-11-02T09:00:00Z', 3),
          options,
        );
        expect(outcome.demoReplaced).toEqual({
          observations: { rows: 1, places: ['GB/London'] },
          forecasts: { rows: 0, places: [] },
          daily: { rows: 0, places: [] },
        });
        expect((await storedObservations(tx, id)).map((o) => o.source)).toEqual([
          'met',
          'met',
          'met',
        ]);
        const forecast = await storedForecastHours(tx, id);
        expect(forecast.map((f) => f.source)).toEqual(['demo', 'demo']);
        // The demo's summary of the day went with its hours: the day is the real source's alone.
        const [today] = await dailySummariesBetween(tx, id, '2026-11-02', '2026-11-02');
        expect(today?.source).toBe('met');
        expect(await dailySummariesBetween(tx, id, '2026-11-02', '2026-11-02')).toHaveLength(1);

        // The next demo hour still writes London's forecast, and not its current conditions.
        const next = await seedDemoWeather(tx, { places: 3, now: hourLater, hours: 1 });
        expect(next.places).toBe(3);
        expect((await storedObservations(tx, id)).every((o) => o.source === 'met')).toBe(true);
        expect((await storedForecastHours(tx, id)).map((f) => f.source)).toContain('demo');
      });
    },
  );

  it.skipIf(skip)(
    'replaces the demo forecast with a real forecast of the coming hours',
    async () => {
      await withCatalog(async (tx) => {
        await seedDemoWeather(tx, { places: 3, now: NOW, hours: 2 });
        const id = await londonId(tx);
        const coming = [13, 14, 15].map((h) => ({
          place: 'GB/London',
          source: 'met',
          valid_at: `2026-11-02T${h}:00:00Z`,
          issued_at: '2026-11-02T12:00:00Z',
          condition: 'rain',
          temperature_c: 9,
        }));
        const outcome = await writeRows(tx, 'forecasts', coming, options);
        expect(outcome.demoReplaced.forecasts).toEqual({ rows: 2, places: ['GB/London'] });
        expect(outcome.demoReplaced.observations.rows).toBe(0);
        expect((await storedForecastHours(tx, id)).map((f) => f.source)).toEqual([
          'met',
          'met',
          'met',
        ]);
        expect((await storedObservations(tx, id)).map((o) => o.source)).toEqual(['demo']);
        // London needs the demo's current conditions only now; a place real data covers whole
        // is not among the demo's places at all.
        await writeRows(tx, 'observations', [obs('2026-11-02T12:00:00Z')], options);
        const next = await seedDemoWeather(tx, { places: 3, now: hourLater, hours: 1 });
        expect(next.places).toBe(3);
        expect((await storedObservations(tx, id)).map((o) => o.source)).toEqual(['met']);
        expect((await storedForecastHours(tx, id)).every((f) => f.source === 'met')).toBe(true);
      });
    },
  );

  it.skipIf(skip)(
    "keeps the demo's current conditions and forecast through an import of history",
    async () => {
      await withCatalog(async (tx) => {
        await seedDemoWeather(tx, { places: 3, now: NOW, hours: 2 });
        const id = await londonId(tx);
        const old = await writeRows(tx, 'observations', hours('2015-06-01T09:00:00Z', 3), options);
        const day = (date: string) => ({
          place: 'GB/London',
          source: 'noaa',
          date,
          temperature_max_c: 20,
          temperature_min_c: 10,
          condition: 'sun',
        });
        const daily = await writeRows(tx, 'daily', [day('1990-01-01'), day('2020-12-31')], options);
        for (const outcome of [old, daily])
          expect(Object.values(outcome.demoReplaced).map((r) => r.rows)).toEqual([0, 0, 0]);
        expect((await storedObservations(tx, id)).at(-1)).toMatchObject({
          source: 'demo',
          observedAt: NOW,
        });
        expect(await storedForecastHours(tx, id)).toHaveLength(2);
        const [today] = await dailySummariesBetween(tx, id, '2026-11-02', '2026-11-02');
        expect(today?.source).toBe('demo');
        // A real summary of today replaces the demo's summary of today, and nothing else.
        const todays = await writeRows(tx, 'daily', [day('2026-11-02')], options);
        expect(todays.demoReplaced.daily).toEqual({ rows: 1, places: ['GB/London'] });
        expect(todays.days).toContainEqual({ place: 'GB/London', date: '2026-11-02' });
        const sources = (await dailySummariesBetween(tx, id, '2026-11-02', '2026-11-02')).map(
          (d) => d.source,
        );
        expect(sources).toEqual(['noaa']);
        expect((await storedObservations(tx, id)).at(-1)?.source).toBe('demo');
        expect(await storedForecastHours(tx, id)).toHaveLength(2);
      });
    },
  );

  it.skipIf(skip)(
    'announces the places a write changed when it commits, and never a rolled-back one',
    async () => {
      const t = await driver.open();
      try {
        const { migrate } = await import('../../store/index.ts');
        await migrate(t.db);
        await loadCatalog(t.db, FIXTURE_PLACES);
        const heard: string[] = [];
        const stop = await t.db.listen(PLACES_CHANNEL, {
          message: (p) => heard.push(p),
          gap: () => {},
        });
        await writeRows(
          t.db,
          'observations',
          [obs('2026-11-02T08:00:00Z', { place: 'FR/Paris' })],
          { ...options, dryRun: true },
        );
        await writeRows(t.db, 'observations', [obs('2026-11-02T08:00:00Z')], options);
        await expect.poll(() => heard, { timeout: 2000 }).toEqual(['["GB/London"]']);
        await stop();
      } finally {
        await t.dispose();
      }
    },
  );
});
