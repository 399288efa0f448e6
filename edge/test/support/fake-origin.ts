import type { OriginFetch } from '../../src/origin.ts';

/** Cache-Control of a place document in these tests: fresh 60 s, then 30 s SWR, 600 s SIE. */
export const PLACE_CACHE_CONTROL =
  'public, max-age=60, s-maxage=60, stale-while-revalidate=30, stale-if-error=600';

/**
 * An in-test origin that follows the origin contract closely enough for the edge: places,
 * spellings, 404s, nearest, `/`, writes. Switches make it fail, hang or hold answers.
 */
export interface FakeOrigin {
  fetch: OriginFetch;
  /** Every request it received, in order. */
  requests: Request[];
  /** Bumped to make the next place answer a new version (new ETag and body). */
  version: number;
  /**
   * 'down' throws like a refused connection; 'hang' never answers; a number answers that status.
   */
  failure: 'down' | 'hang' | number | undefined;
  /** Replaces the contract's answers with the given handler (undefined restores them). */
  answerWith: ((request: Request) => Response) | undefined;
  /** Holds every answer until the returned function is called. */
  hold(): () => void;
  count(pathAndQuery?: string): number;
}

const PLACES = new Set(['GB/London', 'FR/Paris']);

export function createFakeOrigin(): FakeOrigin {
  let gate: Promise<void> | undefined;
  const origin: FakeOrigin = {
    requests: [],
    version: 1,
    failure: undefined,
    answerWith: undefined,
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    count(pathAndQuery) {
      if (pathAndQuery === undefined) return origin.requests.length;
      return origin.requests.filter((r) => {
        const url = new URL(r.url);
        return `${url.pathname}${url.search}` === pathAndQuery;
      }).length;
    },
    async fetch(request) {
      origin.requests.push(request);
      if (gate) await gate;
      const failure = origin.failure;
      if (failure === 'down') throw new TypeError('connect ECONNREFUSED');
      if (failure === 'hang') return new Promise<Response>(() => {});
      if (typeof failure === 'number') return new Response('origin broke', { status: failure });
      return origin.answerWith ? origin.answerWith(request) : answer(request, origin.version);
    },
  };
  return origin;
}

function answer(request: Request, version: number): Response {
  const url = new URL(request.url);
  const path = url.pathname;
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return Response.json({ accepted: true }, { status: 201 });
  if (path === '/') {
    const headers = {
      location: '/FR/Paris',
      'cache-control': 'private, no-store',
      'set-cookie': 'place=FR/Paris; Path=/',
    };
    return new Response(null, { status: 302, headers });
  }
  if (path === '/healthz')
    return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
  if (path === '/v1/nearest') {
    const location = { country_code: 'GB', slug: 'London', path: '/GB/London' };
    return Response.json(
      { location },
      { headers: { 'cache-control': 'public, max-age=86400, s-maxage=86400' } },
    );
  }
  if (path === '/gb/london') {
    return new Response(null, {
      status: 301,
      headers: { location: '/GB/London', 'cache-control': 'public, max-age=86400' },
    });
  }
  if (path === '/v1/locations')
    return Response.json(
      { results: [url.search] },
      { headers: { 'cache-control': PLACE_CACHE_CONTROL } },
    );
  const place = /^\/(?:v1\/locations\/)?([A-Z]{2}\/[A-Za-z-]+?)(\.json|\.txt)?$/.exec(path)?.[1];
  if (url.searchParams.has('bogus')) return problem(400, 'no-store');
  if (!place || !PLACES.has(place)) return problem(404, 'public, max-age=60, s-maxage=60');
  const etag = `"${place}-v${version}"`;
  const headers = {
    'cache-control': PLACE_CACHE_CONTROL,
    etag,
    'last-modified': 'Mon, 01 Jun 2026 11:00:00 GMT',
    'cache-tag': `place:${place}`,
    vary: 'Accept-Encoding',
    'content-type': 'application/json',
  };
  if (request.headers.get('if-none-match') === etag)
    return new Response(null, { status: 304, headers });
  return new Response(JSON.stringify({ place, version, query: url.search }), { headers });
}

function problem(status: number, cacheControl: string): Response {
  const headers = { 'content-type': 'application/problem+json', 'cache-control': cacheControl };
  return new Response(JSON.stringify({ status }), { status, headers });
}
