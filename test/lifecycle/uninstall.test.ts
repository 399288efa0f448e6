import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { migrate, openDatabase } from '../../src/store/index.ts';
import { isobarTableNames } from '../../src/store/schema-status.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_PLACES } from '../support/fixture.ts';
import { holdDatabase, runIsobar } from '../support/run-isobar.ts';

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function sql<T = Record<string, unknown>>(dsn: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: dsn });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every relation, schema and drizzle bookkeeping row in the database, by name. */
async function inventory(dsn: string) {
  const relations = await sql<{ name: string }>(
    dsn,
    `SELECT format('%s.%s %s', n.nspname, c.relname, c.relkind) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      ORDER BY 1`,
  );
  const schemas = await sql<{ nspname: string }>(
    dsn,
    `SELECT nspname FROM pg_namespace
      WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`,
  );
  return { relations: relations.map((r) => r.name), schemas: schemas.map((s) => s.nspname) };
}

// What isobar did not make, and uninstall must leave as it was.
const NEIGHBOURS = [
  'CREATE SCHEMA billing',
  'CREATE TABLE billing.invoices (id serial PRIMARY KEY, total numeric)',
  'INSERT INTO billing.invoices (total) VALUES (12.5), (99)',
  'CREATE TABLE public.notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text)',
  "INSERT INTO public.notes (body) VALUES ('keep me')",
  'CREATE TABLE drizzle.other_app_state (k text)',
];

describe.skipIf(drivers[1]!.skip)('isobar uninstall on a shared Postgres database', () => {
  const name = `isobar_uninstall_${randomBytes(6).toString('hex')}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const dsn = url.toString();
  const env = { DATABASE_URL: dsn };

  beforeAll(async () => {
    await sql(SERVER_URL, `CREATE DATABASE ${name}`);
    const db = await openDatabase(dsn);
    await migrate(db);
    await loadCatalog(db, FIXTURE_PLACES);
    await db.close();
    for (const text of NEIGHBOURS) await sql(dsn, text);
  });
  afterAll(() => sql(SERVER_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('says what it would remove, removes nothing without --yes, then only what is isobar’s', {
    timeout: 120_000,
  }, async () => {
    const installed = await inventory(dsn);
    const dry = await runIsobar(['uninstall'], env);
    expect(dry.code).toBe(2);
    for (const table of isobarTableNames())
      expect(dry.stdout).toContain(`  table public.${table} (its rows and indexes)`);
    expect(dry.stdout).toContain('  sequence public.locations_id_seq');
    expect(dry.stdout).toMatch(/Run isobar uninstall --yes to remove them\.$/m);
    expect(dry.stdout).not.toMatch(/billing|notes|other_app_state/);
    expect(await inventory(dsn)).toEqual(installed);

    // Someone else's view on isobar's table: refused whole, nothing dropped.
    await sql(dsn, 'CREATE VIEW public.big_places AS SELECT name FROM locations');
    const blocked = await runIsobar(['uninstall', '--yes'], env);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(
      /^isobar: other objects depend on isobar's tables, so nothing was removed: view big_places depends on table locations/,
    );
    await sql(dsn, 'DROP VIEW public.big_places');
    expect(await inventory(dsn)).toEqual(installed);

    const done = await runIsobar(['uninstall', '--yes'], env);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('removed table public.locations (its rows and indexes)');
    const left = await inventory(dsn);
    const isobars = new RegExp(
      `^(public\\.(${isobarTableNames().join('|')})[_ ]|drizzle\\.__drizzle_migrations)`,
    );
    expect(left.relations).toEqual(installed.relations.filter((r) => !isobars.test(r)));
    expect(left.relations).toContain('billing.invoices r');
    expect(left.relations).toContain('public.notes_id_seq S');
    // drizzle holds someone else's table, so the schema stays; without it, it would go.
    expect(left.schemas).toEqual(['billing', 'drizzle', 'public']);
    expect(await sql(dsn, 'SELECT body FROM public.notes')).toEqual([{ body: 'keep me' }]);
    expect(await sql(dsn, 'SELECT count(*)::int AS n FROM billing.invoices')).toEqual([{ n: 2 }]);

    const again = await runIsobar(['uninstall', '--yes'], env);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/^nothing of isobar's/) });
  });
});

describe('isobar uninstall of a PGlite data directory', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'isobar-uninstall-'));
    await writeFile(join(dataDir, 'notes.txt'), 'not isobar’s\n');
    await mkdir(join(dataDir, 'backups'));
    await writeFile(join(dataDir, 'backups', 'isobar.dump'), 'an operator’s backup\n');
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  // Processes on PGlite, each opening the directory: 14 s alone here, more beside the suite.
  it('refuses while an origin has it open, then removes that directory and nothing else', {
    timeout: 120_000,
  }, async () => {
    const dir = join(dataDir, 'isobar');
    const env = { DATA_DIR: dataDir };
    // An origin's process: it made the directory and migrated it, and keeps it open.
    const holder = await holdDatabase(`pglite:${dir}`, { migrate: true });
    try {
      const dry = await runIsobar(['uninstall'], env);
      expect(dry.code).toBe(2);
      expect(dry.stdout).toContain(
        `  the PGlite data directory ${dir} (every table and row in it)`,
      );
      const busy = await runIsobar(['uninstall', '--yes'], env);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(
        new RegExp(`^isobar: the data directory ${dir} is in use by another isobar process`),
      );
      expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
    } finally {
      await holder.close();
    }
    const done = await runIsobar(['uninstall', '--yes'], env);
    expect(done).toMatchObject({
      code: 0,
      stdout: `removed the PGlite data directory ${dir} (every table and row in it)\n`,
    });
    expect(readdirSync(dataDir).sort()).toEqual(['backups', 'notes.txt']);
    expect(readFileSync(join(dataDir, 'backups', 'isobar.dump'), 'utf8')).toBe(
      'an operator’s backup\n',
    );

    // A directory PGlite did not make is never taken for one.
    const stray = await runIsobar(['uninstall', '--yes'], { DATABASE_URL: `pglite:${dataDir}` });
    expect(stray.code).toBe(1);
    expect(stray.stderr).toMatch(
      /is not a PGlite data directory \(no PG_VERSION in it\): not removing it/,
    );
    expect(readdirSync(dataDir).sort()).toEqual(['backups', 'notes.txt']);
  });
});
