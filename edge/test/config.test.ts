import { describe, expect, it } from 'vitest';
import { createEdge } from '../src/edge.ts';
import type { EdgeEnv } from '../src/env.ts';
import { fixedGeo } from '../src/geo.ts';
import { createFakeOrigin } from './support/fake-origin.ts';

/** A worker deployed without its origin must say so, and never fetch some default origin. */
describe('a worker without a usable ORIGIN_URL', () => {
  it.each<[string, EdgeEnv, RegExp]>([
    ['none', {}, /misconfigured: ORIGIN_URL is not set\./],
    ['a blank one', { ORIGIN_URL: ' ' }, /misconfigured: ORIGIN_URL is not set\./],
    ['a bad one', { ORIGIN_URL: 'internal-host:8080/x' }, /ORIGIN_URL is not valid/],
  ])('with %s answers a 500 problem naming the setting', async (_, env, detail) => {
    const origin = createFakeOrigin();
    const logged: string[] = [];
    const edge = createEdge({
      origin: origin.fetch,
      geo: fixedGeo(undefined),
      log: (message, error) => logged.push(`${message}: ${error}`),
    });
    for (const path of ['/GB/London.json', '/', '/v1/observations']) {
      const res = await edge.fetch(new Request(`https://isobar.test${path}`), env);
      expect(res.status).toBe(500);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.text();
      // At an HTML URI (`/`) the problem comes as a page that carries the same document.
      const doc = res.headers.get('content-type')?.startsWith('text/html')
        ? /<script type="application\/problem\+json" id="problem">(.*?)<\/script>/s.exec(body)![1]!
        : body;
      expect(JSON.parse(doc)).toMatchObject({
        code: 'edge-misconfigured',
        detail: expect.stringMatching(detail),
      });
      // The value stays in the log, not in the answer.
      expect(body).not.toMatch(/internal-host/);
    }
    expect(origin.count()).toBe(0);
    expect(logged[0]).toMatch(/ORIGIN_URL/);
  });

  it('reads the bindings again when they change', async () => {
    const origin = createFakeOrigin();
    const edge = createEdge({ origin: origin.fetch, geo: fixedGeo(undefined), log: () => {} });
    await edge.fetch(new Request('https://isobar.test/a'), { ORIGIN_URL: 'http://one.test' });
    await edge.fetch(new Request('https://isobar.test/b'), { ORIGIN_URL: 'http://two.test' });
    expect(origin.requests.map((r) => r.url)).toEqual(['http://one.test/a', 'http://two.test/b']);
  });
});
