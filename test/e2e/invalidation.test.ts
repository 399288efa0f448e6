import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { writeRows } from '../../src/ingest/write-path/write-rows.ts';
import { migrate } from '../../src/store/index.ts';
import { drivers, type TestDatabase } from '../support/databases.ts';
import { FIXTURE_PLACES, json } from '../support/fixture.ts';
import { type ServeProcess, serveProcess } from '../support/serve-process.ts';

const postgres = drivers[1]!;
// Real processes: the origin below shares only the database with this test, which writes.
describe.skipIf(postgres.skip)('invalidation across origin processes on one Postgres', () => {
  let t: TestDatabase;
  let origin: ServeProcess;

  beforeAll(async () => {
    t = await postgres.open();
    await migrate(t.db);
    await loadCatalog(t.db, FIXTURE_PLACES);
    origin = await serveProcess(t.dsn);
  }, 60_000);

  afterAll(async () => {
    origin?.child.kill('SIGTERM');
    await new Promise((resolve) => origin?.child.once('exit', resolve));
    await t?.dispose();
  });

  const dbQueries = async () => {
    const text = await (await fetch(`${origin.base}/metrics`)).text();
    return [...text.matchAll(/^isobar_db_queries_total\{[^}]*\} (\d+)/gm)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
  };

  it('drops a cached place within a second of a write committed by another process', async () => {
    const url = `${origin.base}/GB/London.json`;
    expect((await json(await fetch(url))).current).toBeNull();
    const before = await dbQueries();
    expect((await json(await fetch(url))).current).toBeNull();
    expect(await dbQueries()).toBe(before); // served from its micro-cache

    const observedAt = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    const row = {
      place: 'GB/London',
      source: 'met',
      observed_at: observedAt,
      condition: 'fog',
      temperature_c: 4.5,
    };
    const written = await writeRows(t.db, 'observations', [row], {
      now: new Date(),
      onBadRows: 'all-or-nothing',
    });
    expect(written.inserted).toBe(1);
    await expect
      .poll(async () => (await json(await fetch(url))).current?.source, {
        timeout: 1000,
        interval: 50,
      })
      .toBe('met');
    expect((await json(await fetch(url))).current).toMatchObject({
      temperature: 4.5,
      condition: 'fog',
    });
  });
});
