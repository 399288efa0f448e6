import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdge, type Edge } from '../../edge/src/edge.ts';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { drivers } from '../support/databases.ts';
import { createTestOrigin, FIXTURE_NOW, type TestOrigin } from '../support/fixture.ts';
import {
  credentials,
  expectSafeAnswer,
  hostileBody,
  hostileHeaders,
  hostileMethod,
  hostileTarget,
  isPublic,
  runProperty,
  urlFor,
} from '../support/hostile-inputs.ts';
import { issueToken } from '../support/tokens.ts';

// Case counts per property; the suite stays well under a minute per driver.
const RUNS = { targets: 300, headers: 200, shared: 150, bodies: 150, series: 300, memory: 200 };
const CACHE_BYTES = 16 * 1024;
const WRITE_PATHS = [
  '/v1/observations',
  '/v1/forecasts',
  '/v1/purge',
  '/_edge/purge',
  '/GB/London',
];

type Send = (url: string, init?: RequestInit) => Promise<Response>;

describe.each(drivers)('hostile input on $name', (driver) => {
  let o: TestOrigin;
  let edge: Edge;
  let writeToken = '';
  const env = { ORIGIN_URL: 'http://origin.test', ORIGIN_TIMEOUT_MS: '5000' };

  beforeAll(async () => {
    if (driver.skip) return;
    o = await createTestOrigin(driver);
    writeToken = await issueToken(o.t.db, 'write');
    edge = createEdge({
      origin: (request) => Promise.resolve(o.app.fetch(request)),
      geo: { locate: () => undefined },
      log: () => {},
    });
  });
  afterAll(() => o?.t.dispose());

  const sides: [string, Send][] = [
    ['origin', (url, init) => Promise.resolve(o.app.request(url, init))],
    ['edge', (url, init) => edge.fetch(new Request(url, init), env)],
  ];

  describe.each(sides)('through the %s', (side, send) => {
    const label = (what: string) => `${what} (${side}, ${driver.name})`;

    it.skipIf(driver.skip)(
      'answers any path and query without a 5xx or an off-site Location',
      async () => {
        const runs = await runProperty(
          label('paths'),
          hostileTarget,
          RUNS.targets,
          async (target) => {
            const url = urlFor(target);
            if (!url) return;
            expectSafeAnswer(await send(url), target);
          },
        );
        expect(runs).toBe(RUNS.targets);
      },
    );

    it.skipIf(driver.skip)('answers any headers and method alike safely', async () => {
      const input = fc.tuple(hostileTarget, hostileMethod, hostileHeaders);
      await runProperty(
        label('headers'),
        input,
        RUNS.headers,
        async ([target, method, headers]) => {
          const url = urlFor(target);
          if (!url) return;
          expectSafeAnswer(await send(url, { method, headers }), `${method} ${target}`);
        },
      );
    });

    it.skipIf(driver.skip)(
      'gives a shared (public) answer that ignores cookies and credentials',
      async () => {
        const input = fc.tuple(hostileTarget, credentials);
        await runProperty(label('cookie/auth'), input, RUNS.shared, async ([target, sent]) => {
          const url = urlFor(target);
          if (!url) return;
          const plain = await send(url);
          const withCredentials = await send(url, { headers: sent });
          expectSafeAnswer(withCredentials, target);
          if (!isPublic(plain) && !isPublic(withCredentials)) return;
          expect(withCredentials.status, `${target} with ${JSON.stringify(sent)}`).toBe(
            plain.status,
          );
          expect(await withCredentials.text(), target).toBe(await plain.text());
        });
      },
    );

    it.skipIf(driver.skip)('refuses any body to any write without a 5xx', async () => {
      const input = fc.tuple(
        fc.constantFrom(...WRITE_PATHS),
        fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
        hostileBody,
        fc.constantFrom('application/json', 'application/x-ndjson', 'text/csv', 'text/plain', ''),
        fc.boolean(),
      );
      await runProperty(
        label('bodies'),
        input,
        RUNS.bodies,
        async ([path, method, body, type, auth]) => {
          const headers: Record<string, string> = {};
          if (type) headers['content-type'] = type;
          if (auth) headers.authorization = `Bearer ${writeToken}`;
          const raw =
            typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
          const res = await send(`https://isobar.test${path}`, { method, headers, body: raw });
          expectSafeAnswer(res, `${method} ${path}`);
          await res.arrayBuffer();
        },
      );
    });
  });

  it.skipIf(driver.skip)('keeps the request counter to a bounded set of series', async () => {
    const series = async () =>
      (await o.metrics.registry.getSingleMetric('isobar_http_requests_total')?.get())?.values ?? [];
    const input = fc.tuple(hostileTarget, hostileMethod);
    await runProperty(label2('metric series'), input, RUNS.series, async ([target, method]) => {
      const url = urlFor(target);
      if (!url) return;
      await (await o.app.request(url, { method })).arrayBuffer();
    });
    const values = await series();
    console.log(`[hostile] isobar_http_requests_total series on ${driver.name}: ${values.length}`);
    // Methods fold to a fixed set, routes are route names, never the paths sent.
    expect(values.length).toBeLessThan(150);
    for (const { labels } of values) {
      expect(String(labels.route ?? '')).not.toMatch(/[/%@.]/);
      expect(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'other']).toContain(
        labels.method,
      );
    }
  });

  it.skipIf(driver.skip)('holds the micro-cache to its byte bound whatever is asked', async () => {
    const app = createIsobarApp({
      db: o.t.db,
      metrics: createMetrics(),
      now: () => FIXTURE_NOW,
      log: { error: () => {} },
      client: { socketAddress: () => '127.0.0.1' },
      cacheMaxBytes: CACHE_BYTES,
    });
    let most = 0;
    const input = fc.oneof(
      hostileTarget,
      fc.integer({ min: 1, max: 50 }).map((n) => `/v1/locations?limit=${n}&q=l`),
    );
    await runProperty(label2('micro-cache bytes'), input, RUNS.memory, async (target) => {
      const url = urlFor(target);
      if (!url) return;
      await (await app.request(url)).arrayBuffer();
      most = Math.max(most, app.cache.bytes);
      expect(app.cache.bytes).toBeLessThanOrEqual(CACHE_BYTES);
    });
    console.log(`[hostile] micro-cache on ${driver.name}: at most ${most} of ${CACHE_BYTES} bytes`);
    expect(most).toBeGreaterThan(0);
  });

  const label2 = (what: string) => `${what} (origin, ${driver.name})`;
});
