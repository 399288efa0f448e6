import { describe, expect, it } from 'vitest';
import { readPlaceCookie } from '../../src/contract/uris/cookie.ts';
import { cfGeo } from '../src/geo.ts';
import { createHarness } from './support/harness.ts';

const LONDON_CF = { latitude: '51.50740', longitude: '-0.12780' } as IncomingRequestCfProperties;

describe('first visit at the edge', () => {
  it('redirects a valid cookie with no origin request', async () => {
    const h = createHarness({ geo: cfGeo });
    const response = await h.get('/', {
      headers: { cookie: 'theme=dark; place=FR/Paris' },
      cf: LONDON_CF,
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/FR/Paris');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-isobar-first-visit')).toBe('cookie');
    expect(h.origin.count()).toBe(0);
  });

  it('redirects from request.cf by a plain lookup of the rounded nearest-place URI', async () => {
    const h = createHarness({ geo: cfGeo });
    const response = await h.get('/', { cf: LONDON_CF, headers: { cookie: 'theme=dark' } });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/GB/London');
    expect(response.headers.get('set-cookie')).toBe(
      'place=GB/London; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly; Secure',
    );
    expect(response.headers.get('x-isobar-first-visit')).toBe('geo');
    // A neighbour rounds to the same point: the same URI, one entry in the CDN's cache.
    await h.get('/', { cf: { latitude: '51.5148', longitude: '-0.1324' } as never });
    expect(h.origin.requests.map((r) => r.url)).toEqual([
      'http://origin.test/v1/nearest?lat=51.51&lon=-0.13',
      'http://origin.test/v1/nearest?lat=51.51&lon=-0.13',
    ]);
    // Nothing of the visitor goes along, so no header can split the shared cache entry.
    const sent = h.origin.requests[0]!;
    expect([...sent.headers.keys()]).toEqual([]);
    expect(sent.method).toBe('GET');
  });

  it('passes / to the origin when request.cf has no usable position', async () => {
    const h = createHarness({ geo: cfGeo });
    for (const cf of [
      undefined,
      { latitude: '', longitude: '' },
      { latitude: '91', longitude: '0' },
    ]) {
      const response = await h.get('/', { cf: cf as IncomingRequestCfProperties | undefined });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/FR/Paris');
      expect(response.headers.get('set-cookie')).toBe('place=FR/Paris; Path=/');
      expect(response.headers.get('x-isobar-first-visit')).toBe('origin');
    }
    expect(h.origin.count('/')).toBe(3);
    expect(h.origin.count()).toBe(3);
  });

  it('ignores a cookie that is not a strict place, so a redirect never leaves the site', async () => {
    expect(readPlaceCookie('place=//evil.example')).toBeNull();
    expect(readPlaceCookie('place=https://evil.example/')).toBeNull();
    expect(readPlaceCookie('place=GB/London/../../x')).toBeNull();
    expect(readPlaceCookie('place=gb/london')).toBeNull();
    expect(readPlaceCookie('place=GB%2FLondon')).toBe('GB/London');
    expect(readPlaceCookie('replace=FR/Paris; place=bad; place=GB/London')).toBe('GB/London');
    const h = createHarness({ geo: cfGeo });
    const response = await h.get('/', { headers: { cookie: 'place=//evil.example' } });
    expect(response.headers.get('x-isobar-first-visit')).toBe('origin');
  });

  it('leaves / with a query (an override, or tracking) to the origin, cookies and all', async () => {
    const h = createHarness({ geo: cfGeo });
    const response = await h.get('/?place=GB/London', {
      headers: { cookie: 'place=FR/Paris; theme=dark' },
      cf: LONDON_CF,
    });
    expect(response.headers.get('x-isobar-first-visit')).toBeNull();
    expect(h.origin.count('/?place=GB/London')).toBe(1);
    expect(h.origin.requests[0]!.headers.get('cookie')).toBe('place=FR/Paris; theme=dark');
  });

  it.each([
    ['an error status', () => new Response('broken', { status: 500 })],
    ['a redirect', () => new Response(null, { status: 301, headers: { location: '/v1/x' } })],
    ['an answer that names no place', () => Response.json({ location: { path: '//evil/x' } })],
    ['a body that is not JSON', () => new Response('<html>')],
  ])('falls back to the origin on %s from the nearest lookup', async (_, nearest) => {
    const h = createHarness({ geo: cfGeo });
    h.origin.answerWith = (r) =>
      new URL(r.url).pathname === '/'
        ? new Response(null, { status: 302, headers: { location: '/FR/Paris' } })
        : nearest();
    const response = await h.get('/', { cf: LONDON_CF });
    expect(response.headers.get('x-isobar-first-visit')).toBe('origin');
    expect(h.origin.count('/v1/nearest?lat=51.51&lon=-0.13')).toBe(1);
    expect(h.origin.count('/')).toBe(1);
    expect(response.headers.get('location')).toBe('/FR/Paris');
  });

  it('gives up on a nearest lookup that hangs, then on the origin, within the timeout', async () => {
    const h = createHarness({ geo: cfGeo, timeoutMs: 50 });
    h.origin.failure = 'hang';
    const started = Date.now();
    const response = await h.get('/', { cf: LONDON_CF });
    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(h.logs[0]).toBe('nearest-place lookup failed for /v1/nearest?lat=51.51&lon=-0.13');
  });
});
