import { describe, expect, it } from 'vitest';
import { createHarness } from './support/harness.ts';

const edgeOf = (response: Response) => response.headers.get('x-isobar-edge');

describe('everything else', () => {
  it('passes writes through with their body and credentials, uncached', async () => {
    const h = await createHarness();
    const init = {
      method: 'POST',
      body: JSON.stringify({ observations: [] }),
      headers: {
        authorization: 'Bearer t0ken',
        'content-type': 'application/json',
        'cf-connecting-ip': '203.0.113.9',
      },
    };
    const first = await h.get('/v1/observations', init);
    expect([first.status, edgeOf(first)]).toEqual([201, 'bypass']);
    await h.get('/v1/observations', { ...init, body: init.body });
    expect(h.origin.count('/v1/observations')).toBe(2);
    const sent = h.origin.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.headers.get('authorization')).toBe('Bearer t0ken');
    expect(sent.headers.get('x-forwarded-for')).toBe('203.0.113.9');
    expect(await sent.text()).toBe(init.body);
  });

  it('passes health and other uncached paths through uncached, with only the place cookie', async () => {
    const h = await createHarness();
    for (const path of ['/healthz', '/healthz', '/no/such/file', '/no/such/file']) {
      const headers = {
        cookie: 'session=s; place=GB/London; theme=dark',
        authorization: 'Basic eDp5',
      };
      expect(edgeOf(await h.get(path, { headers }))).toBe('bypass');
    }
    expect(h.origin.count()).toBe(4);
    expect(h.origin.requests[2]!.headers.get('cookie')).toBe('place=GB/London');
    // Credentials go only to the API that takes them.
    expect(h.origin.requests[2]!.headers.get('authorization')).toBeNull();
    await h.get('/healthz', { headers: { cookie: 'session=s' } });
    expect(h.origin.requests[4]!.headers.has('cookie')).toBe(false);
  });

  it.each([
    '//evil.example/x',
    '//evil.example',
    '///evil.example/x',
    '/\\evil.example/x',
    '/\\/evil.example/x',
    '//evil.example@origin.test/x',
    '//user:pw@evil.example/x',
    '//127.0.0.1:22/',
  ])('never lets the path %j choose the upstream host', async (path) => {
    const h = await createHarness();
    await h.get(path, { headers: { cookie: 'place=GB/London', authorization: 'Bearer t0ken' } });
    await h.get(`/v1${path}`, {
      method: 'POST',
      body: '{}',
      headers: { authorization: 'Bearer t0ken' },
    });
    expect(h.origin.requests.length).toBeGreaterThan(0);
    for (const sent of h.origin.requests)
      expect(new URL(sent.url).origin).toBe('http://origin.test');
  });

  it('refuses /metrics and unknown /_edge paths without asking the origin', async () => {
    const h = await createHarness();
    const spellings = [
      '/metrics',
      '/metrics/',
      '/%6detrics',
      '/%6D%65trics',
      '/METRICS',
      '//metrics',
      '/%2Fmetrics',
      '/%256detrics',
      '/_edge/other',
      '/%5fedge/other',
    ];
    for (const path of spellings) {
      const response = await h.get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect(h.origin.count()).toBe(0);
  });

  it('answers 502 as a problem when the origin cannot be reached', async () => {
    const h = await createHarness();
    h.origin.failure = 'down';
    const response = await h.get('/healthz');
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      code: 'origin-unreachable',
      instance: '/healthz',
    });
  });
});

describe('limits of the pass-through', () => {
  it('gives up on a hung origin for any request, not only cached GETs', async () => {
    const h = await createHarness({ timeoutMs: 100 });
    h.env.ORIGIN_WRITE_TIMEOUT_MS = '150';
    h.origin.failure = 'hang';
    for (const init of [{}, { method: 'POST', body: '[]' }]) {
      const started = Date.now();
      const response = await h.get('/healthz', init);
      expect(response.status).toBe(504);
      expect(await response.json()).toMatchObject({ code: 'origin-timeout' });
      expect(Date.now() - started).toBeLessThan(2000);
    }
    const overrides = await h.get('/?place=GB/London');
    expect(overrides.status).toBe(504);
  });

  it('drops the body of a GET instead of failing it', async () => {
    const h = await createHarness();
    let request: Request;
    try {
      request = new Request('https://isobar.test/healthz', { method: 'GET', body: 'ignored' });
    } catch {
      // This runtime refuses to build such a request at all; the platform may still deliver one.
      request = Object.assign(new Request('https://isobar.test/healthz'), {});
      Object.defineProperty(request, 'body', { value: new Response('ignored').body });
    }
    const response = await h.edge.fetch(request, h.env, {
      waitUntil() {},
      passThroughOnException() {},
      props: {},
    } as unknown as ExecutionContext);
    expect(response.status).toBe(200);
    expect(h.origin.requests[0]!.body).toBeNull();
  });
});
