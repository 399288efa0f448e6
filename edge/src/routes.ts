import { matchRoute } from '../../src/contract/uris/uri-space.ts';
import { isOperatorPath } from './operator-paths.ts';

/**
 * What the worker does with a request:
 * - `first-visit`: `GET`/`HEAD /` with no query, the one answer that needs code at the edge;
 * - `refused`: an operator page (`/metrics`, `/healthz`, `/dashboard/operations`) in any spelling,
 *   never exposed through the public edge;
 * - `pass`: everything else, to ORIGIN_URL unchanged. In production the worker's route is the
 *   bare `/` and Cloudflare's cache serves the rest; in development it stands in front of all.
 */
export type Route = 'first-visit' | 'refused' | 'pass';

export function route(request: { method: string; url: string }): Route {
  const url = new URL(request.url);
  if (isOperatorPath(url.pathname)) return 'refused';
  const method = request.method;
  if (method !== 'GET' && method !== 'HEAD') return 'pass';
  // A query on `/` is an override (`?place=`) or tracking, both the origin's to answer.
  return url.search === '' && matchRoute(url.pathname) === 'first-visit' ? 'first-visit' : 'pass';
}
