import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import { FIXTURE_PLACES } from '../../../test/support/fixture.ts';
import { loadCatalog } from '../../ingest/catalog/catalog-load.ts';
import { statement } from '../database.ts';
import { claimPlaces, type ScheduleUpdate, saveSchedules } from './provider-places.ts';

const at = (iso: string) => new Date(iso);
const locationIds = statement('test_location_ids', 'SELECT id FROM locations ORDER BY id');

describe.each(drivers)('a batch of schedules saved at once on $name', (driver) => {
  const t = useMigratedDatabase(driver);

  it.skipIf(driver.skip)(
    'keeps each place its own outcome, and a failure keeps the last success',
    async () => {
      await rolledBack(t().db, async (tx) => {
        await loadCatalog(tx, FIXTURE_PLACES.slice(0, 3));
        const ids = await tx.column<number>(locationIds);
        const success = (locationId: number, when: string): ScheduleUpdate => ({
          locationId,
          nextFetchAt: at('2026-12-07T11:00:00Z'),
          expiresAt: at('2026-12-07T10:30:00Z'),
          lastModified: 'Mon, 07 Dec 2026 10:00:00 GMT',
          failures: 0,
          attemptAt: at(when),
          successAt: at(when),
          error: null,
        });
        await saveSchedules(
          tx,
          'open-meteo',
          ids.map((id) => success(id, '2026-12-07T10:05:00Z')),
        );
        // The next batch: the first place fails, the others succeed again.
        await saveSchedules(tx, 'open-meteo', [
          {
            locationId: ids[0]!,
            nextFetchAt: at('2026-12-07T11:15:00Z'),
            expiresAt: at('2026-12-07T10:30:00Z'),
            lastModified: null,
            failures: 1,
            attemptAt: at('2026-12-07T11:00:00Z'),
            successAt: null,
            error: 'upstream answered 503',
          },
          ...ids.slice(1).map((id) => success(id, '2026-12-07T11:00:00Z')),
        ]);
        const rows = await tx.all<{
          id: number;
          next: Date;
          success: Date;
          failures: number;
          error: string | null;
          modified: string | null;
        }>(
          statement(
            'test_provider_places_saved',
            `SELECT location_id AS id, next_fetch_at AS next, last_success_at AS success,
                        failures, last_error AS error, last_modified AS modified
                   FROM provider_places WHERE provider = 'open-meteo' ORDER BY location_id`,
          ),
        );
        expect(rows.map((r) => [r.id, r.failures, r.error, r.modified])).toEqual([
          [ids[0], 1, 'upstream answered 503', null],
          [ids[1], 0, null, 'Mon, 07 Dec 2026 10:00:00 GMT'],
          [ids[2], 0, null, 'Mon, 07 Dec 2026 10:00:00 GMT'],
        ]);
        expect(rows.map((r) => r.success.toISOString())).toEqual([
          '2026-12-07T10:05:00.000Z',
          '2026-12-07T11:00:00.000Z',
          '2026-12-07T11:00:00.000Z',
        ]);
        expect(rows[0]!.next.toISOString()).toBe('2026-12-07T11:15:00.000Z');
        // Each place is due again at its own next fetch: the failed one later than the others.
        const claimed = await claimPlaces(
          tx,
          'open-meteo',
          ids,
          at('2026-12-07T11:05:00Z'),
          at('2026-12-07T11:07:00Z'),
        );
        expect(claimed.map((c) => c.place.id).sort((a, b) => a - b)).toEqual(ids.slice(1));
      });
    },
  );
});
