import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURGE_PATH } from '../../src/contract/purge-request.ts';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { migrate } from '../../src/store/index.ts';
import { changeBacklog } from '../../src/store/operations/change-log.ts';
import { drivers, type TestDatabase } from '../support/databases.ts';
import { type FakeUpstream, startFakeUpstream } from '../support/fake-upstream.ts';
import { FIXTURE_PLACES } from '../support/fixture.ts';
import { exited, type ServeProcess, serveProcess } from '../support/serve-process.ts';
import { issueToken } from '../support/tokens.ts';

const postgres = drivers[1]!;
const PURGE_SECRET = 'e2e-change-log-secret';

// Real processes: an origin killed between a write's commit and the purge that follows it.
describe.skipIf(postgres.skip)('the change log across a crash', () => {
  let t: TestDatabase;
  let edge: FakeUpstream;
  /** What the edge was asked to purge, request by request. */
  const purged = () =>
    edge.requests
      .filter((r) => r.url.pathname === PURGE_PATH)
      .map((r) => (JSON.parse(r.body) as { places: string[] }).places);
  let origin: ServeProcess | undefined;

  beforeAll(async () => {
    t = await postgres.open();
    await migrate(t.db);
    await loadCatalog(t.db, FIXTURE_PLACES);
    // The edge's purge endpoint, taking every purge.
    edge = await startFakeUpstream('');
    edge.answer(() => ({ status: 200, body: { purged: 1, keys: 1 } }));
  }, 60_000);

  afterAll(async () => {
    origin?.child.kill('SIGTERM');
    if (origin) await exited(origin.child);
    await edge?.close();
    await t?.dispose();
  });

  it('lets a restarted origin purge what a killed one committed', { timeout: 90_000 }, async () => {
    origin = await serveProcess(t.dsn, { EDGE_URL: edge.url, PURGE_SECRET });
    const token = await issueToken(t.db, 'write');
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    const written = await fetch(`${origin.base}/v1/observations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          place: 'GB/London',
          source: 'met',
          observed_at: hour,
          condition: 'fog',
          temperature_c: 4,
        },
      ]),
    });
    // Committed (the answer comes after the commit), then killed before the purge went out.
    expect(written.status).toBe(200);
    origin.child.kill('SIGKILL');
    await exited(origin.child);
    expect(purged()).toEqual([]);
    expect((await changeBacklog(t.db)).count).toBe(1);

    origin = await serveProcess(t.dsn, { EDGE_URL: edge.url, PURGE_SECRET });
    await expect.poll(purged, { timeout: 10_000, interval: 100 }).toEqual([['GB/London']]);
    await expect.poll(async () => (await changeBacklog(t.db)).count).toBe(0);
  });
});
