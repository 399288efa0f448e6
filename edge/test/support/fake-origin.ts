import type { OriginFetch } from '../../src/origin.ts';

/**
 * An in-test origin that answers as the origin's contract does for what the worker asks: `/`,
 * `/v1/nearest`, a place, writes. Switches make it fail or hang.
 */
export interface FakeOrigin {
  fetch: OriginFetch;
  /** Every request it received, in order. */
  requests: Request[];
  /**
   * 'down' throws like a refused connection; 'hang' never answers; a number answers that status.
   */
  failure: 'down' | 'hang' | number | undefined;
  /** Replaces the contract's answers with the given handler (undefined restores them). */
  answerWith: ((request: Request) => Response) | undefined;
  count(pathAndQuery?: string): number;
}

export function createFakeOrigin(): FakeOrigin {
  const origin: FakeOrigin = {
    requests: [],
    failure: undefined,
    answerWith: undefined,
    count(pathAndQuery) {
      if (pathAndQuery === undefined) return origin.requests.length;
      return origin.requests.filter((r) => {
        const url = new URL(r.url);
        return `${url.pathname}${url.search}` === pathAndQuery;
      }).length;
    },
    async fetch(request) {
      origin.requests.push(request);
      const failure = origin.failure;
      if (failure === 'down') throw new TypeError('connect ECONNREFUSED');
      if (failure === 'hang') return new Promise<Response>(() => {});
      if (typeof failure === 'number') return new Response('origin broke', { status: failure });
      return origin.answerWith ? origin.answerWith(request) : answer(request);
    },
  };
  return origin;
}

function answer(request: Request): Response {
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
  if (path === '/v1/nearest') {
    const location = { country_code: 'GB', slug: 'London', path: '/GB/London' };
    return Response.json(
      { location },
      {
        headers: {
          'cache-control': 'public, max-age=3600',
          'cdn-cache-control': 'public, max-age=3600',
        },
      },
    );
  }
  if (path === '/gb/london') {
    return new Response(null, {
      status: 301,
      headers: {
        location: 'http://origin.test/GB/London',
        'cache-control': 'public, max-age=86400',
      },
    });
  }
  return Response.json(
    { path, query: url.search },
    { headers: { 'cache-control': 'public, max-age=60', etag: '"v1"' } },
  );
}
