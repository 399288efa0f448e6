import { describe, expect, it } from 'vitest';
import { cacheHeaders, fetchingFreshness } from '../../src/contract/protocol/freshness.ts';
import type { Place } from '../../src/domain/place.ts';
import { drivers } from '../support/databases.ts';
import { json } from '../support/fixture.ts';
import { policyOf, sha256 } from '../support/policy.ts';
import { problemOf } from '../support/problem.ts';
import { createProviderOrigin } from '../support/provider-origin.ts';
import { issueToken } from '../support/tokens.ts';
import { useWriteOrigin } from '../support/write-origin.ts';

const styles = (body: string) => [...body.matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1]!);

describe.each(drivers)('the embeds of a place on $name', (driver) => {
  const origin = useWriteOrigin(driver);
  const it_ = it.skipIf(driver.skip);

  it_('serves the meteogram as an image that carries everything it shows', async () => {
    const res = await origin().get('/GB/London/meteogram.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg class="meteogram" xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('aria-label="London, United Kingdom: forecast"');
    // An <img> loads nothing from outside the image: its symbols are inside it.
    expect(svg).not.toContain('/assets/');
    expect(svg).toMatch(/<image id="mg-s0" href="data:image\/svg\+xml;base64,/);
    // Its credits go with every copy, and generated data says so.
    expect(svg).toContain('>Place data from GeoNames (geonames.org), CC BY 4.0</text>');
    expect(svg).toContain('>Weather symbols by Yr (NRK), MIT licence</text>');
    expect(svg).toMatch(/class="credit">Demo data: /);
    // Opened on its own it is a document: its style is allowed by hash, nothing else runs.
    const policy = policyOf(res);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('img-src')).toEqual(['data:']);
    expect(policy.get('script-src')).toBeUndefined();
    for (const css of styles(svg)) expect(policy.get('style-src')).toContain(sha256(css));
  });

  it_('serves the widget as a page any site may frame, and only it', async () => {
    const res = await origin().get('/GB/London/widget');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-frame-options')).toBeNull();
    const policy = policyOf(res);
    expect(policy.get('frame-ancestors')).toEqual(['*']);
    const page = await res.text();
    for (const css of styles(page)) expect(policy.get('style-src')).toContain(sha256(css));
    expect(page).toContain('<svg class="meteogram"');
    expect(page).toContain('<ul class="days mini">');
    // Every link leaves the frame for a tab of its own, never replacing the host's page.
    const links = [...page.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
    expect(links.filter((a) => a.includes('href="/GB/London"')).length).toBe(2);
    for (const a of links) expect(a).toContain('target="_blank" rel="noopener"');
    expect(page).not.toContain('action="/search"');
    for (const path of ['/GB/London', '/GB/London/meteogram.svg']) {
      const other = await origin().get(path);
      expect(policyOf(other).get('frame-ancestors'), path).toEqual(["'none'"]);
    }
  });

  it_('follows the place: same lifetime and tags, and a write to it shows at once', async () => {
    const place = await origin().get('/GB/London');
    for (const path of ['/GB/London/meteogram.svg', '/GB/London/widget']) {
      const res = await origin().get(path);
      for (const header of ['cache-tag', 'cdn-cache-control', 'cache-control', 'last-modified'])
        expect(res.headers.get(header), `${path} ${header}`).toBe(place.headers.get(header));
      const again = await origin().get(path, { 'if-none-match': res.headers.get('etag')! });
      expect(again.status).toBe(304);
    }
    const before = await (await origin().get('/GB/London/widget')).text();
    const token = await issueToken(origin().t.db, 'write');
    const row = {
      place: 'GB/London',
      source: 'metoffice',
      observed_at: '2026-11-22T10:00:00Z',
      condition: 'cloudy',
      temperature_c: 31.5,
    };
    expect((await origin().post('/v1/observations', [row], { token })).status).toBe(200);
    const after = await (await origin().get('/GB/London/widget')).text();
    expect(before).not.toContain('31.5°C');
    expect(after).toContain('<span class="now">31.5°C</span>');
  });

  it_.each([
    ['/gb/london/meteogram.svg', '/GB/London/meteogram.svg'],
    ['/UK/London/widget', '/GB/London/widget'],
    ['/GB/london%20/widget', '/GB/London/widget'],
    ['/GB/LONDON/meteogram.svg?units=imperial', '/GB/London/meteogram.svg?units=imperial'],
    ['/GB/London/widget?units=metric', '/GB/London/widget'],
  ])('answers %s with a cacheable 301 to %s', async (path, location) => {
    const res = await origin().get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
    expect(res.headers.get('cache-control')).toMatch(/^public, /);
  });

  it_.each([
    ['/GB/London.json/widget', 400, 'invalid-request', /without an extension/],
    ['/GB/London/meteogram.svg?units=kelvin', 400, 'invalid-request', /units/],
    ['/GB/London/widget?size=big', 400, 'invalid-request', /size/],
    ['/GB/Atlantis/meteogram.svg', 404, 'unknown-place', /no place "atlantis"/],
  ] as const)('answers %s with %i %s', async (path, status, code, detail) => {
    const res = await origin().get(path);
    expect(res.status).toBe(status);
    const doc = await problemOf(res);
    expect(doc).toMatchObject({ code, status });
    expect(doc.detail).toMatch(detail);
  });

  it_('is in the OpenAPI description, with the type each answers', async () => {
    const doc = await json(await origin().get('/v1/openapi.json'));
    const type = (path: string) => Object.keys(doc.paths[path].get.responses['200'].content);
    expect(type('/{country}/{name}/meteogram.svg')).toEqual(['image/svg+xml']);
    expect(type('/{country}/{name}/widget')).toEqual(['text/html']);
  });
});

describe.each(drivers)('an embed of a place nobody has opened yet, on $name', (driver) => {
  it.skipIf(driver.skip)(
    'asks for its weather as its page would, and says it is on its way for seconds only',
    async () => {
      const asked: string[] = [];
      const o = await createProviderOrigin(driver, undefined, {
        ensureWeather: async (place: Place) => {
          asked.push(`${place.countryCode}/${place.slug}`);
          return false; // nothing arrived in time
        },
      });
      try {
        // The fixture's one place without weather.
        const widget = await o.get('/US/London-KY/widget?units=metric');
        expect(asked).toEqual(['US/London-KY']);
        expect(widget.status).toBe(200);
        expect(await widget.text()).toContain('<p>No forecast for this place yet.</p>');
        const image = await o.get('/US/London-KY/meteogram.svg');
        expect(await image.text()).toContain('>No forecast for this place yet.</text>');
        for (const res of [widget, image])
          expect(res.headers.get('cdn-cache-control')).toBe(
            cacheHeaders(fetchingFreshness)['cdn-cache-control'],
          );
      } finally {
        await o.unfollow();
        await o.t.dispose();
      }
    },
  );
});
