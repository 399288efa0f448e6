import { describe, expect, it } from 'vitest';
import { readPlaceCookie } from '../../src/contract/uris/cookie.ts';
import { cfGeo } from '../src/geo.ts';
import { createHarness } from './support/harness.ts';

const LONDON_CF = { latitude: '51.50740', longitude: '-0.12780' } as IncomingRequestCfProperties;

describe('first visit at the edge', () => {
  it('redirects a valid cookie with no origin request', async () => {
    const h = await createHarness({ geo: cfGeo });
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

  it('redirects from request.cf through the cached nearest-place answer', async () => {
    const h = await createHarness({ geo: cfGeo });
    const response = await h.get('/', { cf: LONDON_CF });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/GB/London');
    expect(response.headers.get('set-cookie')).toBe(
      'place=GB/London; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly; Secure',
    );
    expect(response.headers.get('x-isobar-first-visit')).toBe('geo');
    expect(h.origin.count('/v1/nearest?lat=51.51&lon=-0.13')).toBe(1);

    // A neighbour rounds to the same point, so the origin is not asked again.
    const neighbour = await h.get('/', {
      cf: { latitude: '51.5148', longitude: '-0.1324' } as IncomingRequestCfProperties,
    });
    expect(neighbour.headers.get('location')).toBe('/GB/London');
    expect(neighbour.headers.get('x-isobar-edge')).toBe('hit');
    expect(h.origin.count()).toBe(1);
  });

  it('passes / to the origin when request.cf has no usable position', async () => {
    const h = await createHarness({ geo: cfGeo });
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
  });

  it('ignores a cookie that is not a strict place, so a redirect never leaves the site', async () => {
    expect(readPlaceCookie('place=//evil.example')).toBeNull();
    expect(readPlaceCookie('place=https://evil.example/')).toBeNull();
    expect(readPlaceCookie('place=GB/London/../../x')).toBeNull();
    expect(readPlaceCookie('place=gb/london')).toBeNull();
    expect(readPlaceCookie('place=GB%2FLondon')).toBe('GB/London');
    expect(readPlaceCookie('replace=FR/Paris; place=bad; place=GB/London')).toBe('GB/London');
    const h = await createHarness({ geo: cfGeo });
    const response = await h.get('/', { headers: { cookie: 'place=//evil.example' } });
    expect(response.headers.get('x-isobar-first-visit')).toBe('origin');
  });

  it('leaves / with a query (an override) to the origin', async () => {
    const h = await createHarness({ geo: cfGeo });
    const response = await h.get('/?place=GB/London', {
      headers: { cookie: 'place=FR/Paris' },
      cf: LONDON_CF,
    });
    expect(response.headers.get('x-isobar-edge')).toBe('bypass');
    expect(h.origin.count('/?place=GB/London')).toBe(1);
    expect(h.origin.requests[0]!.headers.get('cookie')).toBe('place=FR/Paris');
  });

  it('falls back to the origin when the nearest answer is unusable', async () => {
    const h = await createHarness({ geo: cfGeo });
    h.origin.failure = 500;
    const response = await h.get('/', { cf: LONDON_CF });
    expect(response.headers.get('x-isobar-first-visit')).toBe('origin');
    expect(h.origin.count('/v1/nearest?lat=51.51&lon=-0.13')).toBe(1);
    expect(h.origin.count('/')).toBe(1);
  });
});
