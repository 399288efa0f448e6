import { describe, expect, it } from 'vitest';
import { PLACE_CACHE_CONTROL } from './support/fake-origin.ts';
import { createHarness } from './support/harness.ts';

const edgeOf = (response: Response) => response.headers.get('x-isobar-edge');

describe('cached GETs', () => {
  it('serves a hit after a miss, with the origin asked once', async () => {
    const h = await createHarness();
    const first = await h.get('/GB/London.json');
    expect(edgeOf(first)).toBe('miss');
    expect(await first.json()).toMatchObject({ place: 'GB/London', version: 1 });

    h.advance(10);
    const second = await h.get('/GB/London.json');
    expect(edgeOf(second)).toBe('hit');
    expect(await second.json()).toMatchObject({ place: 'GB/London', version: 1 });
    expect(h.origin.count()).toBe(1);
    // The client sees the origin's Cache-Control, not the TTL the edge stored the copy under.
    expect(second.headers.get('cache-control')).toBe(PLACE_CACHE_CONTROL);
    expect(second.headers.get('age')).toBe('10');
    expect(second.headers.get('etag')).toBe('"GB/London-v1"');
    expect(
      [...second.headers.keys()].filter(
        (name) => name.startsWith('x-isobar-') && name !== 'x-isobar-edge',
      ),
    ).toEqual([]);
  });

  it('asks the origin when the cache cannot be read, and says so in the log', async () => {
    const h = await createHarness({
      store: (store) => ({ ...store, get: () => Promise.reject(new Error('cache down')) }),
    });
    const first = await h.get('/GB/London.json');
    expect(first.status).toBe(200);
    expect(edgeOf(first)).toBe('miss');
    expect(await first.json()).toMatchObject({ place: 'GB/London', version: 1 });
    const second = await h.get('/GB/London.json');
    expect(edgeOf(second)).toBe('miss');
    expect(h.origin.count()).toBe(2);
    expect(h.logs).toEqual([
      'cache read failed for https://isobar.test/GB/London.json',
      'cache read failed for https://isobar.test/GB/London.json',
    ]);
  });

  it('keys on the URL alone and sends no visitor cookies or credentials to the origin', async () => {
    const h = await createHarness();
    await h.get('/GB/London', {
      headers: { cookie: 'place=FR/Paris; session=abc', authorization: 'Bearer x' },
    });
    const other = await h.get('/GB/London', {
      headers: { cookie: 'place=GB/London', accept: 'text/plain' },
    });
    expect(edgeOf(other)).toBe('hit');
    const sent = h.origin.requests[0]!;
    expect(sent.headers.get('cookie')).toBeNull();
    expect(sent.headers.get('authorization')).toBeNull();
    expect(sent.headers.get('x-forwarded-host')).toBe('isobar.test');
    expect(sent.headers.get('x-forwarded-proto')).toBe('https');
  });

  it('sorts the query into the key, and asks the origin with the sorted query', async () => {
    const h = await createHarness();
    expect(edgeOf(await h.get('/v1/locations?q=lon&limit=10'))).toBe('miss');
    expect(edgeOf(await h.get('/v1/locations?limit=10&q=lon'))).toBe('hit');
    expect(h.origin.count('/v1/locations?limit=10&q=lon')).toBe(1);
  });

  it('stores 301 and 404 answers, but not 400s', async () => {
    const h = await createHarness();
    const moved = await h.get('/gb/london');
    expect(moved.status).toBe(301);
    expect(edgeOf(await h.get('/gb/london'))).toBe('hit');
    expect((await h.get('/XX/Nowhere')).status).toBe(404);
    const gone = await h.get('/XX/Nowhere');
    expect([gone.status, edgeOf(gone)]).toEqual([404, 'hit']);
    expect((await h.get('/GB/London?bogus=1')).status).toBe(400);
    expect(edgeOf(await h.get('/GB/London?bogus=1'))).toBe('miss');
    expect(h.origin.count('/GB/London?bogus=1')).toBe(2);
  });

  it('never stores an answer that sets a cookie or is private, nor hands its cookie to visitors', async () => {
    const h = await createHarness();
    const answers: Record<string, string>[] = [
      { 'cache-control': 'public, max-age=60', 'set-cookie': 'a=b' },
      { 'cache-control': 'private, max-age=60' },
      { 'cache-control': 'public, max-age=60', vary: 'Cookie' },
    ];
    for (const headers of answers) {
      h.origin.answerWith = () => new Response('x', { headers });
      const first = await h.get('/FR/Paris');
      // The origin saw no visitor state on this route, so a cookie here could only leak between
      // visitors.
      expect(first.headers.get('set-cookie')).toBeNull();
      const again = await h.get('/FR/Paris');
      expect(edgeOf(again), JSON.stringify(headers)).toBe('miss');
    }
  });

  it('gives each answer from one stored copy a request id of its own', async () => {
    const h = await createHarness();
    h.origin.answerWith = () =>
      new Response('{}', {
        headers: { 'cache-control': 'public, max-age=60', 'x-request-id': 'origin-id-1' },
      });
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push((await h.get('/GB/London.json')).headers.get('x-request-id'));
    expect(new Set(ids).size).toBe(3);
    expect(ids).not.toContain('origin-id-1');
    expect(ids.every((id) => /\S{8,}/.test(id ?? ''))).toBe(true);
  });

  it('makes one origin request for 100 concurrent misses', async () => {
    const h = await createHarness();
    const release = h.origin.hold();
    const pending = Array.from({ length: 100 }, () => h.get('/GB/London.json'));
    // Let every request reach the coalescer before the origin answers.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(h.edge.inFlight).toBe(1);
    release();
    const responses = await Promise.all(pending);
    expect(h.origin.count()).toBe(1);
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(responses.every((r) => r.status === 200 && edgeOf(r) === 'miss')).toBe(true);
    expect(edgeOf(await h.get('/GB/London.json'))).toBe('hit');
  });

  it("points redirects at the origin's own address back at the public host", async () => {
    const h = await createHarness();
    h.origin.answerWith = () =>
      new Response(null, {
        status: 301,
        headers: {
          location: 'http://origin.test/GB/London',
          'cache-control': 'public, max-age=60',
        },
      });
    expect((await h.get('/gb/london')).headers.get('location')).toBe(
      'https://isobar.test/GB/London',
    );
    expect((await h.get('/gb/london')).headers.get('location')).toBe(
      'https://isobar.test/GB/London',
    );
    expect((await h.get('/?place=GB/London')).headers.get('location')).toBe(
      'https://isobar.test/GB/London',
    );
  });

  it('answers HEAD and conditional requests from the stored copy', async () => {
    const h = await createHarness();
    await h.get('/GB/London.json');
    const head = await h.get('/GB/London.json', { method: 'HEAD' });
    expect([head.status, edgeOf(head), await head.text()]).toEqual([200, 'hit', '']);
    const conditional = await h.get('/GB/London.json', {
      headers: { 'if-none-match': '"GB/London-v1"' },
    });
    expect([conditional.status, conditional.headers.get('etag')]).toEqual([304, '"GB/London-v1"']);
    expect(h.origin.count()).toBe(1);
  });
});
