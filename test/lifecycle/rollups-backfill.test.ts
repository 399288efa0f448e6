import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, type Queryable, statement } from '../../src/store/index.ts';
import { MIGRATIONS_DIR, readMigrations } from '../../src/store/schema-status.ts';
import { refreshMonthlyRollups } from '../../src/store/write/rollups.ts';
import { type DriverCase, drivers, type TestDatabase } from '../support/databases.ts';

// Migration 0006 fills monthly_rollups from the daily summaries a database already holds. A
// database is migrated to just before it, given daily rows, then migrated the rest of the way;
// the rollups it ends with are checked against a plain reduction of the same rows, and against
// what the write path's refresh computes from them.

const BEFORE = '0006_monthly_rollups';

/** A copy of migrations/ whose journal keeps only the entries `keep` accepts. */
async function migrationsWhere(
  parent: string,
  name: string,
  keep: (tag: string, index: number) => boolean,
): Promise<string> {
  const dir = join(parent, name);
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  const path = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(path, 'utf8'));
  journal.entries = journal.entries.filter((e: { tag: string }, i: number) => keep(e.tag, i));
  await writeFile(path, JSON.stringify(journal));
  return dir;
}

/** Where BEFORE stands among this version's migrations. */
const BEFORE_INDEX = readMigrations().findIndex((m) => m.tag === BEFORE);

interface Day {
  place: 'a' | 'b';
  source: string;
  date: string;
  min: number | null;
  max: number | null;
  mean: number | null;
  precipitation: number | null;
  complete: boolean;
  receivedAt: string;
}

// Values are multiples of 1/4, exact in `real` and in any order of summation, so the reduction
// below can be compared with `toEqual`. Month ends and starts, all-NULL days, incomplete days.
const DAYS: Day[] = [
  {
    place: 'a',
    source: 'station',
    date: '2026-01-01',
    min: -2.5,
    max: 4.25,
    mean: 1,
    precipitation: 0,
    complete: true,
    receivedAt: '2026-01-02T00:10:00Z',
  },
  {
    place: 'a',
    source: 'station',
    date: '2026-01-02',
    min: -4,
    max: 3.5,
    mean: -0.25,
    precipitation: 2.75,
    complete: true,
    receivedAt: '2026-01-03T00:10:00Z',
  },
  {
    place: 'a',
    source: 'station',
    date: '2026-01-31',
    min: null,
    max: 6,
    mean: null,
    precipitation: null,
    complete: false,
    receivedAt: '2026-01-31T09:00:00Z',
  },
  {
    place: 'a',
    source: 'station',
    date: '2026-02-01',
    min: 1.75,
    max: 8.5,
    mean: 5.25,
    precipitation: 12.5,
    complete: false,
    receivedAt: '2026-02-01T18:00:00Z',
  },
  {
    place: 'a',
    source: 'station',
    date: '2026-02-28',
    min: 0.5,
    max: 9,
    mean: 4.75,
    precipitation: 0.25,
    complete: true,
    receivedAt: '2026-03-01T00:05:00Z',
  },
  {
    place: 'a',
    source: 'demo',
    date: '2026-01-15',
    min: -1,
    max: 2,
    mean: 0.5,
    precipitation: null,
    complete: true,
    receivedAt: '2026-01-16T00:00:00Z',
  },
  {
    place: 'b',
    source: 'station',
    date: '2026-01-10',
    min: 20.5,
    max: 31.25,
    mean: 25.75,
    precipitation: 0,
    complete: true,
    receivedAt: '2026-01-11T00:00:00Z',
  },
  {
    place: 'b',
    source: 'station',
    date: '2026-01-11',
    min: null,
    max: null,
    mean: null,
    precipitation: null,
    complete: false,
    receivedAt: '2026-01-11T12:00:00Z',
  },
  {
    place: 'b',
    source: 'station',
    date: '2026-02-03',
    min: null,
    max: null,
    mean: null,
    precipitation: null,
    complete: false,
    receivedAt: '2026-02-03T06:00:00Z',
  },
];

interface Rollup {
  place: string;
  source: string;
  month: string;
  days: number;
  complete_days: number;
  mean_count: number;
  mean_sum: number;
  mean_sum_sq: number;
  min_count: number;
  min_sum: number;
  min_min: number | null;
  max_count: number;
  max_sum: number;
  max_max: number | null;
  precipitation_count: number;
  precipitation_sum: number;
  precipitation_max: number | null;
  received_at: number;
}

const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const extreme = (values: number[], pick: (...v: number[]) => number) =>
  values.length ? pick(...values) : null;

/** The rollups of DAYS worked out by hand: one per (place, source, month). */
function expectedRollups(): Rollup[] {
  const groups = new Map<string, Day[]>();
  for (const d of DAYS) {
    const key = `${d.place}|${d.source}|${d.date.slice(0, 7)}-01`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups].map(([key, days]) => {
    const [place, source, month] = key.split('|') as [string, string, string];
    const means = present(days.map((d) => d.mean));
    const mins = present(days.map((d) => d.min));
    const maxs = present(days.map((d) => d.max));
    const rain = present(days.map((d) => d.precipitation));
    return {
      place,
      source,
      month,
      days: days.length,
      complete_days: days.filter((d) => d.complete).length,
      mean_count: means.length,
      mean_sum: sum(means),
      mean_sum_sq: sum(means.map((m) => m * m)),
      min_count: mins.length,
      min_sum: sum(mins),
      min_min: extreme(mins, Math.min),
      max_count: maxs.length,
      max_sum: sum(maxs),
      max_max: extreme(maxs, Math.max),
      precipitation_count: rain.length,
      precipitation_sum: sum(rain),
      precipitation_max: extreme(rain, Math.max),
      received_at: Math.max(...days.map((d) => Date.parse(d.receivedAt))) / 1000,
    };
  });
}

const insertPlace = statement(
  'test_backfill_place',
  `INSERT INTO locations (geonames_id, country_code, country_name, name, slug, slug_key,
     search_key, latitude, longitude, timezone)
   VALUES ($1, 'ZZ', 'Testland', $2, $2, lower($2), lower($2), 0, 0, 'UTC') RETURNING id`,
);
const insertDay = statement(
  'test_backfill_day',
  `INSERT INTO daily_summaries (location_id, source, date, temperature_min_c,
     temperature_max_c, temperature_mean_c, precipitation_mm, complete, received_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);
// Dates and times as text and epoch seconds: the two drivers parse neither the same way.
const readRollups = statement(
  'test_backfill_rollups',
  `SELECT l.slug AS place, r.source, r.month::text AS month, r.days, r.complete_days,
          r.mean_count, r.mean_sum, r.mean_sum_sq, r.min_count, r.min_sum, r.min_min,
          r.max_count, r.max_sum, r.max_max, r.precipitation_count, r.precipitation_sum,
          r.precipitation_max, extract(epoch FROM r.received_at)::float8 AS received_at
     FROM monthly_rollups r JOIN locations l ON l.id = r.location_id
    ORDER BY l.slug, r.source, r.month`,
);

const sorted = (rows: Rollup[]) =>
  [...rows].sort((x, y) =>
    `${x.place}|${x.source}|${x.month}`.localeCompare(`${y.place}|${y.source}|${y.month}`),
  );

async function writeDays(db: Queryable): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [i, place] of ['a', 'b'].entries()) {
    const row = await db.one<{ id: number }>(insertPlace, [990_000 + i, place]);
    ids.set(place, row!.id);
  }
  for (const d of DAYS) {
    await db.run(insertDay, [
      ids.get(d.place),
      d.source,
      d.date,
      d.min,
      d.max,
      d.mean,
      d.precipitation,
      d.complete,
      d.receivedAt,
    ]);
  }
  return ids;
}

describe.each(drivers)(
  'the monthly rollups backfill of migration 0006 on $name',
  (driver: DriverCase) => {
    let parent: string;
    let t: TestDatabase | undefined;
    let ids: Map<string, number>;
    let pending: number;

    beforeAll(async () => {
      if (driver.skip) return;
      parent = await mkdtemp(join(tmpdir(), 'isobar-backfill-'));
      t = await driver.open();
      expect(BEFORE_INDEX).toBeGreaterThan(0);
      const before = await migrationsWhere(parent, 'before', (_, i) => i < BEFORE_INDEX);
      expect(await migrate(t.db, before)).toBe(BEFORE_INDEX);
      ids = await writeDays(t.db);
      pending = await migrate(t.db);
    }, 60_000);
    afterAll(async () => {
      await t?.dispose();
      if (parent) await rm(parent, { recursive: true, force: true });
    });

    it.skipIf(driver.skip)('applies 0006 and what follows it to the database', () => {
      expect(pending).toBe(readMigrations().length - BEFORE_INDEX);
    });

    it.skipIf(driver.skip)(
      'fills one rollup per place, source and month, as a plain reduction of the days',
      async () => {
        const rows = await t!.db.all<Rollup>(readRollups);
        const expected = expectedRollups();
        expect(expected).toHaveLength(5);
        expect(sorted(rows)).toEqual(sorted(expected));
      },
    );

    it.skipIf(driver.skip)(
      'fills the rollups the write path would have made from the same days',
      async () => {
        const backfilled = await t!.db.all<Rollup>(readRollups);
        // Recomputed in a transaction rolled back afterwards, so the other test sees the backfill.
        const refreshed = await t!.db
          .transaction(async (tx) => {
            await tx.run(statement('test_backfill_clear', 'DELETE FROM monthly_rollups'));
            const result = await refreshMonthlyRollups(
              tx,
              DAYS.map((d) => ({ locationId: ids.get(d.place)!, source: d.source, date: d.date })),
            );
            expect(result).toEqual({ written: 5, deleted: 0 });
            throw new RolledBack(await tx.all<Rollup>(readRollups));
          })
          .catch((err) => {
            if (err instanceof RolledBack) return err.rows;
            throw err;
          });
        expect(refreshed).toEqual(backfilled);
        expect(await t!.db.all<Rollup>(readRollups)).toEqual(backfilled);
      },
    );

    it.skipIf(driver.skip)(
      'skips the backfill where daily_summaries is not there yet (0001 applied after 0006)',
      async () => {
        const early = await driver.open();
        try {
          const first = readMigrations()[0]!.tag;
          const dir = await migrationsWhere(
            parent,
            'early',
            (tag) => tag === first || tag === BEFORE,
          );
          expect(await migrate(early.db, dir)).toBe(2);
          const rollups = statement(
            'test_backfill_count',
            'SELECT count(*)::int AS n FROM monthly_rollups',
          );
          expect(await early.db.one<{ n: number }>(rollups)).toEqual({ n: 0 });
          // The rest, 0001 among them, still applies on top.
          expect(await migrate(early.db)).toBe(readMigrations().length - 2);
          expect(await early.db.one<{ n: number }>(rollups)).toEqual({ n: 0 });
        } finally {
          await early.dispose();
        }
      },
    );
  },
);

class RolledBack extends Error {
  readonly rows: Rollup[];
  constructor(rows: Rollup[]) {
    super('rolled back on purpose');
    this.rows = rows;
  }
}
