import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { drivers } from '../../../test/support/databases.ts';
import { FIXTURE_PLACES } from '../../../test/support/fixture.ts';
import { loadCatalog } from '../../ingest/catalog/catalog-load.ts';
import { writeRows } from '../../ingest/write-path/write-rows.ts';
import { migrate } from '../../store/index.ts';
import { followChanges } from './follow-changes.ts';
import { createMicroCache } from './micro-cache.ts';

const entry = (tag: string) => ({ expiresAt: Date.now() + 60_000, size: 10, tags: [tag] });

describe.each(drivers)('following changes on $name', (driver) => {
  it.skipIf(driver.skip)(
    'drops the cached answers of the places a committed write changed',
    async () => {
      const t = await driver.open();
      try {
        await migrate(t.db);
        await loadCatalog(t.db, FIXTURE_PLACES);
        const cache = createMicroCache<ReturnType<typeof entry>>({ maxBytes: 10_000 });
        const events: string[] = [];
        const stop = await followChanges(t.db, cache, { count: (e) => events.push(e) });
        await cache.get('/GB/London.json', async () => entry('place:GB/London'));
        await cache.get('/GB/London', async () => entry('place:GB/London'));
        await cache.get('/FR/Paris.json', async () => entry('place:FR/Paris'));
        const row = {
          place: 'GB/London',
          source: 'met',
          observed_at: '2026-11-02T08:00:00Z',
          condition: 'fog',
        };
        await writeRows(t.db, 'observations', [row], {
          now: new Date('2026-11-02T09:00:00Z'),
          onBadRows: 'all-or-nothing',
        });
        await expect.poll(() => cache.size, { timeout: 2000 }).toBe(1);
        expect(events).toEqual(['places']);
        // A message it cannot read could name anything: everything goes.
        await cache.get('/GB/London.json', async () => entry('place:GB/London'));
        await t.db.one({
          name: 'test_bad_notify',
          text: "SELECT pg_notify('isobar_places', 'not json') AS x",
        });
        await expect.poll(() => cache.size, { timeout: 2000 }).toBe(0);
        await stop();
      } finally {
        await t.dispose();
      }
    },
  );

  it.skipIf(driver.name !== 'postgres' || driver.skip)(
    'clears the whole cache after losing its listening connection, and listens again',
    async () => {
      const t = await driver.open();
      try {
        await migrate(t.db);
        const cache = createMicroCache<ReturnType<typeof entry>>({ maxBytes: 10_000 });
        const events: string[] = [];
        const stop = await followChanges(t.db, cache, { count: (e) => events.push(e) });
        await cache.get('/FR/Paris.json', async () => entry('place:FR/Paris'));
        // The server ends the listener's session, as a restart or a failover would.
        const admin = new pg.Client({ connectionString: t.dsn });
        await admin.connect();
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
        );
        await expect.poll(() => events, { timeout: 5000 }).toEqual(['gap']);
        expect(cache.size).toBe(0);
        // Listening again: a notification reaches the cache.
        await cache.get('/FR/Paris.json', async () => entry('place:FR/Paris'));
        await admin.query(`SELECT pg_notify('isobar_places', '["FR/Paris"]')`);
        await expect.poll(() => cache.size, { timeout: 2000 }).toBe(0);
        await admin.end();
        await stop();
      } finally {
        await t.dispose();
      }
    },
  );
});
