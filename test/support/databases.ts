import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { type Database, migrate, openDatabase, type Queryable } from '../../src/store/index.ts';
import { createServerDatabase, SERVER_URL, serverAdmin } from './server-database.ts';

/**
 * The Postgres server store tests run against as well as PGlite. `.ci/run` sets
 * ISOBAR_REQUIRE_PG=1 so that a missing server fails CI instead of skipping.
 */
export { SERVER_URL, serverAdmin };

async function serverUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** `npm run test:unit` runs the store tests on PGlite alone. */
const pgliteOnly = process.env.ISOBAR_PGLITE_ONLY === '1';
const up = !pgliteOnly && (await serverUp());
if (!up && !pgliteOnly && process.env.ISOBAR_REQUIRE_PG === '1') {
  throw new Error(`ISOBAR_REQUIRE_PG=1 but no Postgres answers at ${SERVER_URL}`);
}
if (!up && !pgliteOnly)
  console.warn(
    `[isobar tests] no Postgres at ${SERVER_URL}: the postgres variants of store tests are skipped`,
  );

export interface DriverCase {
  name: 'pglite' | 'postgres';
  skip: boolean;
  /** Opens an empty database of its own (a fresh PGlite, or a new database on the server). */
  open(options?: Parameters<typeof openDatabase>[1]): Promise<TestDatabase>;
}

export interface TestDatabase {
  db: Database;
  dsn: string;
  /** Closes the handle and, on the server, drops the database. */
  dispose(): Promise<void>;
}

/** Both drivers, for `describe.each(drivers)`: store tests run once on each. */
export const drivers: DriverCase[] = [
  {
    name: 'pglite',
    skip: false,
    async open(options) {
      // A copy of the run's empty database (test/support/pglite-template.ts), on disk: far
      // quicker than a new one in memory, and as much this file's own.
      const dir = mkdtempSync(join(tmpdir(), 'isobar-test-pglite-'));
      const dsn = `pglite:${join(dir, 'data')}`;
      cpSync(inject('pgliteTemplate'), join(dir, 'data'), { recursive: true });
      const db = await openDatabase(dsn, options);
      return {
        db,
        dsn,
        async dispose() {
          try {
            await db.close();
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: !up,
    async open(options) {
      // Each test file gets a database of its own: no shared rows, nothing left behind.
      const server = await createServerDatabase('isobar_test');
      const db = await openDatabase(server.url, options);
      return {
        db,
        dsn: server.url,
        // Dropped even when closing fails (a test that closed it already): nothing left behind.
        async dispose() {
          try {
            await db.close();
          } finally {
            await server.drop();
          }
        },
      };
    },
  },
];

/**
 * A migrated database of its own for one `describe` block: opened before its tests, dropped
 * after them. Returns a getter, valid inside the tests.
 */
export function useMigratedDatabase(
  driver: DriverCase,
  options?: Parameters<typeof openDatabase>[1],
): () => TestDatabase {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    if (driver.skip) return;
    t = await driver.open(options);
    await migrate(t.db);
  });
  afterAll(() => t?.dispose());
  return () => t!;
}

class Rollback extends Error {}

/** Runs fn in a transaction that is always rolled back, so tests on one database share no rows. */
export async function rolledBack(
  db: Queryable,
  fn: (tx: Queryable) => Promise<void>,
): Promise<void> {
  await db
    .transaction(async (tx) => {
      await fn(tx);
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
}
