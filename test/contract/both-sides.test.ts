import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdge, type Edge } from '../../edge/src/edge.ts';
import { route as edgeRoute } from '../../edge/src/routes.ts';
import { cacheHeaders, redirectFreshness } from '../../src/contract/protocol/freshness.ts';
import { PROBLEMS, type ProblemCode } from '../../src/contract/protocol/problem.ts';
import { nearestPath, type Point } from '../../src/contract/uris/coordinates-uri.ts';
import { matchRoute } from '../../src/contract/uris/uri-space.ts';
import { drivers } from '../support/databases.ts';
import { createTestOrigin, json, type TestOrigin } from '../support/fixture.ts';
import { problemOf } from '../support/problem.ts';

/**
 * The contract (src/contract) is written once and used by both the origin and the edge. These
 * tables run the same cases against each: the origin alone, and the edge worker's logic in front
 * of that same origin (as in development, where the worker stands in front of every URI).
 */
const PUBLIC = 'https://isobar.test';
let origin: TestOrigin;
let position: Point | undefined;

function edgeInFront(): Edge {
  return createEdge({
    origin: (request) => Promise.resolve(origin.app.fetch(request)),
    geo: { locate: () => position },
    log: () => {},
  });
}

type Side = (path: string, headers?: Record<string, string>, method?: string) => Promise<Response>;
let sides: [name: string, request: Side][];

beforeAll(async () => {
  origin = await createTestOrigin(drivers[0]!);
  const edge = edgeInFront();
  const env = { ORIGIN_URL: 'http://origin.test', ORIGIN_TIMEOUT_MS: '5000' };
  sides = [
    [
      'origin',
      async (path, headers = {}, method = 'GET') =>
        origin.app.request(`${PUBLIC}${path}`, { headers, method }),
    ],
    [
      'edge',
      (path, headers = {}, method = 'GET') =>
        edge.fetch(new Request(`${PUBLIC}${path}`, { headers, method }), env),
    ],
  ];
});
afterAll(() => origin?.t.dispose());

describe.each([0, 1])('the contract on both sides (%#: origin, then edge)', (side) => {
  const send: Side = (path, headers, method) => sides[side]![1](path, headers, method);

  it.each([
    ['place=GB/London', 302, '/GB/London'],
    ['theme=dark; place=FR/Paris', 302, '/FR/Paris'],
    ['place=GB%2FLondon', 302, '/GB/London'],
    ['place=bad; place=DE/Munchen', 302, '/DE/Munchen'],
    // No place to go (no geolocation here): the landing page.
    ['place=gb/london', 302, '/search'],
    ['place=//evil.example', 302, '/search'],
    ['place=https://evil.example/', 302, '/search'],
    ['place=GB/London/../../x', 302, '/search'],
    ['place=GB/London%0D%0ASet-Cookie:%20x=1', 302, '/search'],
    ['other=GB/London', 302, '/search'],
  ])('reads the cookie %j alike: %i to %s', async (cookie, status, location) => {
    position = undefined;
    const res = await send('/', { cookie });
    expect(res.status).toBe(status);
    expect(res.headers.get('location')).toBe(location);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('serves the embeds alike: tagged as the place, the widget alone frameable by any site', async () => {
    const place = await send('/GB/London');
    const image = await send('/GB/London/meteogram.svg');
    const widget = await send('/GB/London/widget');
    for (const res of [image, widget]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-tag')).toBe(place.headers.get('cache-tag'));
      expect(res.headers.get('cdn-cache-control')).toBe(place.headers.get('cdn-cache-control'));
    }
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect(widget.headers.get('content-security-policy')).toMatch(/frame-ancestors \*$/);
    expect(widget.headers.get('x-frame-options')).toBeNull();
    for (const res of [place, image])
      expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'$/);
  });

  it('answers conditional GETs alike', async () => {
    const full = await send('/GB/London.txt');
    const etag = full.headers.get('etag')!;
    const modified = full.headers.get('last-modified')!;
    const earlier = new Date(Date.parse(modified) - 1000).toUTCString();
    const cases: [Record<string, string>, number][] = [
      [{ 'if-none-match': etag }, 304],
      [{ 'if-none-match': `W/${etag}` }, 304],
      [{ 'if-none-match': `"other", ${etag}` }, 304],
      [{ 'if-none-match': '*' }, 304],
      [{ 'if-none-match': '"other"' }, 200],
      [{ 'if-modified-since': modified }, 304],
      [{ 'if-modified-since': earlier }, 200],
      [{ 'if-none-match': '"other"', 'if-modified-since': modified }, 200],
    ];
    for (const [headers, status] of cases) {
      const res = await send('/GB/London.txt', headers);
      expect(res.status, JSON.stringify(headers)).toBe(status);
      if (status === 304) {
        expect(await res.text()).toBe('');
        expect(res.headers.get('etag')).toBe(etag);
        expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
        expect(res.headers.get('cache-tag')).toBe('place:GB/London,country:GB,isobar');
        expect(res.headers.get('content-type')).toBeNull();
      }
    }
  });

  it.each([
    ['/GB/London?utm_source=news&utm_medium=social', '/GB/London'],
    ['/gb/london?fbclid=IwAR0abc', '/gb/london'],
    ['/GB/London.json?units=imperial&gclid=x1&UTM_Campaign=y', '/GB/London.json?units=imperial'],
    ['/GB/London.txt?_ga=2.1&_gl=1*abc&msclkid=m', '/GB/London.txt'],
    ['/GB/London/line.txt?utm_source=bar', '/GB/London/line.txt'],
    ['/GB/London/2026-11-22?mc_cid=a&mc_eid=b', '/GB/London/2026-11-22'],
    ['/search?utm_source=x&q=lon', '/search?q=lon'],
    ['/?utm_source=newsletter', '/'],
    ['/?place=GB/London&igshid=i', '/?place=GB/London'],
    ['/@51.5,-0.1?twclid=t', '/@51.5,-0.1'],
    ['/v1/locations?q=lon&yclid=1&wbraid=2&gbraid=3&dclid=4', '/v1/locations?q=lon'],
    // Tracking parameters come off first; what is left is judged after the redirect.
    ['/GB/London?utm_source=x&bogus=1', '/GB/London?bogus=1'],
  ])('answers %s with a cacheable 301 to %s', async (path, location) => {
    const res = await send(path, { cookie: 'place=FR/Paris' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
    expect(res.headers.get('cache-control')).toBe(cacheHeaders(redirectFreshness)['cache-control']);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(await res.text()).toBe('');
  });

  it.each([
    ['/London', '/GB/London'],
    ['/london.json', '/GB/London.json'],
    ['/Paris.txt', '/FR/Paris.txt'],
    ['/London?utm_source=x', '/London'],
  ])('answers a name alone, %s, with a cacheable 301 to %s', async (path, location) => {
    const res = await send(path, { cookie: 'place=FR/Paris' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
    expect(res.headers.get('cache-control')).toBe(cacheHeaders(redirectFreshness)['cache-control']);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it.each([
    ['/Atlantis', 'text/html; charset=utf-8'],
    ['/atlantis.json', 'application/problem+json; charset=utf-8'],
  ])('answers the unknown name %s with a 404 cached for a minute, as %s', async (path, type) => {
    const res = await send(path);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=60');
    expect(await problemOf(res)).toMatchObject({ code: 'unknown-place', instance: path });
  });

  it('drops tracking parameters from a shared link in one hop to a page that answers', async () => {
    const moved = await send('/GB/London?utm_source=share&fbclid=abc');
    const page = await send(moved.headers.get('location')!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it.each([
    ['/GB/London.json?bogus=1', 'invalid-request'],
    ['/GB/London.json?utm=1', 'invalid-request'],
    ['/GB/London.json?fbclid_x=1', 'invalid-request'],
    ['/v1/nearest?lat=91&lon=0', 'invalid-request'],
    ['/v1/no/such/thing', 'no-such-uri'],
    ['/no/such/thing.txt', 'no-such-uri'],
    ['/GB/London.txt?bogus=1', 'invalid-request'],
    ['/GB/London/2026-02-30.txt', 'invalid-request'],
  ])('answers %s with the problem %s, in one shape', async (path, code) => {
    const res = await send(path);
    expectProblem(res, await problemOf(res), code as ProblemCode, path);
  });

  it('answers an unknown place at .txt with the problem as text, cached briefly like the others', async () => {
    const res = await send('/GB/Atlantis.txt');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=60');
    const text = await res.clone().text();
    expect(text).toMatch(/^Error 404 · Unknown Place\nWe do not know that place\. No place/);
    expect(text).not.toContain('request_id');
    expect(await problemOf(res)).toEqual({
      ...(await json(await send('/GB/Atlantis.json'))),
      instance: '/GB/Atlantis.txt',
    });
  });

  it.each([
    ['/v1/locations?q=lon', 200],
    ['/v1/locations/GB/London', 200],
    ['/v1/nearest?lat=51.51&lon=-0.13', 200],
    ['/v1/openapi.json', 200],
    ['/GB/London.json', 200],
    ['/GB/London.txt', 200],
    ['/GB/London/line.txt', 200],
    ['/gb/london.json', 301],
    ['/GB/London.json?utm_source=x', 301],
    ['/v1/nearest?lat=91&lon=0', 400],
    ['/GB/Atlantis.json', 404],
  ])(
    'lets any site read %s (%i), twice, with one constant set of headers',
    async (path, status) => {
      for (let i = 0; i < 2; i++) {
        const res = await send(path, { origin: 'https://elsewhere.example' });
        expect(res.status).toBe(status);
        expectCors(res);
      }
    },
  );

  it('keeps the CORS headers on a 304, which a script sees when it sends If-None-Match', async () => {
    const full = await send('/GB/London.json');
    const res = await send('/GB/London.json', { 'if-none-match': full.headers.get('etag')! });
    expect(res.status).toBe(304);
    expectCors(res);
  });

  it.each(['/GB/London', '/GB/London/2026-11-22', '/search?q=lon', '/healthz'])(
    'leaves the pages for people, %s, without CORS',
    async (path) => {
      const res = await send(path, { origin: 'https://elsewhere.example' });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it('answers a preflight of the read API with a constant, cacheable 204', async () => {
    const preflight = {
      origin: 'https://elsewhere.example',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'if-none-match',
    };
    for (const path of ['/v1/locations?q=lon', '/GB/London.json', '/v1/locations/GB/London']) {
      const res = await send(path, preflight, 'OPTIONS');
      expect(res.status, path).toBe(204);
      expectCors(res);
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
      expect(res.headers.get('access-control-allow-headers')).toMatch(/If-None-Match/);
      expect(res.headers.get('access-control-allow-headers')).toMatch(/If-Modified-Since/);
      expect(res.headers.get('access-control-max-age')).toBe('86400');
      expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(await res.text()).toBe('');
    }
  });

  it.each([
    ['/GB/London', 204, 'GET, HEAD, OPTIONS'],
    ['/v1/observations', 204, 'POST, OPTIONS'],
    ['/v1/forecasts', 204, 'POST, OPTIONS'],
    ['/no/such/thing/here', 404, null],
  ])('answers OPTIONS %s with %i, Allow %s, and no CORS', async (path, status, allow) => {
    const res = await send(path, { origin: 'https://elsewhere.example' }, 'OPTIONS');
    expect(res.status).toBe(status);
    expect(res.headers.get('allow')).toBe(allow);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each([
    ['/GB/London?bogus=1', 400, 'invalid-request', 'That address is not quite right'],
    ['/no/such/thing/here', 404, 'no-such-uri', 'There is nothing here'],
    ['/?place=GB/Atlantis', 404, 'unknown-place', 'We do not know that place'],
    ['/@91,0', 400, 'invalid-request', 'That address is not quite right'],
    ['/GB/London/2026-02-30', 400, 'invalid-request', 'That address is not quite right'],
  ] as const)(
    'answers the HTML URI %s with a page: %i %s, never cached',
    async (path, status, code, heading) => {
      const res = await send(path);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('vary')).toBeNull();
      const page = await res.clone().text();
      expect(page).toContain(`<h1>${heading}</h1>`);
      expect(page).toContain('action="/search"');
      expect(page).toContain('<a href="/">Home</a>');
      const doc = await problemOf(res);
      expect(doc).toMatchObject({ code, status, instance: new URL(path, PUBLIC).pathname });
      expect(page).toContain(`Request id <code>${doc.request_id}</code>`);
      // The id a person quotes is the one the origin logged, whichever side relayed the page.
      expect(doc.request_id).toBe(res.headers.get('x-request-id'));
    },
  );

  it('answers an unknown place with a page at its HTML URI and a document at .json, both cached briefly', async () => {
    const page = await send('/GB/Atlantis');
    const document = await send('/GB/Atlantis.json');
    for (const res of [page, document]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=60');
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
    }
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(document.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const text = await page.clone().text();
    expect(text).toContain('<h1>We do not know that place</h1>');
    // The search box offers the name that was asked for.
    expect(text).toContain('value="Atlantis"');
    expect(text).not.toContain('Request id');
    const same = { ...(await json(document)), instance: '/GB/Atlantis' };
    expect(await problemOf(page)).toEqual(same);
  });

  it('answers an HTML URI with a page whatever Accept says, so caches keep one copy', async () => {
    const res = await send('/GB/Atlantis', { accept: 'application/problem+json' });
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('serves a cached answer with the same body to every requester, and no request id in it', async () => {
    for (const path of ['/GB/Atlantis', '/GB/London.json', '/gb/london', '/v1/locations?q=lon']) {
      const first = await send(path, { cookie: 'place=FR/Paris', authorization: 'Bearer a' });
      const second = await send(path, { cookie: 'place=GB/London', 'accept-language': 'fr' });
      const [a, b] = [await first.text(), await second.text()];
      expect(a, path).toBe(b);
      expect(a).not.toMatch(/request_id/);
      expect(first.headers.get('etag')).toBe(second.headers.get('etag'));
    }
  });
});

/** The CORS headers of the read API: the same for every site, so no Vary: Origin. */
function expectCors(res: Response) {
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  expect(res.headers.get('access-control-expose-headers')).toMatch(/\bETag\b.*\bX-Request-Id\b/);
  expect(res.headers.get('vary') ?? '').not.toMatch(/origin/i);
}

/** The members every uncached problem has, whoever answered it. */
function expectProblem(
  res: Response,
  body: Record<string, unknown>,
  code: ProblemCode,
  path: string,
) {
  const pathname = new URL(path, PUBLIC).pathname;
  const form = /\.json$|^\/(v1|_edge)\/|^\/metrics$/.test(pathname)
    ? /^application\/problem\+json/
    : /\.txt$/.test(pathname)
      ? /^text\/plain/
      : /^text\/html/;
  expect(res.headers.get('content-type')).toMatch(form);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(body).toMatchObject({ type: 'about:blank', code, status: res.status });
  expect(body).toMatchObject({
    title: PROBLEMS[code].title,
    instance: new URL(path, PUBLIC).pathname,
  });
  expect(PROBLEMS[code].status).toBe(res.status);
  expect(body.detail).toEqual(expect.any(String));
  expect(body.request_id).toEqual(expect.any(String));
}

describe('problems the edge answers itself', () => {
  it("have the shape the origin's have", async () => {
    // The origin's own refusal of /metrics to a client outside METRICS_ALLOW: 403 forbidden too.
    const res = await sides[1]![1]('/metrics');
    expectProblem(res, await json(res), 'forbidden', '/metrics');
  });
});

describe('the edge, when the origin cannot be reached', () => {
  const down = createEdge({
    origin: () => Promise.reject(new TypeError('connection refused')),
    geo: { locate: () => undefined },
    log: () => {},
  });
  const get = (path: string) =>
    down.fetch(new Request(`${PUBLIC}${path}`), { ORIGIN_URL: 'http://origin.test' });

  it.each([
    ['/FR/Paris', 'text/html; charset=utf-8'],
    ['/FR/Paris/2026-11-20', 'text/html; charset=utf-8'],
    ['/FR/Paris.json', 'application/problem+json; charset=utf-8'],
    ['/v1/locations?q=par', 'application/problem+json; charset=utf-8'],
  ])('answers %s with a 502 as %s', async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const doc = await problemOf(res.clone());
    expectProblem(res, doc, 'origin-unreachable', path);
    if (type.startsWith('text/html')) {
      expect(await res.text()).toContain('<h1>We could not reach the weather server</h1>');
    }
  });
});

describe('coordinates rounded once, for both sides', () => {
  it.each([
    [{ latitude: 51.5085, longitude: -0.1257 }],
    [{ latitude: 48.8534, longitude: 2.3488 }],
    [{ latitude: -41.271, longitude: 173.284 }],
    [{ latitude: 0.001, longitude: -0.004 }],
    [{ latitude: 45.434, longitude: 4.395 }],
  ])('the edge asks the origin the canonical nearest URI for %o', async (point) => {
    // The origin answers the edge's spelling itself (200), not with a 301 to another spelling.
    const canonical = await origin.app.request(`${PUBLIC}${nearestPath(point)}`);
    expect(canonical.status).toBe(200);
    const expected = (await json(canonical)).location.path;
    position = point;
    const visit = await edgeInFront().fetch(new Request(`${PUBLIC}/`), {
      ORIGIN_URL: 'http://origin.test',
    });
    expect(visit.status).toBe(302);
    expect(visit.headers.get('location')).toBe(expected);
    expect(visit.headers.get('set-cookie')).toMatch(
      new RegExp(`^place=${expected.slice(1)}; Max-Age=31536000`),
    );
  });
});

describe('one URI space', () => {
  it.each([
    ['/', 'first-visit', 'first-visit'],
    ['/?place=GB/London', 'first-visit', 'pass'],
    ['/GB/London', 'place', 'pass'],
    ['/gb/m%C3%BCnchen.json', 'place', 'pass'],
    ['/GB/London/', 'place', 'pass'],
    ['/GB/London/2026-11-22', 'day', 'pass'],
    ['/gb/london/2026-11-22.json', 'day', 'pass'],
    ['/GB/London/line.txt', 'place-line', 'pass'],
    ['/gb/london/line.txt', 'place-line', 'pass'],
    ['/GB/London/15-6-1', 'day', 'pass'],
    ['/GB/London/meteogram.svg', 'place-meteogram', 'pass'],
    ['/gb/london/widget', 'place-widget', 'pass'],
    ['/GB/London/alerts', 'place-alerts', 'pass'],
    ['/gb/london/alerts.atom', 'place-alerts-atom', 'pass'],
    ['/GB/London/Widget', null, 'pass'],
    ['/@51.5,-0.1', 'coordinates', 'pass'],
    ['/v1/locations?q=lon', 'search', 'pass'],
    ['/v1/locations/GB/London', 'location', 'pass'],
    ['/v1/locations/GB/London/history?from=2026-11-01', 'history', 'pass'],
    ['/v1/nearest?lat=1&lon=2', 'nearest', 'pass'],
    ['/v1/openapi.json', 'openapi', 'pass'],
    ['/search?q=lon', 'search-page', 'pass'],
    ['/healthz', 'healthz', 'refused'],
    ['/metrics', 'metrics', 'refused'],
    ['/v1/observations', 'observations', 'pass'],
    ['/v1/forecasts', 'forecasts', 'pass'],
    ['/v1/purge', 'purge', 'pass'],
    ['/GB/London/extra', null, 'pass'],
    ['/GB/London/2026-11-22/extra', null, 'pass'],
    ['/v1/locations/GB/London/history/', null, 'pass'],
    ['/G1/London', null, 'pass'],
    ['/GBR/London', null, 'pass'],
    ['/London', 'place-name', 'pass'],
    ['/paris.txt', 'place-name', 'pass'],
    ['/api', 'api-reference', 'pass'],
    ['/Metrics', 'place-name', 'refused'],
  ] as const)('%s is %s at the origin and %s at the edge', async (path, name, atEdge) => {
    expect(matchRoute(new URL(path, PUBLIC).pathname)).toBe(name);
    const label = { route: name ?? 'other' };
    const before = await origin.counter('isobar_http_requests_total', label);
    await origin.app.request(`${PUBLIC}${path}`);
    expect(await origin.counter('isobar_http_requests_total', label)).toBe(before + 1);
    expect(edgeRoute(new Request(`${PUBLIC}${path}`))).toBe(atEdge);
  });
});
