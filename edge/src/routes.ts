import { PURGE_PATH } from './purge/purge-signature.ts';

/**
 * What the edge does with a request:
 * - `cached`: a shared, cacheable GET (places, `/@lat,lon`, search and its HTML page, metadata, nearest);
 * - `first-visit`: `GET /` with no query (a query on `/` is an override the origin handles);
 * - `purge`, `purge-method` (wrong method on the purge path);
 * - `refused`: `/metrics` and unknown `/_edge/…`, never exposed through the public edge;
 * - `pass`: everything else (writes, `/healthz`, `/dashboard/…`), to the origin uncached.
 */
export type Route = 'cached' | 'first-visit' | 'purge' | 'purge-method' | 'refused' | 'pass';

const PLACE_PATH = /^\/[^/]+\/[^/]+\/?$/;
/** First segments that are not a country, whatever their shape. */
const NOT_PLACES = new Set(['v1', 'dashboard', '_edge', 'metrics', 'healthz']);

export function route(request: Request): Route {
  const url = new URL(request.url);
  const path = originPath(url.pathname);
  if (path === PURGE_PATH) return request.method === 'POST' ? 'purge' : 'purge-method';
  if (path === '/_edge' || path.startsWith('/_edge/')) return 'refused';
  if (path === '/metrics' || path.startsWith('/metrics/')) return 'refused';
  if (request.method !== 'GET' && request.method !== 'HEAD') return 'pass';
  if (path === '/') return url.search ? 'pass' : 'first-visit';
  return isCacheablePath(path) ? 'cached' : 'pass';
}

/**
 * The path as the origin will route it, for comparisons: percent-escaped ASCII decoded (the
 * origin decodes `/%6detrics` to `/metrics`), repeated slashes folded, lower case.
 */
export function originPath(rawPath: string): string {
  let path = rawPath;
  for (let previous = ''; previous !== path; ) {
    previous = path;
    path = path.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
  }
  return path.replace(/[\\/]{2,}/g, '/').toLowerCase();
}

/** Paths whose answers are the same for every visitor, so they may be shared through the cache. */
export function isCacheablePath(path: string): boolean {
  if (path.startsWith('/@')) return true;
  if (path === '/v1/locations' || path.startsWith('/v1/locations/') || path === '/v1/nearest')
    return true;
  if (path === '/search') return true;
  if (!PLACE_PATH.test(path)) return false;
  const first = path.split('/')[1] ?? '';
  return !NOT_PLACES.has(first.toLowerCase());
}
