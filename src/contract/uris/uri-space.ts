/**
 * The URI space: every route the origin serves, in Hono's path syntax. The origin mounts its
 * routes at these paths and the edge decides what it may cache by matching the same patterns,
 * so the two cannot disagree about what a path is.
 */
export const ROUTES = {
  'first-visit': '/',
  place: '/:country{[A-Za-z]{2}}/:name{[^/]+/?}',
  // Anything date-shaped under a place, so a malformed or impossible date is a 400, not a 404.
  // (Hono's router refuses `{m,n}` counts inside a parameter pattern.)
  day: '/:country{[A-Za-z]{2}}/:name{[^/]+}/:date{[0-9]+-[0-9]+-[0-9]+[.A-Za-z]*/?}',
  // A place's weather on one line, for status bars (wttr.in's most used form): a sub-resource of
  // the place, so it shares its tags and freshness; `.txt` in the path, so its problems are text.
  'place-line': '/:country{[A-Za-z]{2}}/:name{[^/]+}/line.txt',
  // Embeds of a place for other sites: its meteogram as an image, and a page made to be framed.
  'place-meteogram': '/:country{[A-Za-z]{2}}/:name{[^/]+}/meteogram.svg',
  'place-widget': '/:country{[A-Za-z]{2}}/:name{[^/]+}/widget',
  // A place's weather warnings (CAP alerts): JSON, and an Atom feed.
  'place-alerts': '/:country{[A-Za-z]{2}}/:name{[^/]+}/alerts',
  'place-alerts-atom': '/:country{[A-Za-z]{2}}/:name{[^/]+}/alerts.atom',
  coordinates: '/:coordinates{@[^/]*}',
  search: '/v1/locations',
  location: '/v1/locations/:country{[A-Za-z]{2}}/:name{[^/]+/?}',
  history: '/v1/locations/:country{[A-Za-z]{2}}/:name{[^/]+}/history',
  'stats-daily': '/v1/locations/:country{[A-Za-z]{2}}/:name{[^/]+}/stats/daily',
  'stats-climatology': '/v1/locations/:country{[A-Za-z]{2}}/:name{[^/]+}/stats/climatology',
  'stats-records': '/v1/locations/:country{[A-Za-z]{2}}/:name{[^/]+}/stats/records',
  'stats-anomaly': '/v1/locations/:country{[A-Za-z]{2}}/:name{[^/]+}/stats/anomaly',
  // Spelled without a {2} count: nested braces and a slash in one pattern break Hono's router.
  rankings: '/v1/rankings/:country{[A-Za-z][A-Za-z]/?}',
  nearest: '/v1/nearest',
  openapi: '/v1/openapi.json',
  changes: '/v1/changes',
  status: '/v1/status',
  'search-page': '/search',
  'status-page': '/status',
  healthz: '/healthz',
  metrics: '/metrics',
  // Static files (weather symbols), fingerprinted: `/assets/yr-01d.3f9c2a1b7e.svg`.
  asset: '/assets/:file{[A-Za-z0-9._-]+}',
  // Writes (POST, bearer token): never cacheable.
  observations: '/v1/observations',
  forecasts: '/v1/forecasts',
  purge: '/v1/purge',
  // The dashboard (src/dashboard): pages built from the public API, and their own assets.
  // `/dashboard/` answers 301 to the index, as a trailing slash on a place does to the place.
  'dashboard-index': '/dashboard',
  'dashboard-index-slash': '/dashboard/',
  'dashboard-place': '/dashboard/:country{[A-Za-z]{2}}/:name{[^/]+/?}',
  'dashboard-compare': '/dashboard/compare',
  'dashboard-operations': '/dashboard/operations',
  'dashboard-asset': '/dashboard/assets/:file{[^/]+}',
  // Files browsers and crawlers ask for, and the API reference for people.
  favicon: '/favicon.ico',
  'favicon-svg': '/favicon.svg',
  robots: '/robots.txt',
  'api-reference': '/api',
  // A place name with no country (`/London`, `/paris.json`): 301 to the most populous place of
  // that name. It would also match `/search`, `/api` and every other one-segment path, so it is
  // the one route tried after all the others (matchRoute below, and last in create-app.ts).
  'place-name': '/:name{[^/@][^/]*/?}',
} as const;

export type RouteName = keyof typeof ROUTES;

/** Routes whose answers are the same for every visitor, so shared caches may keep them. */
export const CACHEABLE_ROUTES: ReadonlySet<RouteName> = new Set<RouteName>([
  'place',
  'day',
  'place-line',
  'place-meteogram',
  'place-widget',
  'place-alerts',
  'place-alerts-atom',
  'coordinates',
  'search',
  'location',
  'history',
  'stats-daily',
  'stats-climatology',
  'stats-records',
  'stats-anomaly',
  'rankings',
  'nearest',
  'openapi',
  'changes',
  'status',
  'status-page',
  'search-page',
  'asset',
  'dashboard-index',
  'dashboard-index-slash',
  'dashboard-place',
  'dashboard-compare',
  'dashboard-asset',
  'favicon',
  'favicon-svg',
  'robots',
  'api-reference',
  'place-name',
]);

/** The query parameter of `/` that chooses a place: `/?place=GB/London`. */
export const OVERRIDE_PARAMETER = 'place';

/** The URI that makes a place the visitor's own (remembered in the cookie). */
export const overridePath = (ref: string) => `/?${OVERRIDE_PARAMETER}=${ref}`;

/** The embeds of a place (`GB/London`): its meteogram as an image, and its widget page. */
export const embedPaths = (ref: string) => ({
  meteogram: `/${ref}/meteogram.svg`,
  widget: `/${ref}/widget`,
});

/** A place's (`GB/London`) weather warnings: as JSON, and as an Atom feed. */
export const alertPaths = (ref: string) => ({
  json: `/${ref}/alerts`,
  atom: `/${ref}/alerts.atom`,
});

/** The URI of a static file by its fingerprinted name. */
export const assetPath = (file: string) => `/assets/${file}`;

const PARAM = /:(\w+)(?:\{((?:[^{}]|\{[^{}]*\})+)\})?/g;

/** A Hono path as a RegExp over a decoded path: `:name{re}` becomes `(re)`, `:name` one segment. */
function compile(path: string): RegExp {
  let source = '';
  let last = 0;
  for (const match of path.matchAll(PARAM)) {
    source += `${escapeLiteral(path.slice(last, match.index))}(${match[2] ?? '[^/]+'})`;
    last = match.index + match[0].length;
  }
  return new RegExp(`^${source}${escapeLiteral(path.slice(last))}$`);
}

const escapeLiteral = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The route that takes any one-segment path the others leave: it is tried last. */
export const FALLBACK_ROUTE: RouteName = 'place-name';

const COMPILED = (Object.entries(ROUTES) as [RouteName, string][])
  .sort(([a], [b]) => Number(a === FALLBACK_ROUTE) - Number(b === FALLBACK_ROUTE))
  .map(([name, path]) => [name, compile(path)] as const);

/** The route a decoded path belongs to, or null when the origin serves nothing there. */
export function matchRoute(path: string): RouteName | null {
  for (const [name, pattern] of COMPILED) if (pattern.test(path)) return name;
  return null;
}

/** The OpenAPI spelling of a route path: `/{country}/{name}`. */
export function openApiPath(path: string): string {
  return path.replace(PARAM, '{$1}');
}
