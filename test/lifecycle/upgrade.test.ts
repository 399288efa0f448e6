import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { type Database, openDatabase, type Queryable, statement } from '../../src/store/index.ts';
import { readMigrations, schemaStatus } from '../../src/store/schema-status.ts';
import { drivers, SERVER_URL, serverAdmin } from '../support/databases.ts';
import {
  type Extract,
  extractRelease,
  missingTagMessage,
  PREVIOUS_RELEASE,
  releaseRequired,
  releaseTagPresent,
} from '../support/release.ts';
import { runIsobar } from '../support/run-isobar.ts';

// The upgrade path an operator takes: a database made by the previous release's own `isobar seed`
// (real GeoNames places and demo weather), then this version's `isobar migrate`. The catalog is
// cut to a sample of real places to keep the test near 30 s; ISOBAR_UPGRADE_FULL_CATALOG=1 loads
// all 135k.
const MIGRATIONS = readMigrations();
const tagPresent = releaseTagPresent();
if (!tagPresent && !releaseRequired())
  console.warn(`[isobar tests] ${missingTagMessage()}; the upgrade tests are skipped`);

/** Every table v0.1.0 made, and the columns it had: what must survive. */
const RELEASE_TABLES = ['forecast_hours', 'locations', 'observations'];
const LOCATION_FIELDS = [
  'country_code',
  'country',
  'region_code',
  'name',
  'slug',
  'path',
  'latitude',
  'longitude',
  'population',
  'timezone',
  'geonames_id',
] as const;

interface Target {
  name: 'pglite' | 'postgres';
  skip: boolean;
  dsn: string;
}

let extract: Extract | undefined;
let parent: string;
const serverDb = `isobar_upgrade_${randomBytes(6).toString('hex')}`;
const targets: Target[] = [
  { name: 'pglite', skip: !tagPresent, dsn: '' },
  { name: 'postgres', skip: !tagPresent || drivers[1]!.skip, dsn: '' },
];

const admin = (text: string) => serverAdmin(SERVER_URL, text);

beforeAll(async () => {
  if (!tagPresent) return;
  extract = extractRelease(PREVIOUS_RELEASE, {
    catalog: process.env.ISOBAR_UPGRADE_FULL_CATALOG === '1' ? 'full' : 'sample',
  });
  parent = await mkdtemp(join(tmpdir(), 'isobar-upgrade-'));
  targets[0]!.dsn = `pglite:${join(parent, 'isobar')}`;
  const url = new URL(SERVER_URL);
  url.pathname = `/${serverDb}`;
  targets[1]!.dsn = url.toString();
  if (!targets[1]!.skip) await admin(`CREATE DATABASE ${serverDb}`);
  // Both at once: the catalog load is most of the time.
  const seeds = await Promise.all(
    targets
      .filter((t) => !t.skip)
      .map(async (t) => ({
        t,
        run: await runIsobar(['seed', '--demo', '25'], { DATABASE_URL: t.dsn }, extract!.dir),
      })),
  );
  for (const { t, run } of seeds) {
    if (run.code !== 0)
      throw new Error(`${PREVIOUS_RELEASE} seed on ${t.name} failed (${run.code}): ${run.stderr}`);
  }
}, 240_000);

afterAll(async () => {
  extract?.remove();
  if (parent) await rm(parent, { recursive: true, force: true });
  if (tagPresent && !targets[1]!.skip)
    await admin(`DROP DATABASE IF EXISTS ${serverDb} WITH (FORCE)`);
});

describe(`upgrade from ${PREVIOUS_RELEASE}`, () => {
  it.runIf(!tagPresent && releaseRequired())('has the release to upgrade from', () => {
    throw new Error(missingTagMessage());
  });

  // The two databases are independent: upgrade them side by side.
  it.concurrent.for(targets)(
    'on $name: keeps every row and every place at its URI, then refuses a downgrade',
    { timeout: 180_000 },
    async (target, { expect, skip }) => {
      if (target.skip) skip();
      let db = await openDatabase(target.dsn);
      const tables = await db.column<string>(
        statement(
          'tables',
          `SELECT table_name::text FROM information_schema.tables
            WHERE table_schema = current_schema() ORDER BY 1`,
        ),
      );
      expect(tables).toEqual(RELEASE_TABLES);
      const columns = await columnsOf(db, tables);
      const before = await snapshot(db, columns);
      for (const table of tables) expect(before[table]!.rows, table).toBeGreaterThan(0);
      expect(before.locations!.rows).toBeGreaterThan(5_000);
      const uris = await sampleUris(db);
      const oldAnswers = await answersOf(await releaseApp(db), uris);
      expect(oldAnswers.filter((a) => a.status === 200).length).toBeGreaterThan(40);
      await db.close();

      const listed = await runIsobar(['migrate', '--status'], { DATABASE_URL: target.dsn });
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`^applied  ${MIGRATIONS[0]!.tag} `, 'm'));
      for (const m of MIGRATIONS.slice(1))
        expect(listed.stdout).toMatch(new RegExp(`^pending  ${m.tag} `, 'm'));
      const migrated = await runIsobar(['migrate'], { DATABASE_URL: target.dsn });
      expect(migrated.code).toBe(0);
      // The catalog it already has gets its places' other names and region names on the way.
      expect(migrated.stdout).toMatch(
        new RegExp(
          `^applied ${MIGRATIONS.length - 1} migration\\(s\\)\ncatalog: other names and region names added in [0-9.]+s\n$`,
        ),
      );

      db = await openDatabase(target.dsn);
      try {
        expect(await snapshot(db, columns)).toEqual(before);
        const status = await schemaStatus(db);
        expect(status.pending).toEqual([]);
        expect(status.applied.every((a) => !a.changed)).toBe(true);
        const app = createIsobarApp({ db, metrics: createMetrics(), log: { error() {} } });
        expect(await answersOf(app, uris)).toEqual(oldAnswers);
        const moved = await app.request('/DE/M%C3%BCnchen');
        expect(moved.status).toBe(301);
        expect(moved.headers.get('location')).toBe('/DE/Munich');
        const munich = (await (await app.request('/v1/locations/DE/Munich')).json()) as {
          location: { region: string | null };
        };
        expect(munich.location.region).toBe('Bavaria');
        expect((await app.request('/healthz')).status).toBe(200);

        // Downgrades: v0.1.0's code cannot be changed to refuse this database, so the direction
        // tested is this version meeting a database a newer one migrated.
        await db.run(
          statement(
            'newer_migration',
            'INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)',
          ),
          ['e'.repeat(64), MIGRATIONS.at(-1)!.createdAt + 86_400_000],
        );
        // Within the second of the last probe: the deep check asks now.
        const health = await app.request('/healthz?deep=1');
        expect(health.status).toBe(503);
        expect(((await health.json()) as { database: string }).database).toMatch(
          /migrated by a newer isobar/,
        );
      } finally {
        await db.close();
      }
      const refused = await runIsobar(['migrate'], { DATABASE_URL: target.dsn });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^isobar: this database was migrated by a newer isobar: 1 applied migration\(s\) .* \(downgrades are not supported\)/,
      );
    },
  );
});

async function columnsOf(db: Queryable, tables: string[]): Promise<Record<string, string[]>> {
  const byTable: Record<string, string[]> = {};
  for (const table of tables) {
    byTable[table] = await db.column<string>(
      statement(
        'columns',
        `SELECT column_name::text FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
      ),
      [table],
    );
  }
  return byTable;
}

/** Row count and a digest of every row, over the columns the release had. */
async function snapshot(db: Queryable, columns: Record<string, string[]>) {
  const result: Record<string, { rows: number; digest: string }> = {};
  for (const [table, cols] of Object.entries(columns)) {
    // Test code, over names read from the catalog: quoted, never bound.
    const row = `row(${cols.map((c) => `"${c}"`).join(', ')})::text`;
    const digest = await db.one<{ rows: number; digest: string }>(
      statement(
        `digest_${table}`,
        `SELECT count(*)::int AS rows, md5(string_agg(r, E'\\n' ORDER BY r)) AS digest
           FROM (SELECT ${row} AS r FROM "${table}") t`,
      ),
    );
    result[table] = digest!;
  }
  return result;
}

/**
 * URIs to ask both versions: every place with weather (document and metadata), places whose slug
 * carries a region suffix, a spread of others, and non-canonical spellings (301s).
 */
async function sampleUris(db: Queryable): Promise<string[]> {
  const places = await db.all<{ country_code: string; slug: string; weather: boolean }>(
    statement(
      'sample',
      `(SELECT country_code, slug, true AS weather FROM locations
          WHERE id IN (SELECT location_id FROM observations))
       UNION ALL
       (SELECT country_code, slug, false FROM locations WHERE slug LIKE '%-%'
          ORDER BY geonames_id LIMIT 15)
       UNION ALL
       (SELECT country_code, slug, false FROM locations WHERE id % 100 = 0 ORDER BY id)`,
    ),
  );
  return places.flatMap((p) => {
    const path = `/${p.country_code}/${p.slug}`;
    const uris = [`/v1/locations${path}`];
    if (p.weather) uris.push(`${path}.json`, `/${p.country_code.toLowerCase()}/${p.slug}.json`);
    return uris;
  });
}

type App = { request(path: string): Response | Promise<Response> };

/** What a client would take from each answer: status, redirect target, and the place named. */
async function answersOf(app: App, uris: string[]) {
  const answers = [];
  for (const uri of uris) {
    const res = await app.request(uri);
    const body = res.headers.get('content-type')?.includes('json')
      ? ((await res.json()) as Record<string, unknown> & { location?: Record<string, unknown> })
      : null;
    const location = body?.location ?? body;
    answers.push({
      uri,
      status: res.status,
      redirect: res.headers.get('location'),
      place:
        res.status === 200
          ? Object.fromEntries(LOCATION_FIELDS.map((f) => [f, location?.[f]]))
          : null,
    });
  }
  return answers;
}

/** The release's own app, from its extract, on the database it made. */
async function releaseApp(db: Database): Promise<App> {
  const dir = extract!.dir;
  const { createApp: createReleaseApp } = await import(join(dir, 'src/http/create-app.ts'));
  const { createMetrics: createReleaseMetrics } = await import(join(dir, 'src/http/metrics.ts'));
  return createReleaseApp({ db, metrics: createReleaseMetrics(), log: { error() {} } });
}
