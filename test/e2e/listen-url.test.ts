import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { startServingFixture } from '../support/serving-fixture.ts';

const postgres = drivers.find((d) => d.name === 'postgres')!;

/** The DSN with an application_name, or naming another database of the same server. */
function listenUrl(dsn: string, o: { name?: string; database?: string }): string {
  const url = new URL(dsn);
  if (o.name) url.searchParams.set('application_name', o.name);
  if (o.database) url.pathname = `/${o.database}`;
  return url.toString();
}

describe.skipIf(postgres.skip)('isobar serve on postgres: DATABASE_LISTEN_URL', () => {
  it('listens there, and drops a place’s answers when a change to it is announced', async () => {
    const name = `isobar_listen_${randomBytes(4).toString('hex')}`;
    let dsn = '';
    const o = await startServingFixture(postgres, (made) => {
      dsn = made;
      return { DATABASE_LISTEN_URL: listenUrl(made, { name }) };
    });
    const admin = new pg.Client({ connectionString: dsn });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`,
        [name],
      );
      expect(rows).toHaveLength(1);
      expect((await fetch(`${o.base}/GB/London.json`)).status).toBe(200);
      expect((await fetch(`${o.base}/FR/Paris.json`)).status).toBe(200);
      const cached = o.serving.app.cache.size;
      await admin.query(`SELECT pg_notify('isobar_places', '["GB/London"]')`);
      await expect.poll(() => o.serving.app.cache.size).toBe(cached - 1);
    } finally {
      await admin.end();
      await o.dispose();
    }
  });

  it('refuses to start where the listening connection cannot hear the pool, naming it', async () => {
    // Another database of the same server: its notifications never cross, as behind PgBouncer
    // in transaction mode they vanish.
    const failure = await startServingFixture(postgres, (made) => ({
      DATABASE_LISTEN_URL: listenUrl(made, { database: 'postgres' }),
    })).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'StoreRefusal' });
    expect(String(failure)).toMatch(
      /did not reach the listening connection \(DATABASE_LISTEN_URL\).*session mode/,
    );
  });
});
