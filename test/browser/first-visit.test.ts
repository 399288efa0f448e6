import { afterAll, describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/domain/coordinates.ts';
import { parseCidrList } from '../../src/domain/networks.ts';
import { DBIP_ATTRIBUTION, defaultGeoPaths, openGeoDatabase } from '../../src/geo/geo-database.ts';
import { nodeSocketAddress } from '../../src/runtime/node.ts';
import { createProfile, HAVE_CHROMIUM } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_PLACES, useServedOrigin } from '../support/fixture.ts';

// A public address the bundled DB-IP file places in a city; the expected landing place is
// worked out below from the database's own answer, not written down.
const VISITOR = '81.2.69.142';

describe.skipIf(!HAVE_CHROMIUM)('first visit in a real Chromium', () => {
  let expected: string;
  const profile = createProfile();
  afterAll(() => profile.remove());

  const served = useServedOrigin(drivers[0]!, async () => {
    const geo = await openGeoDatabase(defaultGeoPaths());
    const hit = geo.lookup(VISITOR)!;
    const point = { latitude: hit.latitude!, longitude: hit.longitude! };
    const nearest = [...FIXTURE_PLACES].sort(
      (a, b) => distanceKm(a, point) - distanceKm(b, point),
    )[0]!;
    expected = `/${nearest.countryCode}/${nearest.name.replace(/ /g, '-')}`;
    return {
      now: Date.now(),
      credits: [DBIP_ATTRIBUTION],
      // The browser talks to us from 127.0.0.1, trusted as a proxy so that its
      // X-Forwarded-For stands in for a visitor's public address.
      client: { socketAddress: nodeSocketAddress, trustedProxies: parseCidrList('127.0.0.1') },
      firstVisit: {
        geo,
        defaultLocation: null,
      },
    };
  });

  it("lands on the visitor's place, remembers it, and remembers an override across a restart", async () => {
    const headers = { 'x-forwarded-for': VISITOR };
    let browser = await profile.launch(headers);
    try {
      const page = await browser.newPage();
      await page.goto(`${served.base}/`);
      expect(new URL(page.url()).pathname).toBe(expected);
      const cookie = (await browser.cookies(served.base)).find((c) => c.name === 'place');
      expect(cookie).toMatchObject({
        value: expected.slice(1),
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
      });
      expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(364 * 24 * 3600);

      const lookups = await served.o.counter('isobar_geo_lookups_total');
      await page.goto(`${served.base}/`);
      expect(new URL(page.url()).pathname).toBe(expected);
      expect(await served.o.counter('isobar_geo_lookups_total')).toBe(lookups);

      // A person overrides the guess from a place page, the way the page offers it.
      await page.goto(`${served.base}/FR/Paris`);
      await page.getByRole('button', { name: 'Make Paris my place' }).click();
      await page.waitForURL(`${served.base}/FR/Paris`);
    } finally {
      await browser.close();
    }

    browser = await profile.launch(headers);
    try {
      const page = await browser.newPage();
      const lookups = await served.o.counter('isobar_geo_lookups_total');
      await page.goto(`${served.base}/`);
      expect(new URL(page.url()).pathname).toBe('/FR/Paris');
      expect(await served.o.counter('isobar_geo_lookups_total')).toBe(lookups);
      expect(await page.locator('h1').textContent()).toBe('Paris');
      expect(await page.content()).toContain('IP geolocation by DB-IP');
    } finally {
      await browser.close();
    }
  });
});
