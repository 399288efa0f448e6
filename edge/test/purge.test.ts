import { describe, expect, it } from 'vitest';
import { PURGE_PATH, signPurge } from '../../src/contract/purge-request.ts';
import { placeUris } from '../../src/contract/uris/place-uri.ts';
import { createHarness, type Harness, PURGE_SECRET } from './support/harness.ts';

const edgeOf = (response: Response) => response.headers.get('x-isobar-edge');

interface SignedInit {
  body?: string;
  secret?: string;
  /** Seconds added to the harness clock for the timestamp. */
  skew?: number;
  method?: string;
}

async function signed(h: Harness, payload: unknown, init: SignedInit = {}) {
  const body = init.body ?? JSON.stringify(payload);
  const timestamp = String(Math.floor(h.now() / 1000) + (init.skew ?? 0));
  const signature = await signPurge(init.secret ?? PURGE_SECRET, {
    method: 'POST',
    path: PURGE_PATH,
    timestamp,
    body,
  });
  return {
    method: init.method ?? 'POST',
    body,
    headers: { 'x-isobar-timestamp': timestamp, 'x-isobar-signature': signature },
  };
}

describe('purge', () => {
  it('removes the given URIs from the cache', async () => {
    const h = await createHarness();
    await h.get('/GB/London.json');
    await h.get('/FR/Paris.json');
    const response = await h.get(PURGE_PATH, await signed(h, { uris: ['/GB/London.json'] }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ purged: 1, keys: 1 });
    expect(edgeOf(await h.get('/GB/London.json'))).toBe('miss');
    expect(edgeOf(await h.get('/FR/Paris.json'))).toBe('hit');
  });

  it('removes every representation of a place, in any units spelling', async () => {
    const h = await createHarness();
    const paths = [
      '/GB/London',
      '/GB/London.txt?units=imperial',
      '/v1/locations/GB/London',
      '/GB/London.json?units=metric',
    ];
    for (const path of paths) await h.get(path);
    await h.get('/FR/Paris');
    const response = await h.get(PURGE_PATH, await signed(h, { places: ['GB/London'] }));
    expect(await response.json()).toEqual({ purged: 4, keys: placeUris('GB/London').length });
    for (const path of paths) expect(edgeOf(await h.get(path))).toBe('miss');
    expect(edgeOf(await h.get('/FR/Paris'))).toBe('hit');
  });

  it('refuses a bad signature and keeps the cache', async () => {
    const h = await createHarness();
    await h.get('/GB/London.json');
    const wrongSecret = await signed(
      h,
      { uris: ['/GB/London.json'] },
      { secret: 'not-the-secret' },
    );
    const tampered = {
      ...(await signed(h, { uris: ['/FR/Paris.json'] })),
      body: JSON.stringify({ uris: ['/GB/London.json'] }),
    };
    const unsigned = { method: 'POST', body: JSON.stringify({ uris: ['/GB/London.json'] }) };
    for (const init of [wrongSecret, tampered, unsigned]) {
      const response = await h.get(PURGE_PATH, init);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect(edgeOf(await h.get('/GB/London.json'))).toBe('hit');
  });

  it('refuses a replayed signature', async () => {
    const h = await createHarness();
    const init = await signed(h, { uris: ['/GB/London.json'] });
    expect((await h.get(PURGE_PATH, init)).status).toBe(200);
    await h.get('/GB/London.json');
    h.advance(5);
    const replay = await h.get(PURGE_PATH, init);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ code: 'purge-replayed' });
    expect(edgeOf(await h.get('/GB/London.json'))).toBe('hit');
  });

  it('refuses timestamps outside the window', async () => {
    const h = await createHarness();
    for (const skew of [-301, 301]) {
      const response = await h.get(PURGE_PATH, await signed(h, { uris: ['/GB/London'] }, { skew }));
      expect(await response.json()).toMatchObject({ status: 401, code: 'purge-bad-timestamp' });
    }
  });

  it('refuses malformed bodies, other methods, and works only with a secret', async () => {
    const h = await createHarness();
    for (const payload of [
      {},
      { uris: ['https://evil.example/x'] },
      { uris: ['//evil.example/x'] },
      { places: ['gb/london'] },
      [],
    ]) {
      const response = await h.get(PURGE_PATH, await signed(h, payload));
      expect(response.status).toBe(400);
    }
    expect((await h.get(PURGE_PATH)).status).toBe(405);
    h.env.PURGE_SECRET = undefined;
    const edgeWithoutSecret = await h.edge.fetch(
      new Request(`https://isobar.test${PURGE_PATH}`, { method: 'POST', body: '{}' }),
      { ...h.env },
      { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext,
    );
    expect(edgeWithoutSecret.status).toBe(503);
  });

  it('does not store an answer the origin gave before a purge', async () => {
    const h = await createHarness();
    const release = h.origin.hold();
    const before = h.get('/GB/London.json');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await h.get(PURGE_PATH, await signed(h, { uris: ['/GB/London.json'] }));
    release();
    expect(edgeOf(await before)).toBe('miss');
    expect(edgeOf(await h.get('/GB/London.json'))).toBe('miss');
  });
});

describe('purge requests that should not cost the worker anything', () => {
  /** A body that counts the bytes the worker pulls from it. */
  function countingBody(total: number) {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { stream, pulled: () => pulled };
  }

  it('refuses an unsigned request before reading any of its body', async () => {
    const h = await createHarness();
    const body = countingBody(100 * 1024 * 1024);
    const response = await h.get(PURGE_PATH, { method: 'POST', body: body.stream });
    expect(response.status).toBe(401);
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it('stops reading a signed-looking body once it passes the limit', async () => {
    const h = await createHarness();
    const body = countingBody(100 * 1024 * 1024);
    const timestamp = String(Math.floor(h.now() / 1000));
    const response = await h.get(PURGE_PATH, {
      method: 'POST',
      body: body.stream,
      headers: { 'x-isobar-timestamp': timestamp, 'x-isobar-signature': 'a'.repeat(64) },
    });
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThan(256 * 1024);
  });

  it.each(['/\t/evil.example/x', '/\n/evil.example/x', '/\r\n/evil.example', '/GB/\u0000London'])(
    'refuses the signed key %j, which URL parsing would read as another host',
    async (uri) => {
      const h = await createHarness();
      const response = await h.get(PURGE_PATH, await signed(h, { uris: [uri] }));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'purge-bad-body' });
    },
  );
});
