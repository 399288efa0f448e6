import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/domain/coordinates.ts';
import { parseCidrList } from '../../src/geo/client-address.ts';
import { DBIP_ATTRIBUTION, defaultGeoPaths, openGeoDatabase } from '../../src/geo/geo-database.ts';
import { nodeSocketAddress, type RunningServer, startNodeServer } from '../../src/runtime/node.ts';
import { createProfile, HAVE_CHROMIUM } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { createTestOrigin, FIXTURE_PLACES, type TestOrigin } from '../support/fixture.ts';

// A public address the bundled DB-IP file places in a city; the expected landing place is
// worked out below from the database's own answer, not written down.
const VISITOR = '81.2.69.142';

describe.skipIf(!HAVE_CHROMIUM)('first visit in a real Chromium', () => {
  let o: TestOrigin;
  let server: RunningServer;
  let base: string;
  let expected: string;
  const profile = createProfile();

  beforeAll(async () => {
    const geo = await openGeoDatabase(defaultGeoPaths());
    const hit = geo.lookup(VISITOR)!;
    const point = { latitude: hit.latitude!, longitude: hit.longitude! };
    const nearest = [...FIXTURE_PLACES].sort(
      (a, b) => distanceKm(a, point) - distanceKm(b, point),
    )[0]!;
    expected = `/${nearest.countryCode}/${nearest.name.replace(/ /g, '-')}`;
    o = await createTestOrigin(drivers[0]!, {
      now: Date.now(),
      credits: [DBIP_ATTRIBUTION],
      // The browser talks to us from 127.0.0.1, trusted as a proxy so that its
      // X-Forwarded-For stands in for a visitor's public address.
      client: { socketAddress: nodeSocketAddress, trustedProxies: parseCidrList('127.0.0.1') },
      firstVisit: {
        geo,
        defaultLocation: null,
      },
    });
    server = await startNodeServer(o.app, { host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${server.port}`;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await o?.t.dispose();
    profile.remove();
  });

  it("lands on the visitor's place, remembers it, and remembers an override across a restart", async () => {
    const headers = { 'x-forwarded-for': VISITOR };
    let browser = await profile.launch(headers);
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/`);
      expect(new URL(page.url()).pathname).toBe(expected);
      const cookie = (await browser.cookies(base)).find((c) => c.name === 'place');
      expect(cookie).toMatchObject({
        value: expected.slice(1),
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
      });
      expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(364 * 24 * 3600);

      const lookups = await o.counter('isobar_geo_lookups_total');
      await page.goto(`${base}/`);
      expect(new URL(page.url()).pathname).toBe(expected);
      expect(await o.counter('isobar_geo_lookups_total')).toBe(lookups);

      // A person overrides the guess from a place page, the way the page offers it.
      await page.goto(`${base}/FR/Paris`);
      await page.getByRole('link', { name: 'Make Paris my place' }).click();
      await page.waitForURL(`${base}/FR/Paris`);
    } finally {
      await browser.close();
    }

    browser = await profile.launch(headers);
    try {
      const page = await browser.newPage();
      const lookups = await o.counter('isobar_geo_lookups_total');
      await page.goto(`${base}/`);
      expect(new URL(page.url()).pathname).toBe('/FR/Paris');
      expect(await o.counter('isobar_geo_lookups_total')).toBe(lookups);
      expect(await page.locator('h1').textContent()).toBe('Paris');
      expect(await page.content()).toContain('IP geolocation by DB-IP');
    } finally {
      await browser.close();
    }
  });
});
