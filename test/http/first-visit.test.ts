import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCidrList } from '../../src/domain/networks.ts';
import { defaultGeoPaths, type GeoDatabase, openGeoDatabase } from '../../src/geo/geo-database.ts';
import { drivers } from '../support/databases.ts';
import { createTestOrigin, FIXTURE_PLACES, type TestOrigin } from '../support/fixture.ts';
import {
  firstAddress,
  GEOIP_TESTDATA,
  HAVE_GEOIP_TESTDATA,
  testNetworks,
} from '../support/geoip-testdata.ts';

const PROXY = '10.9.9.9';

// MaxMind's test database where ../shared has it (answers taken from its source JSON), else the
// bundled DB-IP files, so that a fresh clone still runs every test that needs no country-only
// record.
const SOURCE = HAVE_GEOIP_TESTDATA ? 'the MaxMind test database' : 'the bundled DB-IP files';

describe.each(drivers)(`first visit to / on $name, with ${SOURCE}`, (driver) => {
  const skip = driver.skip;
  let o: TestOrigin;
  let geo: GeoDatabase;
  let peer = '203.0.113.7';
  // An address whose record is the city of London; and another, elsewhere.
  let londonAddress = '81.2.69.142';
  let elsewhere = '8.8.8.8';

  beforeAll(async () => {
    if (skip) return;
    if (HAVE_GEOIP_TESTDATA) {
      geo = await openGeoDatabase([`${GEOIP_TESTDATA}GeoIP2-City-Test.mmdb`]);
      const networks = testNetworks();
      londonAddress = firstAddress(
        networks.find(
          ([, r]) => r.city?.names?.en === 'London' && r.country?.iso_code === 'GB',
        )![0],
      );
      elsewhere = firstAddress(
        networks.find(([, r]) => r.country?.iso_code === 'FR' && !r.city)![0],
      );
    } else {
      geo = await openGeoDatabase(defaultGeoPaths());
    }
    o = await createTestOrigin(driver, {
      client: { socketAddress: () => peer, trustedProxies: parseCidrList(`${PROXY}/32`) },
      firstVisit: {
        geo,
        defaultLocation: null,
      },
    });
  });
  afterAll(() => o?.t.dispose());

  const visit = (headers: Record<string, string> = {}, from = '203.0.113.7', path = '/') => {
    peer = from;
    return o.get(path, headers);
  };
  const lookups = () => o.counter('isobar_geo_lookups_total');

  it.skipIf(skip)(
    'looks the address up, remembers the place in a cookie and redirects',
    async () => {
      const res = await visit({}, londonAddress);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/GB/London');
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('set-cookie')).toBe(
        'place=GB/London; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly',
      );
      expect(await o.counter('isobar_first_visit_total', { outcome: 'lookup' })).toBe(1);
    },
  );

  it.skipIf(skip)('sends a visitor with a valid cookie to the place without a lookup', async () => {
    const before = await lookups();
    const res = await visit({ cookie: 'theme=dark; place=GB/London' }, elsewhere);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/GB/London');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await lookups()).toBe(before);
    expect(
      await o.counter('isobar_first_visit_total', { outcome: 'cookie' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it.skipIf(skip || !HAVE_GEOIP_TESTDATA)(
    "lands a country-only record on the country's most populous place",
    async () => {
      const paris = FIXTURE_PLACES.filter((p) => p.countryCode === 'FR').sort(
        (a, b) => b.population - a.population,
      )[0]!;
      const res = await visit({}, elsewhere);
      expect(res.headers.get('location')).toBe(`/FR/${paris.name}`);
    },
  );

  it.skipIf(skip).each([
    'https://evil.example/x',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    // Fetch (and Node's parser) refuse a raw CR/LF in a header, so these are as close as a client
    // gets.
    'GB/London\tSet-Cookie: admin=1',
    'GB/London%0D%0ASet-Cookie:%20admin=1',
    'GB/London%0d%0aX: y',
    'GB/../../etc',
    `GB/${'a'.repeat(200)}`,
    'GB/Atlantis',
    'ZZ/London',
    'javascript:alert(1)',
  ])('ignores the untrusted cookie %j and looks the visitor up again', async (value) => {
    const before = await lookups();
    const res = await visit({ cookie: `place=${value}` }, londonAddress);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/GB/London');
    expect(await lookups()).toBe(before + 1);
  });

  it.skipIf(skip)('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const res = await visit({ 'x-forwarded-for': londonAddress }, '192.168.1.20');
    // A private address: the landing page, not London.
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/search');
  });

  it.skipIf(skip)(
    'believes X-Forwarded-For from a trusted proxy, read from the right',
    async () => {
      const res = await visit({ 'x-forwarded-for': `${elsewhere}, ${londonAddress}` }, PROXY);
      expect(res.headers.get('location')).toBe('/GB/London');
    },
  );

  it.skipIf(skip)(
    'sends to the landing page, never an error, when the address is unknown',
    async () => {
      for (const address of ['10.1.2.3', '127.0.0.1', '::1', '198.51.100.1', '']) {
        const res = await visit({}, address);
        expect(res.status).toBe(302);
        expect(res.headers.get('location')).toBe('/search');
        expect(res.headers.get('cache-control')).toBe('private, no-store');
        expect(res.headers.get('set-cookie')).toBeNull();
      }
      expect(
        await o.counter('isobar_first_visit_total', { outcome: 'fallback' }),
      ).toBeGreaterThanOrEqual(5);
    },
  );

  it.skipIf(skip)('only offers, never remembers, a place named at /?place=', async () => {
    const res = await visit({ cookie: 'place=GB/London' }, londonAddress, '/?place=fr/paris');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const page = await res.text();
    expect(page).toContain('<form class="choose" action="/" method="post">');
    expect(page).toContain('<input type="hidden" name="place" value="FR/Paris">');
    expect(page).toContain('<a href="/FR/Paris">');
  });

  it.skipIf(skip)('refuses an override that names no place, and changes nothing', async () => {
    for (const path of ['/?place=GB/Atlantis', '/?place=%2F%2Fevil.example', '/?utm=1']) {
      const res = await visit({}, londonAddress, path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      // `/` is a page for people: its problems are pages too, with the same status.
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it.skipIf(skip)('marks the cookie Secure on https', async () => {
    peer = londonAddress;
    const res = await o.app.request('https://isobar.example/');
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it.skipIf(skip)('believes X-Forwarded-Proto from a trusted proxy only', async () => {
    const proto = { 'x-forwarded-proto': 'https', 'x-forwarded-for': londonAddress };
    const viaProxy = await visit(proto, PROXY);
    expect(viaProxy.headers.get('set-cookie')).toMatch(/; HttpOnly; Secure$/);
    const direct = await visit(proto, londonAddress);
    expect(direct.headers.get('set-cookie')).toMatch(/; HttpOnly$/);
  });
});

describe.each(drivers)('first visit with a default location on $name', (driver) => {
  let o: TestOrigin;
  beforeAll(async () => {
    if (driver.skip) return;
    o = await createTestOrigin(driver, {
      client: { socketAddress: () => '10.0.0.1' },
      firstVisit: { defaultLocation: 'uk/london' },
    });
  });
  afterAll(() => o?.t.dispose());

  it.skipIf(driver.skip)(
    'lands an unknown address on the default, without remembering it',
    async () => {
      const res = await o.get('/');
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/GB/London');
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    },
  );
});
