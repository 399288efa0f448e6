import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { type Database, DatabaseError, openDatabase } from '../../src/store/index.ts';
import { drivers, SERVER_URL, serverAdmin } from '../support/databases.ts';
import { createTestOrigin, FIXTURE_NOW, json } from '../support/fixture.ts';

const postgres = drivers[1]!;

const admin = serverAdmin;

/** The app as an origin would build it, on a database opened by the test. */
function appOn(db: Database) {
  return createIsobarApp({
    db,
    metrics: createMetrics(),
    now: () => FIXTURE_NOW,
    log: { error() {} },
  });
}

async function expectUnavailable(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = await json(res);
  expect(body).toMatchObject({ code: 'unavailable', detail: /^the database is not answering/ });
  expect(JSON.stringify(body)).not.toMatch(/role|permission|password|does not exist/);
}

const withUser = (dsn: string, user: string) => {
  const url = new URL(dsn);
  url.username = user;
  return url.toString();
};

// Finding 5: connection-level refusals are unavailability (503 + Retry-After), not our bug (500).
// The server here trusts local connections, so a wrong password (28P01) cannot be provoked; a
// role refused login (28000) is the authentication failure tested.
describe.skipIf(postgres.skip)('connection-level database errors (postgres)', () => {
  it('answers 503 with Retry-After once the database itself is gone (3D000)', async () => {
    const o = await createTestOrigin(postgres);
    try {
      expect((await o.get('/GB/London.json')).status).toBe(200);
      const name = new URL(o.t.dsn).pathname.slice(1);
      await admin(withDatabase(o.t.dsn, 'postgres'), `DROP DATABASE ${name} WITH (FORCE)`);
      await expectUnavailable(await o.get('/FR/Paris.json'));
      expect(await json(await o.get('/healthz'))).toEqual({
        status: 'unavailable',
        database: 'not answering',
      });
      // The pool meets the missing database as the SQLSTATE the mapping relies on.
      const err = await o.t.db.one({ name: 'probe', text: 'SELECT 1' }).catch((e: unknown) => e);
      expect((err as DatabaseError).code).toBe('3D000');
    } finally {
      await o.t.dispose();
    }
  });

  it('answers 503 to a role refused permission (42501) or login (28000)', async () => {
    const o = await createTestOrigin(postgres);
    const role = `isobar_test_role_${randomBytes(4).toString('hex')}`;
    await admin(o.t.dsn, `CREATE ROLE ${role} LOGIN`);
    let db: Database | undefined;
    try {
      // Connected, but not granted the tables.
      db = await openDatabase(withUser(o.t.dsn, role));
      const app = appOn(db);
      const denied = await db
        .one({ name: 'probe', text: 'SELECT 1 FROM locations' })
        .catch((e: unknown) => e);
      expect(denied).toBeInstanceOf(DatabaseError);
      expect((denied as DatabaseError).code).toBe('42501');
      await expectUnavailable(await app.request('/GB/London.json'));

      // Then refused at login: every new connection fails authentication.
      await admin(
        o.t.dsn,
        `ALTER ROLE ${role} NOLOGIN`,
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '${role}'`,
      );
      const refused = await db.one({ name: 'probe', text: 'SELECT 1' }).catch((e: unknown) => e);
      expect((refused as DatabaseError).code).toBe('28000');
      await expectUnavailable(await app.request('/FR/Paris.json'));
    } finally {
      await db?.close();
      await o.t.dispose();
      await admin(withDatabase(o.t.dsn, 'postgres'), `DROP ROLE IF EXISTS ${role}`);
    }
  });

  it('gives up on a server that takes connections and never answers (08006)', async () => {
    // A socket that accepts and stays silent, as a host behind a dead proxy does.
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as AddressInfo;
    const started = Date.now();
    try {
      const err = await openDatabase(
        `postgres://isobar@127.0.0.1:${port}/x?connect_timeout=1`,
      ).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseError);
      expect((err as DatabaseError).code).toBe('08006');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      silent.close();
    }
  });

  it('opens no pool on a database that does not exist, saying so (3D000)', async () => {
    const missing = withDatabase(SERVER_URL, `isobar_missing_${randomBytes(4).toString('hex')}`);
    const err = await openDatabase(missing).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('3D000');
  });
});

function withDatabase(dsn: string, name: string): string {
  const url = new URL(dsn);
  url.pathname = `/${name}`;
  return url.toString();
}
