import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../src/contract/durations.ts';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { startNodeServer } from '../../src/runtime/node.ts';
import { drivers } from '../support/databases.ts';
import { createTestOrigin, FIXTURE_NOW, json } from '../support/fixture.ts';

// An embedded PGlite lives and dies with the process: only a database server can be lost and
// come back while the origin runs, so this runs on Postgres alone.
const postgres = drivers[1]!;

/** Runs SQL as the server's superuser, from its maintenance database. */
async function admin(dsn: string, ...sql: string[]): Promise<void> {
  const url = new URL(dsn);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (const text of sql) await client.query(text);
  } finally {
    await client.end();
  }
}

async function expectUnavailable(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('retry-after')).toBe('5');
  expect(await json(res)).toMatchObject({ code: 'unavailable' });
}

describe.skipIf(postgres.skip)('losing the database server and getting it back', () => {
  it('answers 503 while it is gone, stale copies within stale-if-error, and recovers', async () => {
    const o = await createTestOrigin(postgres);
    const name = new URL(o.t.dsn).pathname.slice(1);
    // The origin as `serve` builds it, on the fixture's database, with a clock the test moves.
    let clock = FIXTURE_NOW;
    const app = createIsobarApp({
      db: o.t.db,
      metrics: createMetrics(),
      now: () => clock,
      log: { error() {} },
    });
    const server = await startNodeServer(app, { host: '127.0.0.1', port: 0 });
    const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);
    try {
      const cached = await get('/GB/London.json');
      expect(cached.status).toBe(200);
      const etag = cached.headers.get('etag');
      const body = await cached.text();

      // Gone: no new connection is let in, and the pool's own are terminated.
      await admin(
        o.t.dsn,
        `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`,
      );
      // The copy of London expired 45 minutes after it was made: it may stand in for a day.
      clock += 46 * MINUTE_MS;
      await expectUnavailable(await get('/FR/Paris.json'));
      const stale = await get('/GB/London.json');
      expect(stale.status).toBe(200);
      expect(stale.headers.get('etag')).toBe(etag);
      expect(stale.headers.get('cdn-cache-control')).toMatch(/max-age=0, .*stale-if-error=86400/);
      expect(await stale.text()).toBe(body);
      // Past its stale-if-error window, it is unavailable like the rest.
      clock += 24 * 60 * MINUTE_MS;
      await expectUnavailable(await get('/GB/London.json'));

      // Back: the same origin answers again, without a restart.
      await admin(o.t.dsn, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      const paris = await get('/FR/Paris.json');
      expect(paris.status).toBe(200);
      expect((await json(paris)).location.path).toBe('/FR/Paris');
      expect((await get('/GB/London.json')).status).toBe(200);
    } finally {
      await server.close();
      await admin(o.t.dsn, `ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await o.t.dispose();
    }
  });
});
