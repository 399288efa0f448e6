import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { json, placeLoads, useTestOrigin } from '../support/fixture.ts';

describe.each(drivers)('caching contract on $name', (driver) => {
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip)(
    '1,000 concurrent requests to one cold place cost one database query',
    async () => {
      const before = await origin().counter('isobar_db_queries_total');
      const responses = await Promise.all(
        Array.from({ length: 1000 }, () => origin().get('/FR/Paris.json')),
      );
      expect(responses.every((r) => r.status === 200)).toBe(true);
      expect(new Set(responses.map((r) => r.headers.get('etag'))).size).toBe(1);
      expect((await origin().counter('isobar_db_queries_total')) - before).toBe(1);
      expect(await placeLoads(origin())).toBe(1);
      expect(
        await origin().counter('isobar_cache_requests_total', { result: 'miss' }),
      ).toBeGreaterThanOrEqual(1);
      expect(await origin().counter('isobar_cache_requests_total', { result: 'coalesced' })).toBe(
        999,
      );
      await origin().get('/FR/Paris.json');
      expect(
        await origin().counter('isobar_cache_requests_total', { result: 'hit' }),
      ).toBeGreaterThanOrEqual(1);
      const metrics = await (await origin().get('/metrics')).text();
      expect(metrics).toMatch(/isobar_db_queries_total\{query="place_document"\} 1/);
      expect(metrics).toMatch(/isobar_cache_requests_total\{result="coalesced"\} 999/);
    },
  );

  it.skipIf(driver.skip)('sends freshness that follows the next expected update', async () => {
    const res = await origin().get('/GB/London');
    expect(res.status).toBe(200);
    // The fixture clock is 10:15 and the demo source publishes hourly: 45 minutes left.
    expect(res.headers.get('cdn-cache-control')).toBe(
      'public, max-age=2700, stale-while-revalidate=120, stale-if-error=86400',
    );
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(new Date(res.headers.get('last-modified')!).getTime()).toBeGreaterThan(0);
    expect(res.headers.get('cache-tag')).toBe('place:GB/London,country:GB,isobar');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it.skipIf(driver.skip)('gives a place without weather a catalog lifetime', async () => {
    // The fixture's least populous place gets no demo weather.
    const res = await origin().get('/US/London-KY.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=3600/);
    expect((await json(res)).current).toBeNull();
  });

  it.skipIf(driver.skip)('answers HEAD with the headers of GET and no body', async () => {
    const get = await origin().get('/GB/London.txt');
    const head = await origin().app.request('/GB/London.txt', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    for (const h of ['etag', 'cache-control', 'last-modified', 'content-type', 'cache-tag']) {
      expect(head.headers.get(h)).toBe(get.headers.get(h));
    }
  });

  it.skipIf(driver.skip)('answers 304 to If-None-Match and If-Modified-Since', async () => {
    const first = await origin().get('/GB/London.txt');
    const etag = first.headers.get('etag')!;
    const modified = first.headers.get('last-modified')!;
    const byTag = await origin().get('/GB/London.txt', { 'if-none-match': etag });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect(byTag.headers.get('cache-control')).toMatch(/^public, max-age=/);
    expect(
      (await origin().get('/GB/London.txt', { 'if-none-match': `"other", W/${etag}` })).status,
    ).toBe(304);
    expect((await origin().get('/GB/London.txt', { 'if-none-match': '"other"' })).status).toBe(200);
    expect((await origin().get('/GB/London.txt', { 'if-modified-since': modified })).status).toBe(
      304,
    );
    const earlier = new Date(Date.parse(modified) - 1000).toUTCString();
    expect((await origin().get('/GB/London.txt', { 'if-modified-since': earlier })).status).toBe(
      200,
    );
    // If-None-Match wins over If-Modified-Since when both are sent.
    expect(
      (
        await origin().get('/GB/London.txt', {
          'if-none-match': '"other"',
          'if-modified-since': modified,
        })
      ).status,
    ).toBe(200);
  });

  it.skipIf(driver.skip)(
    'gives each representation and unit system its own validator',
    async () => {
      const tags = await Promise.all(
        ['/GB/London', '/GB/London.json', '/GB/London.txt', '/GB/London.json?units=imperial'].map(
          async (p) => (await origin().get(p)).headers.get('etag'),
        ),
      );
      expect(new Set(tags).size).toBe(4);
    },
  );

  it.skipIf(driver.skip)(
    'gives every requester of a cached answer the same body, and each its own request id',
    async () => {
      for (const path of [
        '/GB/Atlantis',
        '/GB/London.json',
        '/uk/london',
        '/v1/nearest?lat=51.51&lon=-0.13',
      ]) {
        const first = await origin().get(path, { cookie: 'place=FR/Paris' });
        const second = await origin().get(path, { authorization: 'Bearer x' });
        expect(first.headers.get('cache-control'), path).toMatch(/^public, /);
        expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
        const body = await first.text();
        expect(await second.text(), path).toBe(body);
        expect(body).not.toContain(first.headers.get('x-request-id'));
        expect(body).not.toContain('request_id');
      }
    },
  );

  it.skipIf(driver.skip)('caches search and nearest answers publicly', async () => {
    for (const path of [
      '/v1/locations?q=lon',
      '/v1/nearest?lat=51.51&lon=-0.13',
      '/v1/locations/GB/London',
    ]) {
      const res = await origin().get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('cdn-cache-control')).toMatch(
        /^public, max-age=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/,
      );
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });
});
