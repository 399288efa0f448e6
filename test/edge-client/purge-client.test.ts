import { describe, expect, it } from 'vitest';
import {
  MAX_PURGE_KEYS,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyPurge,
} from '../../src/contract/purge-request.ts';
import { placeUris } from '../../src/contract/uris/place-uri.ts';
import {
  batches,
  createEdgePurgeClient,
  EdgePurgeError,
} from '../../src/edge-client/purge-client.ts';

const SECRET = 'shared-secret';
const NOW = Date.parse('2026-06-01T12:00:00Z');
const clock = () => NOW;

/**
 * A purge endpoint that verifies as the contract says (the worker's own endpoint is gone: the CDN
 * is purged by tag now), keeping a set of stored paths, reached through the client's fetch.
 */
function fakeEdge() {
  const stored = new Set<string>();
  const seen = new Set<string>();
  const sent: Request[] = [];
  const refuse = (code: string) => Response.json({ code }, { status: 401 });
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    sent.push(request.clone());
    const timestamp = request.headers.get(TIMESTAMP_HEADER) ?? '';
    const signature = request.headers.get(SIGNATURE_HEADER) ?? '';
    const body = await request.text();
    const parts = { method: request.method, path: new URL(request.url).pathname, timestamp, body };
    if (!(await verifyPurge(SECRET, parts, signature))) return refuse('purge-bad-signature');
    if (seen.has(signature)) return refuse('purge-replayed');
    seen.add(signature);
    const targets = JSON.parse(body) as { uris?: string[]; places?: string[] };
    const keys = [...(targets.uris ?? []), ...(targets.places ?? []).flatMap(placeUris)];
    const purged = keys.filter((key) => stored.delete(key)).length;
    return Response.json({ purged, keys: keys.length });
  };
  return {
    stored,
    sent,
    fetch: fetch as typeof globalThis.fetch,
    put: (p: string) => stored.add(p),
  };
}

describe('edge purge client', () => {
  it('signs purges exactly as the contract verifies them', async () => {
    const edge = fakeEdge();
    edge.put('/GB/London.json');
    edge.put('/FR/Paris?units=imperial');
    edge.put('/DE/Berlin');
    const client = createEdgePurgeClient({
      url: 'https://isobar.test',
      secret: SECRET,
      fetch: edge.fetch,
      clock,
    });
    const result = await client.purge({ uris: ['/GB/London.json'], places: ['FR/Paris'] });
    expect(result).toEqual({ purged: 2, keys: 1 + placeUris('FR/Paris').length });
    expect([...edge.stored]).toEqual(['/DE/Berlin']);
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
