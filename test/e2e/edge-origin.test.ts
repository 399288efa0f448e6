import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_startWorker } from 'wrangler';
import { purgeCommand } from '../../src/cli/commands/purge-command.ts';
import { loadConfig } from '../../src/config/env.ts';
import { createEdgePurgeClient } from '../../src/edge-client/purge-client.ts';
import { drivers } from '../support/databases.ts';
import { json } from '../support/fixture.ts';
import { closedPort } from '../support/http-origin.ts';
import { type ServingFixture, startServingFixture } from '../support/serving-fixture.ts';
import { issueToken } from '../support/tokens.ts';

const SECRET = 'e2e-purge-secret';
type Worker = Awaited<ReturnType<typeof unstable_startWorker>>;

// The real origin (as `isobar serve` wires it, on PGlite) behind the real worker (workerd,
// through wrangler), both on 127.0.0.1: the first visit and a cached read walk through the two
// together, and the origin's change log purges the worker.
describe('edge worker in front of the real origin', () => {
  let o: ServingFixture;
  let worker: Worker;
  let edge: URL;

  beforeAll(async () => {
    // Each must know the other's address before it starts: the origin's port is chosen first.
    const port = await closedPort();
    worker = await unstable_startWorker({
      config: new URL('../../edge/wrangler.jsonc', import.meta.url).pathname,
      bindings: {
        ORIGIN_URL: { type: 'plain_text', value: `http://127.0.0.1:${port}` },
        PURGE_SECRET: { type: 'plain_text', value: SECRET },
      },
      dev: {
        server: { hostname: '127.0.0.1', port: 0 },
        inspector: false,
        persist: false,
        watch: false,
        logLevel: 'error',
      },
    });
    edge = await worker.url;
    o = await startServingFixture(drivers[0]!, {
      PORT: String(port),
      EDGE_URL: edge.origin,
      PURGE_SECRET: SECRET,
    });
  }, 60_000);

  afterAll(async () => {
    await worker?.dispose();
    await o?.dispose();
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
    // A neighbour a few hundred metres away shares the edge's cached answer.
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

  it('serves a place from the edge cache after one origin read, until it is purged', async () => {
    const before = await originHits('place');
    const miss = await worker.fetch(new URL('/GB/London.json', edge));
    expect(miss.status).toBe(200);
    expect(miss.headers.get('x-isobar-edge')).toBe('miss');
    const body = await json(miss);
    expect(body.location.path).toBe('/GB/London');

    const hit = await worker.fetch(new URL('/GB/London.json', edge), {
      headers: { cookie: 'place=FR/Paris' },
    });
    expect(hit.headers.get('x-isobar-edge')).toBe('hit');
    expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
    expect(hit.headers.get('cache-tag')).toBe('place:GB/London');
    expect(await hit.json()).toEqual(body);
    expect(await originHits('place')).toBe(before + 1);

    const purge = createEdgePurgeClient({ url: edge.origin, secret: SECRET });
    await purge.purge({ places: ['GB/London'] });
    const after = await worker.fetch(new URL('/GB/London.json', edge));
    expect(after.headers.get('x-isobar-edge')).toBe('miss');
    expect(await originHits('place')).toBe(before + 2);
  });

  it('purges the worker when a write through it changes a place', async () => {
    const url = new URL('/FR/Paris.json', edge);
    expect((await worker.fetch(url)).headers.get('x-isobar-edge')).toBe('miss');
    expect((await worker.fetch(url)).headers.get('x-isobar-edge')).toBe('hit');

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
    expect(written.headers.get('x-isobar-edge')).toBe('bypass');
    expect(await json(written)).toMatchObject({ inserted: 1, places: ['FR/Paris'] });

    // The purge runs after the write's answer: poll until the worker has dropped its copy.
    await expect
      .poll(async () => (await json(await worker.fetch(url))).current?.source, { timeout: 5000 })
      .toBe('meteo');
  });

  it('purges by hand with `isobar purge`', async () => {
    const url = new URL('/DE/Munchen.json', edge);
    await worker.fetch(url);
    expect((await worker.fetch(url)).headers.get('x-isobar-edge')).toBe('hit');
    const config = loadConfig({ EDGE_URL: edge.origin, PURGE_SECRET: 'not-the-worker-secret' });
    const log = { warn: () => {} } as never;
    // A secret the worker does not share is refused, and the command says so.
    expect(await purgeCommand(config, o.serving.db, log, ['de/munchen'])).toBe(1);
    expect((await worker.fetch(url)).headers.get('x-isobar-edge')).toBe('hit');
    const right = { ...config, PURGE_SECRET: SECRET };
    expect(await purgeCommand(right, o.serving.db, log, ['de/munchen'])).toBe(0);
    expect((await worker.fetch(url)).headers.get('x-isobar-edge')).toBe('miss');
  });
});
