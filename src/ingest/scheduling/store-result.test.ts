import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import { FIXTURE_PLACES } from '../../../test/support/fixture.ts';
import { hourlyAnswer } from '../../../test/support/hourly-provider.ts';
import { statement } from '../../store/database.ts';
import { loadCatalog } from '../catalog/catalog-load.ts';
import type { FetchResult } from '../providers/provider.ts';
import { ProviderError } from '../providers/provider-http.ts';
import { storeAnswers } from './store-result.ts';

const NOW = new Date('2026-12-07T10:20:00Z');
const changes = statement(
  'test_store_answers_changes',
  'SELECT reason, places FROM change_log ORDER BY id',
);
const rowCounts = statement(
  'test_store_answers_rows',
  `SELECT (SELECT count(*) FROM observations)::int AS observations,
          (SELECT count(*) FROM forecast_hours)::int AS forecasts`,
);
type Updated = Extract<FetchResult, { status: 'updated' }>;

describe.each(drivers)("a batch request's answers stored on $name", (driver) => {
  const t = useMigratedDatabase(driver);
  const places = FIXTURE_PLACES.slice(0, 2);
  const answers = () => places.map((p) => hourlyAnswer('om-test', p.geonamesId, NOW) as Updated);

  it.skipIf(driver.skip)(
    'in one write: observations and forecast hours together, one change for every place',
    async () => {
      await rolledBack(t().db, async (tx) => {
        await loadCatalog(tx, places);
        const stored = await storeAnswers(tx, answers(), NOW);
        expect(stored.batches.map((b) => [b.kind, b.bySource[0]?.inserted])).toEqual([
          ['observations', 2],
          ['forecasts', 6],
        ]);
        expect(await tx.one(rowCounts)).toEqual({ observations: 2, forecasts: 6 });
        const logged = await tx.all<{ reason: string; places: string[] }>(changes);
        expect(logged).toHaveLength(1);
        expect(logged[0]!.reason).toBe('provider');
        expect([...logged[0]!.places].sort()).toEqual(['CA/London', 'GB/London']);
      });
    },
  );

  it.skipIf(driver.skip)(
    'all or nothing: a bad forecast hour keeps every observation out too, and is named',
    async () => {
      await rolledBack(t().db, async (tx) => {
        await loadCatalog(tx, places);
        const [good, bad] = answers();
        bad!.forecasts[1] = { ...bad!.forecasts[1], temperature_c: 900 };
        const refused = await storeAnswers(tx, [good!, bad!], NOW).catch((err: unknown) => err);
        expect(refused).toBeInstanceOf(ProviderError);
        expect((refused as ProviderError).outcome).toBe('malformed');
        expect((refused as Error).message).toMatch(/^forecast hour 4: temperature/);
        expect(await tx.one(rowCounts)).toEqual({ observations: 0, forecasts: 0 });
        expect(await tx.all(changes)).toEqual([]);
      });
    },
  );
});
