import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/cli/logger.ts';
import { isNewEmbeddedDatabase, prepareApart } from '../../src/cli/prepare-apart.ts';
import { type Serving, siteUrl, startServing } from '../../src/cli/serving.ts';
import { loadConfig } from '../../src/config/env.ts';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { readRegions } from '../../src/ingest/catalog/name-files.ts';
import { migrate } from '../../src/store/index.ts';
import { drivers, type TestDatabase } from '../support/databases.ts';
import { FIXTURE_PLACES } from '../support/fixture.ts';

describe.each(drivers)('isobar serve preparing its database apart, on $name', (driver) => {
  let t: TestDatabase;
  let serving: Serving;
  const lines: string[] = [];

  beforeAll(async () => {
    if (driver.skip) return;
    t = await driver.open();
    await migrate(t.db);
    const countries = new Set(FIXTURE_PLACES.map((p) => p.countryCode));
    const regions = readRegions().filter((r) => countries.has(r.countryCode));
    await loadCatalog(t.db, FIXTURE_PLACES, { regions });
    await t.db.close();
    const log = createLogger('info', {
      stream: { write: (l: string) => lines.push(l) },
      human: true,
    });
    const config = loadConfig({
      DATABASE_URL: t.dsn,
      HOST: '127.0.0.1',
      PORT: '0',
      DEMO_PLACES: '2',
      GEOLOCATION: 'edge',
    });
    serving = await startServing(config, log);
  });
  afterAll(async () => {
    if (driver.skip) return;
    await serving.stop();
    await t.dispose().catch(() => {}); // closed above; on the server, the database is dropped
  });

  it.skipIf(driver.skip)('says where to open the site on its last line, in words', () => {
    expect(lines.at(-1)).toBe(
      `${lines.at(-1)!.slice(0, 8)} isobar is serving on http://127.0.0.1:${serving.port}/ — open it in a browser\n`,
    );
    for (const line of lines) expect(line).toMatch(/^\d\d:\d\d:\d\d [^{]/);
  });

  it.skipIf(driver.skip)(
    'relays what the preparing process did, which the server then serves',
    async () => {
      const said = (text: string) => lines.findIndex((l) => l.includes(text));
      expect(said('demo weather: writing')).toBeGreaterThan(-1);
      expect(said('demo weather for 2 places')).toBeGreaterThan(said('demo weather: writing'));
      const res = await fetch(`http://127.0.0.1:${serving.port}/GB/London.json`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { current: unknown }).current).not.toBeNull();
    },
  );

  it.skipIf(driver.skip)('reads no geolocation file where the edge geolocates', async () => {
    const res = await fetch(`http://127.0.0.1:${serving.port}/`, { redirect: 'manual' });
    // The landing page: nothing here guesses.
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/search');
    const metrics = await serving.metrics.registry
      .getSingleMetric('isobar_geo_lookups_total')
      ?.get();
    expect(metrics?.values.reduce((sum, v) => sum + v.value, 0) ?? 0).toBe(0);
  });
});

describe('preparing apart', () => {
  it('fails with the error the preparing process met, by its name', async () => {
    const t = await drivers[0]!.open(); // holds its directory: a second opener is refused
    try {
      const refusal = await prepareApart({ dsn: t.dsn, demoPlaces: 0 }, { info: () => {} }).catch(
        (err: unknown) => err,
      );
      expect(refusal).toMatchObject({
        name: 'StoreRefusal',
        message: expect.stringContaining('in use'),
      });
    } finally {
      await t.dispose();
    }
  });
});

describe('a first start', () => {
  it('is known before opening only for an embedded directory that holds no database yet', async () => {
    const t = await drivers[0]!.open();
    try {
      expect(isNewEmbeddedDatabase(t.dsn)).toBe(false);
      expect(isNewEmbeddedDatabase(`${t.dsn}-not-yet`)).toBe(true);
      expect(isNewEmbeddedDatabase('pglite:memory')).toBe(false);
      expect(isNewEmbeddedDatabase('postgres://postgres@127.0.0.1:5432/isobar')).toBe(false);
    } finally {
      await t.dispose();
    }
  });
});

describe('the address to open', () => {
  it('is the one listened on, loopback for a wildcard, bracketed for IPv6', () => {
    expect(siteUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080/');
    expect(siteUrl('0.0.0.0', 80)).toBe('http://127.0.0.1:80/');
    expect(siteUrl('::1', 8080)).toBe('http://[::1]:8080/');
    expect(siteUrl('isobar.example', 8080)).toBe('http://isobar.example:8080/');
  });
});
