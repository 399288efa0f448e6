import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { createTestOrigin, json } from '../support/fixture.ts';

const [pglite, postgres] = drivers;

describe('when the database fails', () => {
  it.skipIf(postgres!.skip)(
    'answers 503 problems that are never cached when the server refuses connections',
    async () => {
      const o = await createTestOrigin(postgres!);
      try {
        expect((await o.get('/GB/London.json')).status).toBe(200);
        // Cut the origin off: the server refuses new connections and ends the open ones.
        const name = new URL(o.t.dsn).pathname.slice(1);
        const admin = new pg.Client({ connectionString: o.t.dsn.replace(/\/[^/]+$/, '/postgres') });
        await admin.connect();
        await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        await admin.end();
        // A place never read before needs the database: a clean, uncached 503.
        const res = await o.get('/FR/Paris.json');
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.headers.get('cache-control')).toBe('no-store');
        const body = await json(res);
        expect(body.detail).toBe('the database is not answering; try again shortly');
        expect(body.request_id).toBe(res.headers.get('x-request-id'));
        expect((await o.get('/healthz')).status).toBe(503);
        // One already rendered is still served from the micro-cache.
        expect((await o.get('/GB/London.json')).status).toBe(200);
      } finally {
        await o.t.dispose();
      }
    },
  );

  it('answers 500 without internal detail when something unexpected breaks', async () => {
    const o = await createTestOrigin(pglite!);
    await o.t.db.close();
    const res = await o.get('/DE/Munchen.json');
    expect(res.status).toBe(500);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await json(res);
    expect(body.code).toBe('internal');
    expect(body.detail).toMatch(/^something went wrong; quote request id \S+ when reporting it$/);
    expect(JSON.stringify(body)).not.toMatch(/closed|PGlite|stack/i);
    expect((await o.get('/healthz')).status).toBe(503);
  });
});
