import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COARSE_AFTER } from '../../src/contract/protocol/cache-tags.ts';
import { createVarnishPurger, VarnishPurgeError } from '../../src/edge-client/varnish-purger.ts';
import { type CacheOrigin, send, startCacheOrigin } from '../support/cache-origin.ts';
import { HAVE_VARNISH, startVarnish, type Varnish } from '../support/varnish.ts';

/** Paths the origin serves, with the tags it gives them. */
const TAGGED: Record<string, string> = {
  '/GB/London': 'place:GB/London,country:GB,isobar',
  '/GB/London/2026-11-01.json': 'place:GB/London,country:GB,isobar',
  '/GB/Leeds': 'place:GB/Leeds,country:GB,isobar',
  '/v1/rankings/GB': 'ranking:GB,isobar',
  '/FR/Paris': 'place:FR/Paris,country:FR,isobar',
};

describe.skipIf(!HAVE_VARNISH)('the Varnish purger against two real Varnishes', () => {
  let origin: CacheOrigin;
  let caches: Varnish[];
  /** What each Varnish answers each path from: its stored copy (`hit`) or the origin. */
  const states = async () =>
    Promise.all(
      caches.map(async (v) =>
        Object.fromEntries(
          await Promise.all(
            Object.keys(TAGGED).map(async (path) => [
              path,
              (await send(`${v.base}${path}`)).headers['x-isobar-edge'],
            ]),
          ),
        ),
      ),
    );

  beforeAll(async () => {
    origin = await startCacheOrigin();
    for (const [path, tags] of Object.entries(TAGGED)) {
      origin.answer(path, {
        headers: {
          'cache-control': 'public, max-age=60',
          'cdn-cache-control': 'public, max-age=600',
          'cache-tag': tags,
        },
      });
    }
    caches = await Promise.all([
      startVarnish({ backendPort: origin.port }),
      startVarnish({ backendPort: origin.port }),
    ]);
  });
  afterAll(async () => {
    await Promise.all((caches ?? []).map((v) => v.stop()));
    await origin?.close();
  });

  it("purges a changed place's answers and its country's rankings from every Varnish, nothing else", async () => {
    await states();
    const purger = createVarnishPurger({ urls: caches.map((v) => v.base) });
    await purger.purge({
      places: ['GB/London'],
      days: [{ place: 'GB/London', date: '2026-11-01' }],
    });
    const after = {
      '/GB/London': 'miss',
      '/GB/London/2026-11-01.json': 'miss',
      '/GB/Leeds': 'hit',
      '/v1/rankings/GB': 'miss',
      '/FR/Paris': 'hit',
    };
    expect(await states()).toEqual([after, after]);
  });

  it("purges a country's tag for a change past COARSE_AFTER of its places", async () => {
    await states();
    const places = Array.from({ length: COARSE_AFTER + 1 }, (_, i) => `GB/Place-${i}`);
    await createVarnishPurger({ urls: caches.map((v) => v.base) }).purge({ places, days: [] });
    const after = {
      '/GB/London': 'miss',
      '/GB/London/2026-11-01.json': 'miss',
      '/GB/Leeds': 'miss',
      '/v1/rankings/GB': 'miss',
      '/FR/Paris': 'hit',
    };
    expect(await states()).toEqual([after, after]);
  });

  it('rejects, naming it, when one Varnish does not answer, having purged the others', async () => {
    await states();
    const down = 'http://127.0.0.1:9';
    const purger = createVarnishPurger({ urls: [caches[0]!.base, down], timeoutMs: 2000 });
    const error = await purger.purge({ places: ['FR/Paris'], days: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VarnishPurgeError);
    expect(String(error)).toContain('127.0.0.1:9');
    expect((await states())[0]!['/FR/Paris']).toBe('miss');
  });
});
