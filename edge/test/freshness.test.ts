import { describe, expect, it } from 'vitest';
import { createHarness } from './support/harness.ts';

const edgeOf = (response: Response) => response.headers.get('x-isobar-edge');

// The fake origin grants 60 s fresh, then 30 s stale-while-revalidate, 600 s stale-if-error.
describe('freshness beyond the Cache API', () => {
  it('serves stale while revalidating in the background', async () => {
    const h = await createHarness();
    await h.get('/GB/London.json');
    h.origin.version = 2;
    h.advance(70);
    const pending = h.send('/GB/London.json');
    const stale = await pending;
    expect(edgeOf(stale)).toBe('stale');
    expect(await stale.json()).toMatchObject({ version: 1 });
    await pending.settled;
    expect(h.origin.count()).toBe(2);
    // The background answer replaced the copy: fresh again, new version.
    const refreshed = await h.get('/GB/London.json');
    expect(edgeOf(refreshed)).toBe('hit');
    expect(await refreshed.json()).toMatchObject({ version: 2 });
  });

  it('serves stale when the origin is down, within stale-if-error', async () => {
    const h = await createHarness();
    await h.get('/GB/London.json');
    h.advance(300);
    h.origin.failure = 'down';
    const stale = await h.get('/GB/London.json');
    expect([stale.status, edgeOf(stale)]).toEqual([200, 'stale']);
    expect(await stale.json()).toMatchObject({ version: 1 });
  });

  it('serves stale when the origin answers 5xx or times out', async () => {
    const h = await createHarness({ timeoutMs: 50 });
    await h.get('/GB/London.json');
    h.advance(300);
    h.origin.failure = 503;
    expect(edgeOf(await h.get('/GB/London.json'))).toBe('stale');
    h.origin.failure = 'hang';
    const started = Date.now();
    const stale = await h.get('/GB/London.json');
    expect([stale.status, edgeOf(stale)]).toEqual([200, 'stale']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up on the stale copy once stale-if-error has run out', async () => {
    const h = await createHarness({ timeoutMs: 50 });
    await h.get('/GB/London.json');
    h.advance(60 + 600 + 1);
    h.origin.failure = 'down';
    const down = await h.get('/GB/London.json');
    expect(down.status).toBe(502);
    expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    h.origin.failure = 'hang';
    expect((await h.get('/GB/London.json')).status).toBe(504);
    h.origin.failure = 503;
    expect((await h.get('/GB/London.json')).status).toBe(503);
  });

  it('revalidates an expired copy with the origin and keeps it on 304', async () => {
    const h = await createHarness();
    await h.get('/GB/London.json');
    h.advance(120);
    const confirmed = await h.get('/GB/London.json');
    expect(edgeOf(confirmed)).toBe('revalidated');
    expect(await confirmed.json()).toMatchObject({ version: 1 });
    expect(h.origin.requests[1]!.headers.get('if-none-match')).toBe('"GB/London-v1"');
    expect(confirmed.headers.get('age')).toBe('0');
    expect(edgeOf(await h.get('/GB/London.json'))).toBe('hit');
  });

  it('fetches anew when an expired copy has changed at the origin', async () => {
    const h = await createHarness();
    await h.get('/GB/London.json');
    h.origin.version = 2;
    h.advance(120);
    const changed = await h.get('/GB/London.json');
    expect(edgeOf(changed)).toBe('miss');
    expect(await changed.json()).toMatchObject({ version: 2 });
  });
});
