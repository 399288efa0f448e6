import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { migrate, statement } from '../../src/store/index.ts';
import { MIGRATIONS_DIR, readMigrations, schemaStatus } from '../../src/store/schema-status.ts';
import { StoreRefusal } from '../../src/store/store-refusal.ts';
import { drivers, serverAdmin } from '../support/databases.ts';
import { createTestOrigin, FIXTURE_PLACES, json } from '../support/fixture.ts';

const [pglite, postgres] = drivers;
const MIGRATIONS = readMigrations();
const LATEST = MIGRATIONS.at(-1)!;

const admin = serverAdmin;

async function expectUnavailable(res: Response, detail: RegExp): Promise<void> {
  expect(res.status).toBe(503);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('retry-after')).toBe('5');
  expect(await json(res)).toMatchObject({ status: 503, code: 'unavailable', detail });
}

// Finding 4: a database recreated empty under a running origin.
describe('a database recreated empty under a running origin (postgres)', () => {
  it.skipIf(postgres!.skip)(
    'says so on /healthz, answers reads 503, and recovers without a restart',
    async () => {
      const o = await createTestOrigin(postgres!);
      try {
        expect(await json(await o.get('/healthz'))).toEqual({ status: 'ok' });
        expect((await o.get('/GB/London.json')).status).toBe(200);

        await admin(
          o.t.dsn,
          'DROP SCHEMA public CASCADE',
          'CREATE SCHEMA public',
          'DROP SCHEMA drizzle CASCADE',
        );
        // The probes' answer stands for a second; the deep check asks now.
        const health = await o.get('/healthz?deep=1');
        expect(health.status).toBe(503);
        expect(health.headers.get('cache-control')).toBe('no-store');
        expect(await json(health)).toEqual({
          status: 'unavailable',
          database: `schema missing: none of ${MIGRATIONS.length} migrations applied (a new or recreated database); run isobar migrate`,
        });
        // Never read before, so the database is asked: "relation does not exist" is a 503.
        await expectUnavailable(await o.get('/FR/Paris.json'), /^the database is not answering/);
        await expectUnavailable(await o.get('/v1/locations?q=par'), /not answering/);

        await migrate(o.t.db);
        await loadCatalog(o.t.db, FIXTURE_PLACES);
        expect(await json(await o.get('/healthz?deep=1'))).toEqual({ status: 'ok' });
        expect((await o.get('/v1/locations/FR/Paris')).status).toBe(200);
      } finally {
        await o.t.dispose();
      }
    },
  );
});

describe.each(drivers)('schema checks on $name', (driver) => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'isobar-migrations-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  /** A copy of the migrations whose journal keeps only the entries `keep` accepts. */
  async function migrationsCopy(name: string, keep: (tag: string) => boolean): Promise<string> {
    const dir = join(folder, name);
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    const journalPath = join(dir, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8'));
    journal.entries = journal.entries.filter((e: { tag: string }) => keep(e.tag));
    await writeFile(journalPath, JSON.stringify(journal));
    return dir;
  }

  it.skipIf(driver.skip)('reports a schema behind this version on /healthz', async () => {
    const o = await createTestOrigin(driver);
    try {
      await o.t.db.run(
        statement(
          'forget_latest',
          'DELETE FROM drizzle.__drizzle_migrations WHERE created_at = $1',
        ),
        [LATEST.createdAt],
      );
      const health = await o.get('/healthz');
      expect(health.status).toBe(503);
      expect(await json(health)).toEqual({
        status: 'unavailable',
        database: `schema behind: ${MIGRATIONS.length - 1} of ${MIGRATIONS.length} migrations applied; run isobar migrate`,
      });
    } finally {
      await o.t.dispose();
    }
  });

  it.skipIf(driver.skip)(
    'refuses a changed migration file and a migration it does not know, applying nothing',
    async () => {
      const t = await driver.open();
      try {
        const copy = await migrationsCopy('changed', () => true);
        expect(await migrate(t.db, copy)).toBe(MIGRATIONS.length);
        const first = join(copy, `${MIGRATIONS[0]!.tag}.sql`);
        await writeFile(first, `${await readFile(first, 'utf8')}\n-- edited after release\n`);
        const changed = await migrate(t.db, copy).catch((e: unknown) => e);
        expect(changed).toBeInstanceOf(StoreRefusal);
        expect((changed as Error).message).toMatch(
          new RegExp(`^migration ${MIGRATIONS[0]!.tag} changed after it was applied`),
        );
        const status = await schemaStatus(t.db, readMigrations(copy));
        expect(status.applied.map((a) => a.changed)).toEqual(MIGRATIONS.map((_, i) => i === 0));

        // A newer isobar's migration: this version must not run on what it made.
        await t.db.run(
          statement(
            'newer_migration',
            'INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)',
          ),
          ['f'.repeat(64), LATEST.createdAt + 86_400_000],
        );
        const newer = await migrate(t.db).catch((e: unknown) => e);
        expect(newer).toBeInstanceOf(StoreRefusal);
        expect((newer as Error).message).toMatch(
          /^this database was migrated by a newer isobar: 1 applied migration\(s\) \(made .+\) are unknown to this version, which cannot run on it \(downgrades are not supported\)/,
        );
      } finally {
        await t.dispose();
      }
    },
  );

  it.skipIf(driver.skip)(
    'applies a migration recorded out of order, which drizzle would skip',
    async () => {
      if (MIGRATIONS.length < 3) return;
      const middle = MIGRATIONS[1]!.tag;
      const t = await driver.open();
      try {
        expect(await migrate(t.db, await migrationsCopy('gap', (tag) => tag !== middle))).toBe(
          MIGRATIONS.length - 1,
        );
        expect(await migrate(t.db)).toBe(1);
        const status = await schemaStatus(t.db);
        expect(status.pending).toEqual([]);
        expect(status.applied.map((a) => a.file.tag).sort()).toEqual(
          MIGRATIONS.map((m) => m.tag).sort(),
        );
      } finally {
        await t.dispose();
      }
    },
  );
});

// The PGlite variant of a vanished schema: the same answers, without a server.
describe('a schema dropped under a running origin (pglite)', () => {
  it('answers reads 503 and says why on /healthz', async () => {
    const o = await createTestOrigin(pglite!);
    try {
      await o.t.db.run(statement('drop_all', 'DROP SCHEMA public CASCADE'));
      await o.t.db.run(statement('recreate', 'CREATE SCHEMA public'));
      await expectUnavailable(await o.get('/DE/Munchen.json'), /not answering/);
      expect(await json(await o.get('/healthz'))).toMatchObject({
        status: 'unavailable',
        database: expect.stringMatching(
          /^schema damaged: every migration is recorded, but table\(s\) .*locations.* are missing/,
        ),
      });
    } finally {
      await o.t.dispose();
    }
  });
});
