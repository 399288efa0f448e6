import { describe, expect, it } from 'vitest';
import { createMemoryCacheStore } from '../../edge/src/cache/memory-cache-store.ts';
import { handlePurge } from '../../edge/src/purge/purge.ts';
import { createMemoryReplayGuard } from '../../edge/src/purge/replay-guard.ts';
import { MAX_PURGE_KEYS } from '../../src/contract/purge-request.ts';
import { placeUris } from '../../src/contract/uris/place-uri.ts';
import {
  batches,
  createEdgePurgeClient,
  EdgePurgeError,
} from '../../src/edge-client/purge-client.ts';

const SECRET = 'shared-secret';
const NOW = Date.parse('2026-06-01T12:00:00Z');
const clock = () => NOW;

/** The worker's own purge handler on the memory twin, reached through the client's fetch. */
function fakeEdge() {
  const store = createMemoryCacheStore(clock);
  const replay = createMemoryReplayGuard({ clock });
  const sent: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push(request.clone());
    return handlePurge(request, { store, replay, clock, secret: SECRET, onPurge: () => {} });
  };
  const put = (path: string) =>
    store.put(
      `https://isobar.test${path}`,
      { status: 200, headers: new Headers(), body: new ArrayBuffer(0), storedAt: NOW },
      60,
    );
  return { store, sent, fetch: fetch as typeof globalThis.fetch, put };
}

describe('edge purge client', () => {
  it('signs purges exactly as the worker verifies them', async () => {
    const edge = fakeEdge();
    await edge.put('/GB/London.json');
    await edge.put('/FR/Paris?units=imperial');
    await edge.put('/DE/Berlin');
    const client = createEdgePurgeClient({
      url: 'https://isobar.test',
      secret: SECRET,
      fetch: edge.fetch,
      clock,
    });
    const result = await client.purge({ uris: ['/GB/London.json'], places: ['FR/Paris'] });
    expect(result).toEqual({ purged: 2, keys: 1 + placeUris('FR/Paris').length });
    expect(await edge.store.get('https://isobar.test/GB/London.json')).toBeUndefined();
    expect(await edge.store.get('https://isobar.test/DE/Berlin')).toBeDefined();
    expect(edge.sent[0]!.url).toBe('https://isobar.test/_edge/purge');
  });

  it('is refused by an edge with another secret, with the problem attached', async () => {
    const edge = fakeEdge();
    const client = createEdgePurgeClient({
      url: 'https://isobar.test',
      secret: 'wrong',
      fetch: edge.fetch,
      clock,
    });
    const error = await client.purge({ places: ['GB/London'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EdgePurgeError);
    expect(error).toMatchObject({ status: 401, problem: { code: 'purge-bad-signature' } });
  });

  it('cannot be replayed by whoever captured a request', async () => {
    const edge = fakeEdge();
    const client = createEdgePurgeClient({
      url: 'https://isobar.test',
      secret: SECRET,
      fetch: edge.fetch,
      clock,
    });
    await client.purge({ uris: ['/GB/London'] });
    const replay = await edge.fetch(edge.sent[0]!);
    expect(replay.status).toBe(401);
  });

  it('splits large purges into requests the worker accepts, and sends none for nothing', async () => {
    const places = Array.from({ length: 100 }, (_, i) => `GB/Place-${i}`);
    const uris = Array.from({ length: 700 }, (_, i) => `/v1/locations?q=p${i}`);
    const split = batches({ places, uris });
    for (const batch of split) {
      expect(
        batch.uris.length + batch.places.length * placeUris('GB/x').length,
      ).toBeLessThanOrEqual(MAX_PURGE_KEYS);
    }
    expect(split.flatMap((b) => b.places)).toEqual(places);
    expect(split.flatMap((b) => b.uris)).toEqual(uris);

    const edge = fakeEdge();
    const client = createEdgePurgeClient({
      url: 'https://isobar.test',
      secret: SECRET,
      fetch: edge.fetch,
      clock,
    });
    const result = await client.purge({ places, uris });
    expect(edge.sent.length).toBe(split.length);
    expect(result.keys).toBe(100 * placeUris('GB/x').length + 700);
    expect(await client.purge({})).toEqual({ purged: 0, keys: 0 });
    expect(edge.sent.length).toBe(split.length);
  });
});
