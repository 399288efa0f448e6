import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { migrate } from '../../src/store/index.ts';
import { changeBacklog } from '../../src/store/operations/change-log.ts';
import { drivers, type TestDatabase } from '../support/databases.ts';
import { type FakeCloudflare, startFakeCloudflare } from '../support/fake-cloudflare.ts';
import { FIXTURE_PLACES } from '../support/fixture.ts';
import { closedPort } from '../support/http-origin.ts';
import { exited, type ServeProcess, serveProcess } from '../support/serve-process.ts';
import { issueToken, postObservations } from '../support/tokens.ts';
import { HAVE_VARNISH, startVarnish, type Varnish } from '../support/varnish.ts';

const postgres = drivers[1]!;
const ZONE = '0123456789abcdef0123456789abcdef';
const TOKEN = 'e2e-change-log-cloudflare-token';

// Real processes: an origin killed between a write's commit and the purges that follow it, with
// a real Varnish in front and a fake of Cloudflare's purge API beside it.
describe.skipIf(postgres.skip || !HAVE_VARNISH)('the change log across a crash', () => {
  let t: TestDatabase;
  let cloudflare: FakeCloudflare;
  let varnish: Varnish;
  let origin: ServeProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await postgres.open();
    await migrate(t.db);
    await loadCatalog(t.db, FIXTURE_PLACES);
    cloudflare = await startFakeCloudflare({ zoneId: ZONE, apiToken: TOKEN });
    const port = await closedPort();
    varnish = await startVarnish({ backendPort: port });
    env = {
      PORT: String(port),
      VARNISH_URLS: varnish.base,
      CF_ZONE_ID: ZONE,
      CF_API_TOKEN: TOKEN,
      CF_API_URL: cloudflare.apiUrl,
    };
  }, 60_000);

  afterAll(async () => {
    origin?.child.kill('SIGTERM');
    if (origin) await exited(origin.child);
    await varnish?.stop();
    await cloudflare?.close();
    await t?.dispose();
  });

  /** The place's current condition as Varnish serves it, and whether it came from its cache. */
  const cached = async () => {
    const res = await fetch(`${varnish.base}/GB/London.json`);
    const doc = (await res.json()) as { current: { condition: string } | null };
    return { condition: doc.current?.condition ?? null, edge: res.headers.get('x-isobar-edge') };
  };

  it('lets a restarted origin purge what a killed one committed', { timeout: 90_000 }, async () => {
    origin = await serveProcess(t.dsn, env);
    await cached();
    expect(await cached()).toEqual({ condition: null, edge: 'hit' });
    const token = await issueToken(t.db, 'write');
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    const written = await postObservations(origin.base, token, [
      {
        place: 'GB/London',
        source: 'met',
        observed_at: hour,
        condition: 'fog',
        temperature_c: 4,
      },
    ]);
    // Committed (the answer comes after the commit), then killed before the purges went out.
    expect(written.status).toBe(200);
    origin.child.kill('SIGKILL');
    await exited(origin.child);
    expect(cloudflare.purgedTags()).toEqual([]);
    expect(await cached()).toEqual({ condition: null, edge: 'hit' });
    expect((await changeBacklog(t.db)).count).toBe(1);

    origin = await serveProcess(t.dsn, env);
    await expect
      .poll(async () => (await cached()).condition, { timeout: 10_000, interval: 100 })
      .toBe('fog');
    await expect
      .poll(() => cloudflare.purgedTags(), { timeout: 10_000, interval: 100 })
      .toEqual(['place:GB/London', 'ranking:GB']);
    await expect.poll(async () => (await changeBacklog(t.db)).count).toBe(0);
  });
});
