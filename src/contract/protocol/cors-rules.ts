import { DAY_S } from '../durations.ts';
import type { RouteName } from '../uris/uri-space.ts';

/**
 * CORS for the read API, the same on every answer so caching is untouched: any origin may read
 * (`*`), never with credentials, and no `Vary: Origin`, so one cached copy serves every site.
 * The write API (bearer tokens) is left out on purpose: a token belongs to a server or an ingest
 * job, and a browser page that held one would hand it to every visitor.
 */
export const CORS_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>([
  'search',
  'location',
  'history',
  'nearest',
  'openapi',
  // Text for programs (status bars, prompts, widgets), like a place's `.txt`.
  'place-line',
]);

/**
 * A place's or a day's document for programs, or a name's redirect to one: `.json` and `.txt`
 * (not the HTML page).
 */
const DOCUMENT = /\.(?:json|txt)\/?(?:\?|$)/i;

/** Whether answers on this route and path (a query may follow) carry the CORS headers. */
export function isCorsRoute(route: string | null, target: string): boolean {
  if (route === null) return false;
  if (CORS_ROUTES.has(route as RouteName)) return true;
  return (route === 'place' || route === 'day' || route === 'place-name') && DOCUMENT.test(target);
}

/**
 * What a script on another site may read beyond the safelisted headers: validators for its own
 * conditional requests, the request id to quote in a report, and when to come back.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'ETag, Last-Modified, Link, Retry-After, X-Request-Id, Age, X-Isobar-Edge',
};

/** Adds the CORS headers to an answer's plain headers when its route and path call for them. */
export function addCorsHeaders(
  route: string | null,
  target: string,
  headers: Record<string, string>,
): void {
  if (isCorsRoute(route, target)) Object.assign(headers, CORS_HEADERS);
}

const READ_METHODS = 'GET, HEAD, OPTIONS';
/** Read routes that take a POST too: `/` remembers a chosen place from a form. */
const ALSO_POST: ReadonlySet<RouteName> = new Set<RouteName>(['first-visit']);

/** The `Allow` of a read route (or of a path where nothing lives). */
export const readMethods = (route: RouteName | null) =>
  route !== null && ALSO_POST.has(route) ? 'GET, HEAD, POST, OPTIONS' : READ_METHODS;
const WRITE_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>([
  'observations',
  'forecasts',
  'purge',
]);

/**
 * The answer to `OPTIONS` on a route (null where nothing lives): 204 with `Allow`, and on the
 * read API a preflight that never changes, so browsers and shared caches may keep it a day. The
 * request headers a client may add are the conditional ones and content negotiation.
 */
export function optionsAnswer(
  route: RouteName | null,
  target: string,
): { status: 204; headers: Record<string, string> } | null {
  if (route === null) return null;
  if (WRITE_ROUTES.has(route)) return { status: 204, headers: { allow: 'POST, OPTIONS' } };
  const headers: Record<string, string> = { allow: readMethods(route) };
  if (isCorsRoute(route, target)) {
    Object.assign(headers, CORS_HEADERS, {
      'access-control-allow-methods': READ_METHODS,
      'access-control-allow-headers':
        'Accept, Accept-Language, Cache-Control, If-Modified-Since, If-None-Match, X-Request-Id',
      'access-control-max-age': String(DAY_S),
      'cache-control': `public, max-age=${DAY_S}`,
    });
  }
  return { status: 204, headers };
}
