import { PURGE_PATH } from '../../src/contract/purge-request.ts';
import { TRACKING_REDIRECT_ROUTES, withoutTracking } from '../../src/contract/uris/tracking.ts';
import { CACHEABLE_ROUTES, matchRoute } from '../../src/contract/uris/uri-space.ts';

/**
 * What the edge does with a request:
 * - `tracking`: a read with tracking parameters (`utm_*`, `fbclid`…), answered here with the
 *   origin's own 301 to the URI without them, so they neither reach the cache nor the origin;
 * - `cached`: a GET the contract calls cacheable (places, `/@lat,lon`, search, metadata, nearest…);
 * - `first-visit`: `GET /` with no query (a query on `/` is an override the origin handles);
 * - `options`: `OPTIONS`, answered here from the contract (CORS preflight on the read API);
 * - `purge`, `purge-method` (wrong method on the purge path);
 * - `refused`: `/metrics` and unknown `/_edge/…`, never exposed through the public edge;
 * - `pass`: everything else (writes, `/healthz`), to the origin uncached.
 */
export type Route =
  | 'tracking'
  | 'options'
  | 'cached'
  | 'first-visit'
  | 'purge'
  | 'purge-method'
  | 'refused'
  | 'pass';

/** What the edge reads of a request's URL: a `URL` has these, and so does a plain target. */
export type Target = Pick<URL, 'origin' | 'pathname' | 'search'>;

/**
 * A URL the URL parser would give back unchanged: a lower-case host name (last label not a
 * number, no `xn--` label, no port) and a path of plain segments (none starting with a dot, no
 * `%` escape or backslash), with no query or fragment. The path is group 2.
 */
const PLAIN_URL =
  /^(https?:\/\/(?!(?:[^/]*\.)?xn--)(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)((?:\/(?!\.)[\w\-.~!$&'()*+,;=:@]*)+)$/;

/**
 * The parts of a request's URL, read by slicing where the URL is plain (a cache hit's usually
 * is) and parsed otherwise. In workerd a `URL` is made in the runtime and each of its parts read
 * back across into JavaScript; a plain URL needs neither. Each part is what `new URL` gives.
 */
export function targetOf(href: string): Target {
  const plain = PLAIN_URL.exec(href);
  return plain ? { origin: plain[1]!, pathname: plain[2]!, search: '' } : new URL(href);
}

/** A request as routing reads it: a `Request`, or its method and URL read once. */
export interface Routed {
  method: string;
  url: string;
}

export function route(request: Routed, url: Target = targetOf(request.url)): Route {
  const path = originPath(url.pathname);
  const method = request.method;
  if (path === PURGE_PATH) return method === 'POST' ? 'purge' : 'purge-method';
  if (path === '/_edge' || path.startsWith('/_edge/')) return 'refused';
  if (path === '/metrics' || path.startsWith('/metrics/')) return 'refused';
  if (method === 'OPTIONS') return 'options';
  if (method !== 'GET' && method !== 'HEAD') return 'pass';
  const name = matchRoute(path);
  if (url.search !== '' && name !== null && TRACKING_REDIRECT_ROUTES.has(name)) {
    if (withoutTracking(url.search.slice(1)) !== null) return 'tracking';
  }
  if (name === 'first-visit') return url.search ? 'pass' : 'first-visit';
  return name !== null && CACHEABLE_ROUTES.has(name) ? 'cached' : 'pass';
}

/**
 * The path as the origin will route it, for comparisons: percent-escaped ASCII decoded (the
 * origin decodes `/%6detrics` to `/metrics`), repeated slashes folded, lower case.
 */
export function originPath(rawPath: string): string {
  // Most paths have nothing to decode or fold.
  if (!/[%\\]|\/\//.test(rawPath)) return rawPath.toLowerCase();
  let path = rawPath;
  for (let previous = ''; previous !== path; ) {
    previous = path;
    path = path.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
  return path.replace(/[\\/]{2,}/g, '/').toLowerCase();
}
