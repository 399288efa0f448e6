import { describe, expect, it } from 'vitest';
import {
  cacheHeaders,
  keepSeconds,
  storableFreshness,
} from '../../src/contract/protocol/freshness.ts';
import { cacheKey } from '../src/cache/cache-key.ts';
import { entryState, mayServeOnError } from '../src/cache/freshness.ts';
import { route, targetOf } from '../src/routes.ts';

const headers = (init: Record<string, string>) => new Headers(init);

describe('what the edge may store', () => {
  it('takes s-maxage over max-age, with the RFC 5861 windows', () => {
    const f = storableFreshness(
      200,
      headers({
        'cache-control':
          'public, max-age=10, s-maxage=60, stale-while-revalidate=30, stale-if-error=600',
      }),
    );
    expect(f).toEqual({ maxAge: 60, staleWhileRevalidate: 30, staleIfError: 600 });
    expect(entryState(f!, 0, 59_000)).toBe('fresh');
    expect(entryState(f!, 0, 61_000)).toBe('stale-while-revalidate');
    expect(entryState(f!, 0, 91_000)).toBe('expired');
    expect(mayServeOnError(f!, 0, 659_000)).toBe(true);
    expect(mayServeOnError(f!, 0, 661_000)).toBe(false);
  });

  it('refuses what a shared cache must not keep', () => {
    const refused = [
      [200, { 'cache-control': 'public, max-age=60', 'set-cookie': 'a=b' }],
      [200, { 'cache-control': 'private, max-age=60' }],
      [200, { 'cache-control': 'no-store' }],
      [200, { 'cache-control': 'public, no-cache, max-age=60' }],
      [200, { 'cache-control': 'public' }],
      [200, { 'cache-control': 'public, max-age=60', vary: 'Accept-Encoding, Cookie' }],
      [400, { 'cache-control': 'public, max-age=60' }],
      [302, { 'cache-control': 'public, max-age=60' }],
      [503, { 'cache-control': 'public, max-age=60' }],
    ] as const;
    for (const [status, init] of refused)
      expect(storableFreshness(status, headers(init)), JSON.stringify(init)).toBeUndefined();
    expect(
      storableFreshness(
        404,
        headers({ 'cache-control': 'public, max-age=60, s-maxage=60', vary: 'accept-encoding' }),
      ),
    ).toBeDefined();
  });

  it('keeps an immutable answer (a complete past day) for its year', () => {
    const f = storableFreshness(
      200,
      headers({ 'cache-control': 'public, max-age=31536000, s-maxage=31536000, immutable' }),
    );
    expect(f).toEqual({
      maxAge: 31_536_000,
      staleWhileRevalidate: 0,
      staleIfError: 0,
      immutable: true,
    });
    expect(keepSeconds(f!)).toBe(31_536_000);
    expect(cacheHeaders(f!)['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(entryState(f!, 0, 364 * 86_400_000)).toBe('fresh');
    expect(entryState(f!, 0, 366 * 86_400_000)).toBe('expired');
  });

  it('never serves stale under must-revalidate', () => {
    const f = storableFreshness(
      200,
      headers({ 'cache-control': 'public, s-maxage=60, must-revalidate, stale-if-error=600' }),
    );
    expect(f).toEqual({ maxAge: 60, staleWhileRevalidate: 0, staleIfError: 0 });
  });
});

describe('keys and routes', () => {
  it('builds the key from origin, path and sorted query only', () => {
    expect(cacheKey('https://isobar.test/v1/locations?q=lon&limit=10')).toBe(
      'https://isobar.test/v1/locations?limit=10&q=lon',
    );
    expect(cacheKey('https://isobar.test/GB/London?')).toBe('https://isobar.test/GB/London');
  });

  it('reads a URL as the URL parser does, slicing only URLs the parser leaves as they are', () => {
    const parts = (t: { origin: string; pathname: string; search: string }) => ({
      origin: t.origin,
      pathname: t.pathname,
      search: t.search,
    });
    const same = (href: string) => {
      let parsed: URL;
      try {
        parsed = new URL(href);
      } catch {
        expect(() => targetOf(href), href).toThrow();
        return;
      }
      expect(parts(targetOf(href)), href).toEqual(parts(parsed));
    };
    const sliced = [
      'https://isobar.test/GB/London.json',
      'http://isobar.test/',
      'https://a-b.c1.example/v1/locations/GB/St%20Ives'.replace('%20', '_'),
      "https://isobar.test/@51.5,-0.1/x;y=z/a~b!c$d&e'f(g)h*i+j:k@l",
      'https://isobar.test//GB//London',
    ];
    for (const href of sliced) {
      expect(targetOf(href), href).not.toBeInstanceOf(URL);
      same(href);
    }
    // Each of these the parser changes (or refuses): they must not be sliced.
    const parsed = [
      'https://isobar.test',
      'https://ISOBAR.test/GB/London',
      'HTTPS://isobar.test/GB/London',
      'https://isobar.test:443/GB/London',
      'https://isobar.test:8443/GB/London',
      'https://127.0.0.1/GB/London',
      'https://1.2.3/GB/London',
      'https://isobar.0x7f/GB/London',
      'https://xn--bcher-kva.example/GB/London',
      'https://a.xn--zz/GB/London',
      'https://isobar.test/GB/./London',
      'https://isobar.test/GB/../London',
      'https://isobar.test/GB/.%2e/London',
      'https://isobar.test/%47B/London',
      'https://isobar.test/GB\\London',
      'https://isobar.test/GB/Lon don',
      'https://isobar.test/GB/Zürich',
      'https://isobar.test/GB/London?',
      'https://isobar.test/GB/London?b=2&a=1',
      'https://isobar.test/GB/London#now',
      'https://isobar.test/{x}^`|"<>',
      'https://user@isobar.test/GB/London',
      'https://isobar..test/GB/London',
    ];
    for (const href of parsed) same(href);
    // And any mixture of the characters that matter, the runtime's parser the judge.
    const pieces = ['a', 'Z', '0', '.', '..', '/', '//', '%2e', '%41', '\\', ':', '@', '?', '#'];
    const hosts = ['isobar.test', 'ISOBAR.test', 'x.1', 'xn--a', 'a.b:80', '[::1]', ''];
    let seed = 7;
    // A fixed sequence (Lehmer's generator), so a failure names a URL that fails again.
    const pick = <T>(xs: readonly T[]) => {
      seed = (seed * 48271) % 2147483647;
      return xs[seed % xs.length]!;
    };
    for (let i = 0; i < 2000; i++) {
      let path = '';
      for (let n = 1 + (i % 7); n > 0; n--) path += pick(pieces);
      same(`${pick(['http', 'https', 'Https'])}://${pick(hosts)}/${path}`);
    }
  });

  it('keys a query the same whichever way the URL was read', () => {
    expect(cacheKey(targetOf('https://isobar.test/v1/nearest?lon=1&lat=2'))).toBe(
      'https://isobar.test/v1/nearest?lat=2&lon=1',
    );
    expect(cacheKey(new URL('https://isobar.test/GB/London'))).toBe(
      cacheKey(targetOf('https://isobar.test/GB/London')),
    );
  });

  it('caches shared GETs only', () => {
    for (const path of [
      '/GB/London',
      '/gb/london/',
      '/GB/London.txt',
      '/@51.51,-0.13',
      '/v1/locations',
      '/v1/locations/GB/London',
      '/GB/London/2026-11-20',
      '/gb/london/2026-11-20.json',
      '/v1/locations/GB/London/history',
      '/v1/nearest',
      '/search',
      '/favicon.ico',
      '/robots.txt',
      '/api',
    ]) {
      expect(route(new Request(`https://isobar.test${path}`)), path).toBe('cached');
    }
    for (const path of [
      '/v1/observations',
      '/dashboard/x',
      '/healthz',
      '/apple-touch-icon.png',
      '/v1/tokens/x',
    ]) {
      expect(route(new Request(`https://isobar.test${path}`)), path).toBe('pass');
    }
    expect(route(new Request('https://isobar.test/GB/London', { method: 'POST' }))).toBe('pass');
    expect(route(new Request('https://isobar.test/'))).toBe('first-visit');
    expect(route(new Request('https://isobar.test/?place=GB/London'))).toBe('pass');
  });
});
