import { describe, expect, it } from 'vitest';
import { cacheHeaders, redirectFreshness } from '../../src/contract/protocol/freshness.ts';
import { matchRoute, ROUTES } from '../../src/contract/uris/uri-space.ts';
import { drivers } from '../support/databases.ts';
import { json, useTestOrigin } from '../support/fixture.ts';

describe.each(drivers)('a place by its name alone on $name', (driver) => {
  const origin = useTestOrigin(driver);
  const it_ = it.skipIf(driver.skip);

  it_.each([
    ['/London', '/GB/London'],
    ['/london.json', '/GB/London.json'],
    ['/Paris.txt', '/FR/Paris.txt'],
    ['/LONDON/', '/GB/London'],
    ['/new_york_city', '/US/New-York-City'],
    ['/saint%20%C3%A9tienne.JSON', '/FR/Saint-Etienne.json'],
    ['/M%C3%BCnchen', '/DE/Munchen'],
    ['/London?units=imperial', '/GB/London?units=imperial'],
    // The units the target shows by default are left out, as on the place's own URIs.
    ['/new-york-city.txt?units=imperial', '/US/New-York-City.txt'],
  ])(
    'answers %s with a cacheable 301 to the most populous place so named, %s',
    async (path, to) => {
      const res = await origin().get(path, { cookie: 'place=FR/Paris' });
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(to);
      expect(res.headers.get('cache-control')).toBe(
        cacheHeaders(redirectFreshness)['cache-control'],
      );
      expect(res.headers.get('cache-tag')).toMatch(/(^|,)catalog(,|$)/);
      expect(res.headers.get('cache-tag')).toContain(`place:${to.slice(1).replace(/[.?].*$/, '')}`);
      expect(res.headers.get('set-cookie')).toBeNull();
      // The place it leads to answers (units spelled as that place wants them).
      expect((await origin().get(to)).status).toBe(200);
    },
  );

  it_('lets any site follow a redirect to a document, as it reads the document', async () => {
    const res = await origin().get('/london.json', { origin: 'https://elsewhere.example' });
    expect(res.status).toBe(301);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const page = await origin().get('/London', { origin: 'https://elsewhere.example' });
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
  });

  it_('answers an unknown name with a 404 cached for a minute, a page or a document', async () => {
    const page = await origin().get('/Atlantis');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cdn-cache-control')).toBe('public, max-age=60');
    expect(await page.text()).toContain('We do not know that place');
    const doc = await origin().get('/Atlantis.json');
    expect(doc.status).toBe(404);
    expect(await json(doc)).toMatchObject({ code: 'unknown-place', instance: '/Atlantis.json' });
  });

  it_.each([
    ['/London?bogus=1', 'invalid-request'],
    ['/London?units=kelvin', 'invalid-request'],
    ['/---', 'invalid-request'],
  ])('refuses %s with the problem %s', async (path, code) => {
    const res = await origin().get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain(code);
  });

  it_.each([
    ['/search?q=lon', 200, 'search-page'],
    ['/api', 200, 'api-reference'],
    ['/healthz', 200, 'healthz'],
    ['/metrics', 200, 'metrics'],
    ['/favicon.ico', 200, 'favicon'],
    ['/favicon.svg', 200, 'favicon-svg'],
    ['/robots.txt', 200, 'robots'],
    ['/@51.5071,-0.1', 301, 'coordinates'],
  ] as const)('leaves the one-segment path %s its own (%i, %s)', async (path, status, route) => {
    expect(matchRoute(new URL(path, 'http://x').pathname)).toBe(route);
    const res = await origin().get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get('location')).toBe(status === 301 ? '/@51.51,-0.1' : null);
  });
});

describe('the place-name route in the URI space', () => {
  it('takes only the one-segment paths that no other route takes', () => {
    for (const [name, path] of Object.entries(ROUTES)) {
      if (/^\/[a-z.-]+$/.test(path)) expect(matchRoute(path), path).toBe(name);
    }
    expect(matchRoute('/London')).toBe('place-name');
    expect(matchRoute('/paris.txt')).toBe('place-name');
    expect(matchRoute('/GB/London')).toBe('place');
  });
});
