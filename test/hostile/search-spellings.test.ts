import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { REAL, realPlaces } from '../support/real-places.ts';

const RUNS = 60;

describe.each(drivers)('search spellings on $name', (driver) => {
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip).each([
    ['/v1/locations?q=KRA', '/v1/locations?q=kra'],
    ['/v1/locations?q=Kra', '/v1/locations?q=kra'],
    ['/v1/locations?q=kra%20', '/v1/locations?q=kra'],
    ['/v1/locations?q=%20kra', '/v1/locations?q=kra'],
    ['/v1/locations?q=kra&limit=03', '/v1/locations?limit=3&q=kra'],
    ['/v1/locations?q=kra&limit=10', '/v1/locations?q=kra'],
    ['/v1/locations?q=lon&country=us', '/v1/locations?country=US&q=lon'],
    ['/v1/locations?q=M%C3%BCn', '/v1/locations?q=mun'],
    ['/v1/locations?q=new%20york', '/v1/locations?q=new+york'],
    ['/v1/locations?q=New--York', '/v1/locations?q=new+york'],
    ['/search?q=LON', '/search?q=lon'],
    ['/search?q=lon&country=gb', '/search?country=GB&q=lon'],
  ])('answers %s with a cacheable 301 to %s', async (spelling, canonical) => {
    const res = await origin().get(spelling);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(canonical);
    expect(res.headers.get('cache-control')).toMatch(/^public, /);
    expect(res.headers.get('set-cookie')).toBeNull();
    const answer = await origin().get(canonical);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toMatch(/^public, /);
  });

  it.skipIf(driver.skip)(
    'answers the canonical spelling itself, showing the folded query',
    async () => {
      const res = await origin().getJson('/v1/locations?q=mun');
      expect(res.query).toBe('mun');
      expect(res.results[0].path).toBe('/DE/Munchen');
      expect((await origin().get('/search?q=lon')).status).toBe(200);
    },
  );

  it.skipIf(driver.skip)(
    'sends any spelling in one hop to a canonical spelling, with the same answer',
    async () => {
      const letters = fc.constantFrom(...'aAkKlLnNoOrRüÜé -_%+.'.split(''));
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: letters, minLength: 1, maxLength: 8 }),
          fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
          fc.boolean(),
          fc.option(fc.constantFrom('gb', 'GB', 'Us', 'fr'), { nil: undefined }),
          async (q, limit, padLimit, country) => {
            runs++;
            const params: [string, string][] = [['q', q]];
            if (limit !== undefined)
              params.push(['limit', padLimit ? String(limit).padStart(3, '0') : String(limit)]);
            if (country) params.push(['country', country]);
            const path = `/v1/locations?${new URLSearchParams(params).toString()}`;
            const first = await origin().get(path);
            if (first.status === 400) return; // nothing but punctuation: refused, never redirected
            const target = first.status === 301 ? (first.headers.get('location') ?? '') : path;
            expect([200, 301]).toContain(first.status);
            const second = await origin().get(target);
            expect(second.status, `${path} → ${target}`).toBe(200);
            // Same answer whichever spelling asked: the canonical one of the folded query.
            const { results } = (await second.json()) as { results: unknown[] };
            expect(results.length).toBeLessThanOrEqual(limit ?? 10);
          },
        ),
        { numRuns: RUNS },
      );
      console.log(`[hostile] search spellings on ${driver.name}: ${runs} cases`);
      expect(runs).toBe(RUNS);
    },
  );
});

// Real places with their real GeoNames alternate names and region names, as `isobar seed` loads
// them: a place answers to its own name, its other names and its region, diacritics folded.
describe.each(drivers)('places found by their own names on $name', (driver) => {
  const origin = useTestOrigin(driver, { places: realPlaces(Object.values(REAL)) });

  it.skipIf(driver.skip).each([
    ['München', '/DE/Munich'],
    ['Munchen', '/DE/Munich'],
    ['Muenchen', '/DE/Munich'],
    ['Köln', '/DE/Koln'],
    ['Koln', '/DE/Koln'],
    ['Koeln', '/DE/Koln'],
    ['Cologne', '/DE/Koln'],
    ['São Paulo', '/BR/Sao-Paulo'],
    ['Sao Paulo', '/BR/Sao-Paulo'],
    ['Zürich', '/CH/Zurich'],
    ['Zurich', '/CH/Zurich'],
    ['Zuerich', '/CH/Zurich'],
    ['Kraków', '/PL/Krakow'],
    ['Krakow', '/PL/Krakow'],
    ['Krakau', '/PL/Krakow'],
    ['Bavaria Munich', '/DE/Munich'],
    ['Munich Bav', '/DE/Munich'],
    ['Paris Ile-de-France', '/FR/Paris'],
  ])('finds %s at %s, in the API and on the search page', async (typed, path) => {
    const api = `/v1/locations?q=${encodeURIComponent(typed)}`;
    const first = await origin().get(api);
    const target = first.status === 301 ? first.headers.get('location')! : api;
    const { results } = await origin().getJson(target);
    expect(results[0]?.path, `${typed} → ${target}`).toBe(path);
    const page = `/search?q=${encodeURIComponent(typed)}`;
    const moved = await origin().get(page);
    const html = await (await origin().get(moved.headers.get('location') ?? page)).text();
    expect(html).toContain(`href="${path}"`);
  });

  it.skipIf(driver.skip)('labels results with the region name, not its code', async () => {
    const { results } = await origin().getJson('/v1/locations?q=munchen');
    expect(results[0]).toMatchObject({ region_code: '02', region: 'Bavaria', country: 'Germany' });
    const html = await (await origin().get('/search?q=munchen')).text();
    expect(html).toContain('Bavaria, Germany · pop. 1,260,391');
    expect(html).not.toContain('· 02');
  });

  it.skipIf(driver.skip)(
    'finds nothing for a region alone or a name in the wrong region',
    async () => {
      expect((await origin().getJson('/v1/locations?q=munich+england')).results).toEqual([]);
      expect((await origin().getJson('/v1/locations?q=bavaria')).results).toEqual([]);
    },
  );
});
