import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/domain/place.ts';
import { byRegion } from '../../src/http/first-visit/picker-html.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';

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

describe.each(drivers)('the landing page on $name', (driver) => {
  // No geolocation and no default place: every visitor to / gets the landing page.
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip)('offers a search, says what isobar is, and groups places', async () => {
    const res = await origin().get('/');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<form class="search big" action="/search" method="get" role="search">');
    expect(page).toContain('<h2 id="about">What isobar is</h2>');
    expect(page).toContain('<h3>Europe</h3>');
    expect(page).toContain('<h3>Americas</h3>');
    expect(page).toContain('<h3>Oceania</h3>');
    expect(page).toContain('<button type="submit" name="place" value="GB/London">London</button>');
    expect(page).toContain('<a href="/api">API reference</a>');
    // The examples it shows are live URIs.
    for (const path of [
      '/api',
      '/v1/locations?q=lon',
      '/v1/nearest?lat=48.85&lon=2.35',
      '/v1/openapi.json',
    ]) {
      expect(page).toContain(path.replace('&', '&amp;'));
      expect((await origin().get(path)).status).toBe(200);
    }
    expect((await origin().get('/@51.51,-0.13')).status).toBe(301);
  });
});
