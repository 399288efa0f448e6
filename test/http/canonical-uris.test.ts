import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { json, useTestOrigin } from '../support/fixture.ts';

describe.each(drivers)('canonical URIs on $name', (driver) => {
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip).each([
    ['/gb/london', '/GB/London'],
    ['/GB/LONDON', '/GB/London'],
    ['/UK/London', '/GB/London'],
    ['/uk/london.json', '/GB/London.json'],
    ['/GB/London/', '/GB/London'],
    ['/GB/London.html', '/GB/London'],
    ['/GB/London.TXT', '/GB/London.txt'],
    ['/DE/M%C3%BCnchen', '/DE/Munchen'],
    ['/de/MÜNCHEN', '/DE/Munchen'],
    ['/US/new%20york%20city', '/US/New-York-City'],
    ['/US/new+york+city', '/US/New-York-City'],
    ['/US/New_York_City', '/US/New-York-City'],
    ['/FR/saint%20%C3%A9tienne', '/FR/Saint-Etienne'],
    ['/GB/London?units=metric', '/GB/London'],
    ['/GB/london?units=imperial', '/GB/London?units=imperial'],
    ['/v1/locations/uk/london', '/v1/locations/GB/London'],
    ['/@51.5085,-0.1257', '/@51.51,-0.13'],
    ['/@51.51,-0.13', '/GB/London'],
    ['/@-41.271,173.284', '/@-41.27,173.28'],
    ['/v1/nearest?lat=48.8534&lon=2.3488', '/v1/nearest?lat=48.85&lon=2.35'],
  ])('%s answers 301 to %s', async (path, canonical) => {
    const res = await origin().get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(canonical);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=86400/);
  });

  it.skipIf(driver.skip)('answers the canonical spelling itself, with 200', async () => {
    expect((await origin().get('/DE/Munchen')).status).toBe(200);
  });

  it.skipIf(driver.skip)(
    'keeps the plain slug for the most populous of two namesakes',
    async () => {
      expect((await origin().get('/US/London')).status).toBe(200);
      const other = await origin().get('/US/London-KY.json');
      expect(other.status).toBe(200);
      expect((await json(other)).location).toMatchObject({
        name: 'London',
        region_code: 'KY',
        slug: 'London-KY',
      });
    },
  );

  it.skipIf(driver.skip)('redirects coordinates to the nearest place', async () => {
    expect((await origin().get('/@48.85,2.35')).headers.get('location')).toBe('/FR/Paris');
    expect((await origin().get('/@51.48,-0.01')).headers.get('location')).toBe('/GB/Greenwich');
    expect((await origin().get('/@-41,173')).headers.get('location')).toBe('/NZ/Nelson');
  });
});
