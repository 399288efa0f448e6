import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/domain/weather/weather.ts';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { seedDemoWeather } from '../../src/ingest/demo/demo-source.ts';
import { applyWrite } from '../../src/ingest/write-path/apply-write.ts';
import { type WriteOutcome, writeRows } from '../../src/ingest/write-path/write-rows.ts';
import { type Queryable, statement } from '../../src/store/index.ts';
import { STAGE_FROM } from '../../src/store/write/staged-observations.ts';
import { drivers, rolledBack, useMigratedDatabase } from '../support/databases.ts';
import { FIXTURE_PLACES } from '../support/fixture.ts';
import { storedObservations } from '../support/stored-rows.ts';

// A write of STAGE_FROM observations or more goes in by COPY, straight into the table where
// nothing is stored in its ranges, else through the stage (a temporary table, then set-wise
// statements): either way it must store, count, derive and replace the demo's data exactly as
// the same rows written in small batches, which bind arrays instead.

const NOW = new Date('2026-11-02T12:00:00Z');
const HOURS = 700; // per place: two places make a batch over STAGE_FROM
const PLACES = [2643743, 2867714]; // London, München

const hour = (i: number) => new Date(NOW.getTime() - (HOURS - i) * 3_600_000).toISOString();
const row = (place: number, i: number, temperature = (i % 37) - 10) => ({
  place: String(place),
  source: 'met',
  observed_at: hour(i),
  condition: ['clear', 'rain', 'fog'][i % 3],
  temperature_c: temperature,
  pressure_hpa: 1000 + (i % 20),
  precipitation_mm: i % 5 === 0 ? 0.4 : 0,
});
const all = PLACES.flatMap((p) => Array.from({ length: HOURS }, (_, i) => row(p, i)));
// Written before: a third of London's hours, half of them as they will be sent again, half not.
const before = Array.from({ length: 240 }, (_, i) => row(PLACES[0]!, i, i % 2 ? -40 : undefined));

// Places by GeoNames id: each scenario loads the catalog afresh, under new row ids.
const observationRows = statement(
  'test_staged_observations',
  `SELECT l.geonames_id, o.source, o.observed_at, o.next_update_at, o.temperature_c,
          o.pressure_pa, o.precipitation_mm, o.condition
     FROM observations o JOIN locations l ON l.id = o.location_id
    ORDER BY l.geonames_id, o.source, o.observed_at`,
);
const dailyRows = statement(
  'test_staged_daily',
  `SELECT (SELECT geonames_id FROM locations WHERE id = location_id), source, to_char(date, 'YYYY-MM-DD') AS date, temperature_min_c,
          temperature_max_c, temperature_mean_c, precipitation_mm, condition, hours, complete
     FROM daily_summaries ORDER BY location_id, source, date`,
);
const rollupRows = statement(
  'test_staged_rollups',
  `SELECT (SELECT geonames_id FROM locations WHERE id = location_id), source, to_char(month, 'YYYY-MM') AS month, days, complete_days,
          mean_count, mean_sum, min_min, max_max, precipitation_sum
     FROM monthly_rollups ORDER BY location_id, source, month`,
);
const readModel = statement(
  'test_staged_reads',
  `SELECT l.geonames_id, r.current::text AS current
     FROM place_reads r JOIN locations l ON l.id = r.location_id ORDER BY l.geonames_id`,
);

/** What a scenario leaves: the rows of every table a write derives, and its outcomes summed. */
async function state(tx: Queryable, outcomes: WriteOutcome[]) {
  const sum = (f: (o: WriteOutcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
  return {
    observations: await tx.all(observationRows),
    daily: await tx.all(dailyRows),
    rollups: await tx.all(rollupRows),
    // The current conditions, without the time the row was received (index 3).
    reads: (await tx.all<{ geonames_id: number; current: string }>(readModel)).map((r) => ({
      ...r,
      current: (JSON.parse(r.current) as unknown[]).filter((_, i) => i !== 3),
    })),
    counts: [sum((o) => o.inserted), sum((o) => o.replaced), sum((o) => o.unchanged)],
    demo: sum((o) => o.demoReplaced.observations.rows),
    places: [...new Set(outcomes.flatMap((o) => o.places))].sort(),
    days: new Set(outcomes.flatMap((o) => o.days.map((d) => `${d.place} ${d.date}`))).size,
  };
}

describe.each(drivers)('a large write of observations on $name', (driver) => {
  const { skip } = driver;
  const statements: string[] = [];
  const db = useMigratedDatabase(driver, { observe: (name) => statements.push(name) });
  const options = { now: NOW, onBadRows: 'all-or-nothing' } as const;

  /** Writes `first`, then `rows` in batches of `size`, over the demo's weather; what is left. */
  const scenario = async (size: number, first: unknown[], rows: unknown[] = all) => {
    let result: Awaited<ReturnType<typeof state>> | undefined;
    let how = 'bound';
    await rolledBack(db().db, async (tx) => {
      await loadCatalog(tx, FIXTURE_PLACES);
      await seedDemoWeather(tx, { places: FIXTURE_PLACES.length, now: NOW, hours: 3 });
      if (first.length > 0) await writeRows(tx, 'observations', first, options);
      statements.length = 0;
      const outcomes: WriteOutcome[] = [];
      for (let i = 0; i < rows.length; i += size) {
        outcomes.push(await writeRows(tx, 'observations', rows.slice(i, i + size), options));
      }
      if (statements.includes('stage_observations_upsert')) how = 'staged';
      if (statements.includes('observations_copy')) how = 'copied';
      result = await state(tx, outcomes);
    });
    return { result: result!, how };
  };

  it.skipIf(skip)('over rows stored before: staged, then as small batches do', async () => {
    expect(all.length).toBeGreaterThanOrEqual(STAGE_FROM);
    const large = await scenario(all.length, before);
    const small = await scenario(STAGE_FROM / 2, before);
    expect(large.how).toBe('staged');
    expect(small.how).toBe('bound');
    expect(large.result).toEqual(small.result);
    // And the scenario exercises what it should: new, replaced and unchanged rows, the demo's
    // current conditions ended, every day summed.
    expect(large.result.counts).toEqual([all.length - 240, 120, 120]);
    expect(large.result.demo).toBeGreaterThan(0);
    expect(large.result.daily.length).toBeGreaterThan(2 * 28);
    expect(large.result.rollups.length).toBeGreaterThanOrEqual(4);
  });

  it.skipIf(skip)(
    'where nothing is stored in its ranges: copied, then as small batches do',
    async () => {
      const large = await scenario(all.length, []);
      const small = await scenario(STAGE_FROM / 2, []);
      expect(large.how).toBe('copied');
      expect(small.how).toBe('bound');
      expect(large.result).toEqual(small.result);
      expect(large.result.counts).toEqual([all.length, 0, 0]);
      expect(large.result.demo).toBeGreaterThan(0);
      expect(large.result.daily.length).toBeGreaterThan(2 * 28);
    },
  );

  // A copied write's days come from its ranges where they are dense, from its rows where not.
  it.skipIf(skip)(
    'copied rows sparse (fewer than their days) and dense with a gap: days as small batches sum',
    async () => {
      const sparse = Array.from({ length: 600 }, (_, i) => row(PLACES[0]!, i)).map((r, i) => ({
        ...r,
        observed_at: new Date(NOW.getTime() - (600 - i) * 50 * 3_600_000).toISOString(),
      }));
      // München's hours with four days missing in the middle.
      const gapped = Array.from({ length: HOURS }, (_, i) => row(PLACES[1]!, i)).filter(
        (_, i) => i < 200 || i >= 296,
      );
      const rows = [...sparse, ...gapped];
      const large = await scenario(rows.length, [], rows);
      const small = await scenario(STAGE_FROM / 2, [], rows);
      expect(large.how).toBe('copied');
      expect(large.result).toEqual(small.result);
      expect(large.result.counts).toEqual([rows.length, 0, 0]);
      // One day for each sparse row (two days apart and more), München's days but the four.
      expect(large.result.daily.length).toBeGreaterThan(600 + 24);
    },
  );

  // writeRows sends its rows in key order and without repeats; another writer of the write path
  // may not, and the stage must then still keep one row per key, the later, and sum every day.
  it.skipIf(skip)('out of key order with a key twice: the later kept, as in order', async () => {
    const geonamesIds = statement(
      'test_staged_ids',
      'SELECT id, geonames_id AS "geonamesId" FROM locations',
    );
    const stored = async (unordered: boolean) => {
      let result: unknown;
      await rolledBack(db().db, async (tx) => {
        await loadCatalog(tx, FIXTURE_PLACES);
        const ids = new Map(
          (await tx.all<{ id: number; geonamesId: number }>(geonamesIds)).map((r) => [
            r.geonamesId,
            r.id,
          ]),
        );
        const observation = (r: ReturnType<typeof row>): Observation => ({
          locationId: ids.get(Number(r.place))!,
          source: r.source,
          observedAt: new Date(r.observed_at),
          nextUpdateAt: new Date(Date.parse(r.observed_at) + 3_600_000),
          condition: r.condition as Observation['condition'],
          temperatureC: r.temperature_c,
          apparentTemperatureC: null,
          humidityPct: null,
          pressurePa: r.pressure_hpa * 100,
          windSpeedMs: null,
          windGustMs: null,
          windDirectionDeg: null,
          precipitationMm: r.precipitation_mm,
          cloudCoverPct: null,
          visibilityM: null,
        });
        // The places' hours interleaved from the last, and London's hour 3 again, changed.
        const rows = unordered
          ? [...all.map(observation).reverse(), observation(row(PLACES[0]!, 3, 30))]
          : [...all.filter((r) => r !== all[3]), row(PLACES[0]!, 3, 30)].map(observation);
        if (unordered) rows.sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime());
        const applied = await applyWrite(
          tx,
          { observations: rows },
          { now: NOW, reason: 'import' },
        );
        result = {
          inserted: applied.inserted,
          observations: await tx.all(observationRows),
          daily: await tx.all(dailyRows),
          rollups: await tx.all(rollupRows),
        };
      });
      return result as { inserted: number; observations: { temperature_c: number }[] };
    };
    const unordered = await stored(true);
    expect(unordered.inserted).toBe(all.length);
    expect(unordered.observations[3]).toMatchObject({ temperature_c: 30 });
    expect(unordered).toEqual(await stored(false));
  });

  it.skipIf(skip)('refuses a whole large batch with one bad row, and stores nothing', async () => {
    await rolledBack(db().db, async (tx) => {
      await loadCatalog(tx, FIXTURE_PLACES);
      const bad = [...all.slice(0, STAGE_FROM), { ...row(PLACES[0]!, 5), temperature_c: 999 }];
      const outcome = await writeRows(tx, 'observations', bad, options);
      expect(outcome).toMatchObject({ inserted: 0, rejected: 1 });
      expect(await storedObservations(tx)).toEqual([]);
    });
  });
});

const waiting = statement(
  'test_staged_waiting',
  `SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock'`,
);

// Two writers of the same rows at once, on a server: the second finds the ranges empty (the
// first has not committed), copies, waits on the first's keys, and when the first commits must
// go through the stage instead of failing on their unique index.
describe.each(drivers.filter((d) => d.name === 'postgres'))(
  'two large writes of the same rows at once on $name',
  (driver) => {
    const db = useMigratedDatabase(driver);

    it.skipIf(driver.skip)('the second counts them unchanged, and nothing fails', async () => {
      const { db: handle } = db();
      await loadCatalog(handle, FIXTURE_PLACES);
      const options = { now: NOW, onBadRows: 'all-or-nothing' } as const;
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let wrote = () => {};
      const written = new Promise<void>((resolve) => {
        wrote = resolve;
      });
      const first = handle.transaction(async (tx) => {
        const outcome = await writeRows(tx, 'observations', all, options);
        wrote();
        await held;
        return outcome;
      });
      await written;
      const second = writeRows(handle, 'observations', all, options);
      // Until the second writer waits on the first's uncommitted keys.
      while ((await handle.one<{ n: number }>(waiting))!.n === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      release();
      expect(await first).toMatchObject({ inserted: all.length, replaced: 0 });
      expect(await second).toMatchObject({ inserted: 0, replaced: 0, unchanged: all.length });
      expect(await storedObservations(handle)).toHaveLength(all.length);
    });
  },
);
