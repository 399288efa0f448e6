import { exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeOrigin, type FakeOrigin } from './support/fake-origin.ts';

/**
 * The deployed wiring (src/index.ts): the runtime's fetch to ORIGIN_URL, request.cf, the
 * bindings of wrangler.jsonc. The origin is the fake, installed as the isolate's global fetch.
 */
function fakeGlobalOrigin(): FakeOrigin {
  const origin = createFakeOrigin();
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) =>
    origin.fetch(new Request(input, init)),
  );
  return origin;
}

const worker = exports.default;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the deployed worker', () => {
  it('redirects from request.cf, asking ORIGIN_URL for the nearest place', async () => {
    const origin = fakeGlobalOrigin();
    const cf = { latitude: '48.8566', longitude: '2.3522' } as IncomingRequestCfProperties;
    const response = await worker.fetch(
      new Request('https://isobar.test/', { cf, redirect: 'manual' }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('set-cookie')).toMatch(/^place=GB\/London; /);
    expect(origin.requests.map((r) => r.url)).toEqual([
      'http://origin.test/v1/nearest?lat=48.86&lon=2.35',
    ]);
  });

  it('passes every other request to ORIGIN_URL, each time: it keeps no cache of its own', async () => {
    const origin = fakeGlobalOrigin();
    for (let i = 0; i < 2; i++) {
      const response = await worker.fetch('https://isobar.test/GB/London.txt');
      expect(response.status).toBe(200);
      expect(response.headers.get('cf-cache-status')).toBeNull();
    }
    expect(origin.requests.map((r) => r.url)).toEqual([
      'http://origin.test/GB/London.txt',
      'http://origin.test/GB/London.txt',
    ]);
  });

  it('refuses an operator page', async () => {
    const origin = fakeGlobalOrigin();
    const response = await worker.fetch('https://isobar.test/%6Detrics/');
    expect(response.status).toBe(403);
    expect(origin.count()).toBe(0);
  });
});
