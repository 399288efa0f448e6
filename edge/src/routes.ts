import { PURGE_PATH } from '../../src/contract/purge.ts';
import { TRACKING_REDIRECT_ROUTES, withoutTracking } from '../../src/contract/tracking.ts';
import { CACHEABLE_ROUTES, matchRoute } from '../../src/contract/uri-space.ts';

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

export function route(request: Request, url = new URL(request.url)): Route {
  const path = originPath(url.pathname);
  // Read once: in workerd each read of a request's property crosses into the runtime.
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
