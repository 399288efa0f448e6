import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { type EdgeWorker, startEdgeWorker } from '../support/edge-worker.ts';
import { json } from '../support/fixture.ts';
import { closedPort } from '../support/http-origin.ts';
import { type ServingFixture, startServingFixture } from '../support/serving-fixture.ts';
import { issueToken } from '../support/tokens.ts';
import { HAVE_VARNISH, startVarnish, type Varnish } from '../support/varnish.ts';

// The real origin (as `isobar serve` wires it, on PGlite) behind Varnish (where Cloudflare's CDN
// stands) behind the real worker (workerd, through wrangler), on 127.0.0.1: the first visit,
// reads and writes walk through them together. Caching and purges are test/e2e/every-cache.test.ts's, with Varnish between them.
describe.skipIf(!HAVE_VARNISH)('edge worker in front of the real origin', () => {
  let o: ServingFixture;
  let varnish: Varnish;
  let worker: EdgeWorker;
  let edge: URL;

  beforeAll(async () => {
    // Each must know the other's address before it starts: the origin's port is chosen first.
    const port = await closedPort();
    varnish = await startVarnish({ backendPort: port });
    worker = await startEdgeWorker(varnish.base);
    edge = await worker.url;
    o = await startServingFixture(drivers[0]!, { PORT: String(port) });
  }, 60_000);

  afterAll(async () => {
    await worker?.dispose();
    await o?.dispose();
    await varnish?.stop();
  });

  const originHits = (route: string) => o.counter('isobar_http_requests_total', { route });

  it('redirects a first visit by request.cf, then by the cookie without asking the origin', async () => {
    const first = await worker.fetch(new URL('/', edge), {
      redirect: 'manual',
      cf: { latitude: '48.8566', longitude: '2.3522', country: 'FR' },
    });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/FR/Paris');
    expect(first.headers.get('set-cookie')).toMatch(
      /^place=FR\/Paris; Max-Age=31536000; Path=\/; SameSite=Lax; HttpOnly/,
    );
    expect(first.headers.get('x-isobar-first-visit')).toBe('geo');
    // The origin answered one nearest-place question, asked at the rounded point (any other
    // spelling would have been a 301 from the origin, not a 200).
    expect(await o.counter('isobar_http_requests_total', { route: 'nearest', status: '200' })).toBe(
      1,
    );
    expect(await o.counter('isobar_http_requests_total', { route: 'nearest', status: '301' })).toBe(
      0,
    );
    // A neighbour a few hundred metres away shares the cached answer (Varnish here, the CDN live).
    const neighbour = await worker.fetch(new URL('/', edge), {
      redirect: 'manual',
      cf: { latitude: '48.8581', longitude: '2.3498' },
    });
    expect(neighbour.headers.get('location')).toBe('/FR/Paris');
    expect(await o.counter('isobar_http_requests_total', { route: 'nearest' })).toBe(1);

    const before = await o.counter('isobar_http_requests_total');
    const again = await worker.fetch(new URL('/', edge), {
      redirect: 'manual',
      headers: { cookie: 'place=FR/Paris' },
    });
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toBe('/FR/Paris');
    expect(again.headers.get('x-isobar-first-visit')).toBe('cookie');
    expect(await o.counter('isobar_http_requests_total')).toBe(before);
  });

  it('passes reads and writes through to the origin, as they came', async () => {
    const before = await originHits('place');
    const read = await worker.fetch(new URL('/GB/London.json', edge));
    expect(read.status).toBe(200);
    expect((await json(read)).location.path).toBe('/GB/London');
    expect(read.headers.get('cdn-cache-control')).toMatch(/^public, max-age=\d+/);
    expect(await originHits('place')).toBe(before + 1);

    const token = await issueToken(o.serving.db, 'write');
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    const written = await worker.fetch(new URL('/v1/observations', edge), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          place: 'FR/Paris',
          source: 'meteo',
          observed_at: hour,
          condition: 'snow',
          temperature_c: -1,
        },
      ]),
    });
    expect(written.status).toBe(200);
    expect(await json(written)).toMatchObject({ inserted: 1, places: ['FR/Paris'] });
    const paris = await json(await worker.fetch(new URL('/FR/Paris.json', edge)));
    expect(paris.current?.source).toBe('meteo');
  });

  it('refuses operator pages at the edge, however they are spelled', async () => {
    for (const path of ['/metrics', '/Metrics', '//healthz', '/dashboard/operations']) {
      const res = await worker.fetch(`${edge.origin}${path}`);
      expect([path, res.status]).toEqual([path, 403]);
    }
  });
});
