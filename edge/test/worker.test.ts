import { exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeOrigin, type FakeOrigin } from './support/fake-origin.ts';

/**
 * The deployed wiring (src/index.ts): caches.default, global fetch to ORIGIN_URL, request.cf.
 * The origin is the same fake, installed as the isolate's global fetch; each request here is
 * a request of its own to the worker, as in production.
 */
function fakeGlobalOrigin(): FakeOrigin {
  const origin = createFakeOrigin();
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) =>
    origin.fetch(new Request(input, init)),
  );
  return origin;
}

const edgeOf = (response: Response) => response.headers.get('x-isobar-edge');
const worker = exports.default;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the deployed worker', () => {
  it('serves a hit after a miss from caches.default, asking ORIGIN_URL', async () => {
    const origin = fakeGlobalOrigin();
    expect(edgeOf(await worker.fetch('https://isobar.test/GB/London.txt'))).toBe('miss');
    expect(edgeOf(await worker.fetch('https://isobar.test/GB/London.txt'))).toBe('hit');
    expect(origin.requests.map((r) => r.url)).toEqual(['http://origin.test/GB/London.txt']);
  });

  it('coalesces 100 concurrent misses arriving as separate requests', async () => {
    const origin = fakeGlobalOrigin();
    const release = origin.hold();
    const pending = Array.from({ length: 100 }, () =>
      worker.fetch('https://isobar.test/FR/Paris.json'),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const responses = await Promise.all(pending);
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(new Set(await Promise.all(responses.map((r) => r.text()))).size).toBe(1);
    expect(origin.count()).toBe(1);
  });

  it('redirects from request.cf', async () => {
    const origin = fakeGlobalOrigin();
    const cf = { latitude: '48.8566', longitude: '2.3522' } as IncomingRequestCfProperties;
    const response = await worker.fetch(
      new Request('https://isobar.test/', { cf, redirect: 'manual' }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('set-cookie')).toMatch(/^place=GB\/London; /);
    expect(origin.requests.map((r) => new URL(r.url).search)).toEqual(['?lat=48.86&lon=2.35']);
  });
});
