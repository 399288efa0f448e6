import { describe, expect, it } from 'vitest';
import { createHarness } from './support/harness.ts';

const edgeOf = (response: Response) => response.headers.get('x-isobar-edge');

describe('everything else', () => {
  it('passes writes through with their body and credentials, uncached', async () => {
    const h = await createHarness();
    const init = {
      method: 'POST',
      body: JSON.stringify({ observations: [] }),
      headers: { authorization: 'Bearer t0ken', 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.9' },
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

  it('passes health and dashboard pages through with cookies, uncached', async () => {
    const h = await createHarness();
    for (const path of ['/healthz', '/healthz', '/dashboard/places', '/dashboard/places']) {
      expect(edgeOf(await h.get(path, { headers: { cookie: 'session=s' } }))).toBe('bypass');
    }
    expect(h.origin.count()).toBe(4);
    expect(h.origin.requests[2]!.headers.get('cookie')).toBe('session=s');
  });

  it('refuses /metrics and unknown /_edge paths without asking the origin', async () => {
    const h = await createHarness();
    for (const path of ['/metrics', '/metrics/', '/_edge/other']) {
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
    expect(await response.json()).toMatchObject({ code: 'origin-unreachable', instance: '/healthz' });
  });
});
