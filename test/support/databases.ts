import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { type Database, migrate, openDatabase, type Queryable } from '../../src/store/index.ts';

/**
 * The Postgres server store tests run against as well as PGlite. `.ci/run` sets
 * ISOBAR_REQUIRE_PG=1 so that a missing server fails CI instead of skipping.
 */
/** The local Postgres server's maintenance database: where test databases are made. */
export const SERVER_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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

/** Runs statements on a database of the local server (by default its maintenance one). */
export async function serverAdmin(dsn: string, ...sql: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: dsn });
  await client.connect();
  try {
    for (const text of sql) await client.query(text);
  } finally {
    await client.end();
  }
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
          await db.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    skip: !up,
    async open(options) {
      // Each test file gets a database of its own: no shared rows, nothing left behind.
      const name = `isobar_test_${randomBytes(6).toString('hex')}`;
      await serverAdmin(SERVER_URL, `CREATE DATABASE ${name}`);
      const url = new URL(SERVER_URL);
      url.pathname = `/${name}`;
      const db = await openDatabase(url.toString(), options);
      return {
        db,
        dsn: url.toString(),
        async dispose() {
          await db.close();
          await serverAdmin(SERVER_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
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
