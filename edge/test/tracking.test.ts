import { describe, expect, it } from 'vitest';
import { cacheHeaders, redirectFreshness } from '../../src/contract/protocol/freshness.ts';
import { route } from '../src/routes.ts';
import { createHarness } from './support/harness.ts';

describe('tracking parameters at the edge', () => {
  it('answers the 301 itself: no origin request, no cache entry, whatever the spelling', async () => {
    const h = await createHarness();
    for (const path of [
      '/GB/London.json?utm_source=a',
      '/GB/London.json?utm_source=b&fbclid=c',
      '/GB/London.json?gclid=d',
    ]) {
      const res = await h.get(path);
      expect(res.status, path).toBe(301);
      expect(res.headers.get('location')).toBe('/GB/London.json');
      expect(res.headers.get('cache-control')).toBe(
        cacheHeaders(redirectFreshness)['cache-control'],
      );
    }
    expect(h.origin.count()).toBe(0);
    // The clean URI was never looked up or stored by the requests above.
    const clean = await h.get('/GB/London.json');
    expect(clean.headers.get('x-isobar-edge')).toBe('miss');
    expect(h.origin.count('/GB/London.json')).toBe(1);
  });

  it('keeps every other parameter as sent, for the origin to judge', async () => {
    const h = await createHarness();
    const res = await h.get('/v1/locations?utm_medium=x&q=Lon&bogus=1&_ga=2');
    expect(res.headers.get('location')).toBe('/v1/locations?q=Lon&bogus=1');
    const bogus = await h.get('/GB/London.json?bogus=1');
    expect(bogus.status).toBe(400);
  });

  it('never redirects off-site, however many slashes the path starts with', async () => {
    const h = await createHarness();
    // The edge folds `//ev/il.example` to a place path (`/ev/il.example`), as the origin would.
    for (const path of ['//ev/il.example?utm_source=a', '/\\/ev/il.example?fbclid=b']) {
      const res = await h.get(path);
      expect(res.status, path).toBe(301);
      expect(res.headers.get('location')).toBe('/ev/il.example');
    }
  });

  it.each([
    ['GET', '/GB/London?utm_source=x', 'tracking'],
    ['HEAD', '/?fbclid=x', 'tracking'],
    ['GET', '/?place=GB/London', 'pass'],
    ['GET', '/GB/London?units=imperial', 'cached'],
    ['POST', '/v1/observations?utm_source=x', 'pass'],
    ['GET', '/healthz?utm_source=x', 'pass'],
    ['GET', '/metrics?utm_source=x', 'refused'],
  ])('routes %s %s as %s', (method, path, expected) => {
    expect(route(new Request(`https://isobar.test${path}`, { method }))).toBe(expected);
  });
});
