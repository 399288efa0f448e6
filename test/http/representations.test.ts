import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { json, useTestOrigin } from '../support/fixture.ts';

describe.each(drivers)('representations on $name', (driver) => {
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip)(
    'serves the JSON document with the place, demo weather and its source',
    async () => {
      const res = await origin().get('/GB/London.json');
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const doc = await json(res);
      expect(doc.location).toMatchObject({
        country_code: 'GB',
        country: 'United Kingdom',
        name: 'London',
        slug: 'London',
        path: '/GB/London',
        timezone: 'Europe/London',
        geonames_id: 2643743,
        population: 7556900,
      });
      expect(doc.source).toBe('demo');
      expect(doc.notice).toMatch(/not observations/);
      expect(doc.current.source).toBe('demo');
      expect(doc.current.observed_at).toBe('2026-11-22T10:00:00.000Z');
      expect(doc.current.next_update_at).toBe('2026-11-22T11:00:00.000Z');
      expect(doc.forecast.source).toBe('demo');
      expect(doc.forecast.hours.length).toBeGreaterThanOrEqual(24);
      expect(doc.forecast.hours[0].time).toBe('2026-11-22T11:00:00.000Z');
      expect(doc.units).toMatchObject({ system: 'metric', temperature: '°C', wind: 'km/h' });
    },
  );

  it.skipIf(driver.skip)('converts to imperial units from the same SI data', async () => {
    const metric = await origin().getJson('/GB/London.json');
    const imperial = await origin().getJson('/GB/London.json?units=imperial');
    expect(imperial.units.temperature).toBe('°F');
    expect(imperial.current.temperature).toBeCloseTo((metric.current.temperature * 9) / 5 + 32, 0);
    expect(imperial.current.wind_speed).toBeCloseTo(metric.current.wind_speed / 1.609344, 0);
  });

  it.skipIf(driver.skip)('serves an HTML page that says the data is demo data', async () => {
    const res = await origin().get('/GB/London');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await res.text();
    expect(page).toContain('<h1>London</h1>');
    expect(page).toContain('Demo data.');
    expect(page).toContain('GeoNames');
    expect(page).toContain('href="/GB/London.json"');
  });

  it.skipIf(driver.skip)('serves a plain-text view for terminals', async () => {
    const res = await origin().get('/GB/London.txt');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await res.text();
    expect(text).toMatch(/^London, United Kingdom \(51\.51, -0\.13\)/);
    expect(text).toContain('NOTE: Demo data');
    expect(text).toMatch(/source: demo/);
  });

  it.skipIf(driver.skip)('searches by prefix, most populous first, within a limit', async () => {
    const all = await origin().getJson('/v1/locations?q=lon');
    expect(all.results.map((r: { path: string }) => r.path)).toEqual([
      '/GB/London',
      '/CA/London',
      '/US/London',
      '/US/London-KY',
    ]);
    const two = await origin().getJson('/v1/locations?limit=2&q=lon');
    expect(two.results).toHaveLength(2);
    const us = await origin().getJson('/v1/locations?country=US&q=lon');
    expect(us.results.map((r: { path: string }) => r.path)).toEqual([
      '/US/London',
      '/US/London-KY',
    ]);
    // Other spellings (case, diacritics, %20) answer 301 to these: test/hostile/search-spellings.
    const accents = await origin().getJson('/v1/locations?q=mun');
    expect(accents.results[0].path).toBe('/DE/Munchen');
    const words = await origin().getJson('/v1/locations?q=new+york');
    expect(words.results[0].name).toBe('New York City');
  });

  it.skipIf(driver.skip)('describes a place and finds the nearest one', async () => {
    const meta = await origin().getJson('/v1/locations/GB/London');
    expect(meta.location.links).toEqual({
      html: '/GB/London',
      json: '/GB/London.json',
      txt: '/GB/London.txt',
      metadata: '/v1/locations/GB/London',
    });
    const near = await origin().getJson('/v1/nearest?lat=45.43&lon=4.39');
    expect(near.location.path).toBe('/FR/Saint-Etienne');
    expect(near.distance_km).toBeLessThan(1);
  });

  it.skipIf(driver.skip)('serves an HTML search page for people', async () => {
    const page = await (await origin().get('/search?q=lon')).text();
    expect(page).toContain('<a href="/GB/London">London</a>');
    expect(page).toContain('<a href="/US/London-KY">London</a>');
  });

  it.skipIf(driver.skip)('reports health and metrics', async () => {
    const health = await origin().get('/healthz');
    expect(health.status).toBe(200);
    expect(await json(health)).toEqual({ status: 'ok' });
    const metrics = await origin().get('/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toMatch(/# TYPE isobar_db_queries_total counter/);
  });
});
