import { describe, expect, it } from 'vitest';
import { cacheKey } from '../src/cache/cache-key.ts';
import { createReadings, read } from '../src/readings.ts';
import { route } from '../src/routes.ts';

const ORIGIN = 'https://isobar.test';

describe('readings of a request', () => {
  it('are the route, the URL parts and the key that routing and the cache key give', () => {
    for (const [method, path] of [
      ['GET', '/GB/London.json'],
      ['HEAD', '/v1/locations?q=lon&limit=10'],
      ['GET', '/?place=GB/London'],
      ['GET', '/GB/London?utm_source=x'],
      ['POST', '/v1/observations'],
      ['OPTIONS', '/GB/London.json'],
    ] as const) {
      const url = `${ORIGIN}${path}`;
      const reading = read({ method, url });
      const decided = route(new Request(url, { method }));
      expect(reading.route, `${method} ${path}`).toBe(decided);
      expect(reading.key).toBe(decided === 'cached' ? cacheKey(url) : undefined);
      expect(reading.url.pathname).toBe(new URL(url).pathname);
      expect(reading.url.search).toBe(new URL(url).search);
    }
  });

  it('are kept by URL for GET and HEAD, each method its own', () => {
    const readings = createReadings();
    const url = `${ORIGIN}/GB/London.json`;
    const first = readings.of({ method: 'GET', url });
    expect(readings.of({ method: 'GET', url })).toBe(first);
    expect(first.route).toBe('cached');
    const head = readings.of({ method: 'HEAD', url });
    expect(head).not.toBe(first);
    expect(head.method).toBe('HEAD');
    // Other methods are read afresh and never kept: a POST to a place passes to the origin.
    expect(readings.of({ method: 'POST', url }).route).toBe('pass');
    expect(readings.of({ method: 'OPTIONS', url }).route).toBe('options');
    expect(readings.size).toBe(2);
  });

  it('are not kept for long URLs, which are read afresh', () => {
    const readings = createReadings();
    const url = `${ORIGIN}/v1/locations?q=${'a'.repeat(300)}`;
    const reading = readings.of({ method: 'GET', url });
    expect(reading.route).toBe('cached');
    expect(reading.key).toBe(cacheKey(url));
    expect(readings.size).toBe(0);
  });

  it('keep no more URLs than their limit', () => {
    const readings = createReadings(3);
    for (let i = 0; i < 10; i++) {
      const reading = readings.of({ method: 'GET', url: `${ORIGIN}/GB/Place${i}` });
      expect(reading.key).toBe(`${ORIGIN}/GB/Place${i}`);
      expect(readings.size).toBeLessThanOrEqual(3);
    }
  });
});
