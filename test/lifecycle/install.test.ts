import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { seedDemoWeather } from '../../src/ingest/demo/demo-source.ts';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { openDatabase, statement } from '../../src/store/index.ts';
import { readMigrations } from '../../src/store/schema-status.ts';
import { drivers, SERVER_URL, serverAdmin } from '../support/databases.ts';
import { FIXTURE_NOW, FIXTURE_PLACES } from '../support/fixture.ts';
import { runIsobar } from '../support/run-isobar.ts';

// A fresh install as an operator does it: nothing there, `isobar migrate`, then serving.
const MIGRATIONS = readMigrations();
const serverDb = `isobar_install_${randomBytes(6).toString('hex')}`;
let dataDir: string;

const admin = (text: string) => serverAdmin(SERVER_URL, text);

const targets = [
  { name: 'pglite', skip: false },
  { name: 'postgres', skip: drivers[1]!.skip },
];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'isobar-install-'));
  if (!drivers[1]!.skip) await admin(`CREATE DATABASE ${serverDb}`);
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  if (!drivers[1]!.skip) await admin(`DROP DATABASE IF EXISTS ${serverDb} WITH (FORCE)`);
});

describe('fresh install', () => {
  it.concurrent.for(targets)(
    'on $name: migrate --status, migrate, and a place served',
    { timeout: 120_000 },
    async (target, { expect, skip }) => {
      if (target.skip) skip();
      const url = new URL(SERVER_URL);
      url.pathname = `/${serverDb}`;
      // PGlite as installed by default: DATA_DIR, no DATABASE_URL.
      const env: Record<string, string> =
        target.name === 'pglite' ? { DATA_DIR: dataDir } : { DATABASE_URL: url.toString() };
      const dsn = env.DATABASE_URL ?? `pglite:${join(dataDir, 'isobar')}`;

      const before = await runIsobar(['migrate', '--status'], env);
      expect(before.code).toBe(0);
      for (const m of MIGRATIONS)
        expect(before.stdout).toMatch(new RegExp(`^pending  ${m.tag} `, 'm'));
      expect(before.stdout).toMatch(
        new RegExp(`^0 applied, ${MIGRATIONS.length} pending: run isobar migrate$`, 'm'),
      );
      // Listing changed nothing, not even made the directory.
      expect(existsSync(join(dataDir, 'isobar'))).toBe(false);

      const migrated = await runIsobar(['migrate'], env);
      expect(migrated).toMatchObject({
        code: 0,
        stdout: `applied ${MIGRATIONS.length} migration(s)\n`,
      });
      const db = await openDatabase(dsn);
      try {
        await loadCatalog(db, FIXTURE_PLACES);
        await seedDemoWeather(db, { places: 3, now: new Date(FIXTURE_NOW) });
        const app = createIsobarApp({ db, metrics: createMetrics(), now: () => FIXTURE_NOW });
        expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
        expect((await app.request('/GB/London.json')).status).toBe(200);
        // The listing and refusals are the same code on both drivers: run them once, on the
        // server, where a process starts fastest.
        if (target.name === 'pglite') return;
        // A migration file edited after release: listed as CHANGED, and migrate refuses.
        await db.run(
          statement(
            'tamper',
            'UPDATE drizzle.__drizzle_migrations SET hash = $1 WHERE created_at = $2',
          ),
          ['0'.repeat(64), MIGRATIONS[0]!.createdAt],
        );
      } finally {
        await db.close();
      }
      const listed = await runIsobar(['migrate', '--status'], env);
      expect(listed.code).toBe(1);
      expect(listed.stdout).toMatch(
        new RegExp(
          `^CHANGED  ${MIGRATIONS[0]!.tag} +applied as 000000000000, the file is now `,
          'm',
        ),
      );
      expect(listed.stderr).toMatch(new RegExp(`^isobar: migration ${MIGRATIONS[0]!.tag} changed`));
      const refused = await runIsobar(['migrate'], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        new RegExp(`^isobar: migration ${MIGRATIONS[0]!.tag} changed after it was applied`),
      );
      expect(refused.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
