import type { Context, Hono } from 'hono';
import { PACKAGE_VERSION } from '../config/package-root.ts';
import { readMethods } from '../contract/protocol/cors-rules.ts';
import { createSecurityHeaders } from '../contract/protocol/security-headers.ts';
import { matchRoute } from '../contract/uris/uri-space.ts';
import { GEONAMES_ATTRIBUTION } from '../documents/place-document.ts';
import { type Cidr, LOOPBACK } from '../domain/networks.ts';
import { createAddressFilter, createClientAddress } from '../geo/client-address.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Queryable } from '../store/index.ts';
import { alertRoutes } from './alerts/alerts-route.ts';
import { createTokenGuard } from './auth/token-guard.ts';
import { createMicroCache } from './cache/micro-cache.ts';
import type { AppEnv, RouteDeps } from './context.ts';
import { dayRoutes } from './day/day-route.ts';
import { envelope } from './envelope.ts';
import { createErrorHandler, type ErrorLogger } from './error-handler.ts';
import { changeRoutes } from './feed/change-feed-route.ts';
import { type FirstVisitOptions, firstVisitRoutes } from './first-visit/first-visit-route.ts';
import { historyRoutes } from './history/history-route.ts';
import { INLINE_STYLE_HASHES } from './inline-styles.ts';
import { problemReply } from './pages/problem-html.ts';
import { embedRoutes } from './place/embeds-route.ts';
import { placeLineRoutes } from './place/place-line-route.ts';
import { placeRoutes } from './place/places-route.ts';
import { preflight } from './preflight.ts';
import { apiReferenceRoutes } from './reference/api-reference-route.ts';
import { openApiDocument } from './reference/openapi-document.ts';
import { openApiRoutes } from './reference/openapi-route.ts';
import type { Representation } from './representation.ts';
import { createRouter } from './schemas/router.ts';
import { coordinateRoutes } from './search/coordinates-route.ts';
import { locationRoutes } from './search/locations-route.ts';
import { placeNameRoutes } from './search/place-name-route.ts';
import { searchPageRoutes } from './search/search-page-route.ts';
import { assetRoutes } from './site/assets-route.ts';
import { opsRoutes } from './site/ops-route.ts';
import { siteFileRoutes } from './site/site-files-route.ts';
import { rankingRoutes } from './statistics/rankings-route.ts';
import { statsRoutes } from './statistics/stats-route.ts';
import { statusRoutes } from './status/status-route.ts';
import { purgeRoutes } from './writes/purge-route.ts';
import { writeRoutes } from './writes/writes-route.ts';

export interface ClientOptions {
  /**
   * The socket peer's address, from the runtime; undefined where there is none (in-process tests).
   */
  socketAddress?: (c: Context) => string | undefined;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY). */
  trustedProxies?: readonly Cidr[];
}

export interface AppDeps {
  db: Queryable;
  metrics: Metrics;
  /** Milliseconds since the epoch; defaults to Date.now. */
  now?: () => number;
  /** Bound of the origin micro-cache, in bytes. */
  cacheMaxBytes?: number;
  /** Extra data credits for HTML pages (e.g. the geolocation database's). */
  credits?: readonly string[];
  log?: ErrorLogger;
  /** Where requests come from. */
  client?: ClientOptions;
  /** Geolocation for `GET /`; without it every first visit falls back. */
  firstVisit?: Partial<FirstVisitOptions>;
  /** Client addresses that may read /metrics; default: loopback only. */
  metricsAllow?: readonly Cidr[];
  /** The version the OpenAPI description and /v1/status state; default: package.json's. */
  version?: string;
  /** The providers this deployment refreshes, with their daily budgets, for /v1/status. */
  providers?: readonly { name: string; dailyBudget: number }[];
  /** Write API requests per minute a token may send to this process (WRITE_RATE_LIMIT). */
  writeRateLimit?: number;
  /** Told of every request for a place (country, slug key); upstream providers count them. */
  onPlaceView?: (countryCode: string, key: string) => void;
  /** Weather for a place shown with none (see RouteDeps); without it such a place shows none. */
  ensureWeather?: RouteDeps['ensureWeather'];
  /** Features mounted beside the API's routes by whoever wires the app (the dashboard). */
  mounts?: readonly Mount[];
  /** Origins other than this one that pages' scripts read (the dashboard's DASHBOARD_API_URL). */
  connectSources?: readonly string[];
}

/** What a feature mounted on the app is given: the routes' dependencies, and the app itself. */
export interface MountContext {
  deps: RouteDeps;
  /** Sends a request to this app in process. */
  self: (request: Request) => Promise<Response>;
  /** Whether the request comes from an address METRICS_ALLOW lets read operations data. */
  mayReadMetrics: (c: Context<AppEnv>) => boolean;
}

/** A feature's routes, mounted at the root; their paths are their own in the URI space. */
export type Mount = (context: MountContext) => Hono<AppEnv>;

/** Builds the whole origin from its dependencies; entry points only wire and start it. */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? Date.now;
  const version = deps.version ?? PACKAGE_VERSION;
  // One child per result, found once: a lookup happens on every request.
  const cacheResultChildren = new Map<string, { inc(): void }>();
  const cacheResults = (result: string) => {
    let child = cacheResultChildren.get(result);
    if (!child) {
      child = deps.metrics.cacheRequests.labels({ result });
      cacheResultChildren.set(result, child);
    }
    return child;
  };
  const cache = createMicroCache<Representation>({
    maxBytes: deps.cacheMaxBytes ?? 64 * 1024 * 1024,
    now,
    onResult: (result) => cacheResults(result).inc(),
  });
  const socketAddress = deps.client?.socketAddress ?? (() => undefined);
  const forwarded = createClientAddress(deps.client?.trustedProxies ?? []);
  const fromTrustedProxy = createAddressFilter(deps.client?.trustedProxies ?? []);
  const routeDeps: RouteDeps = {
    db: deps.db,
    cache,
    metrics: deps.metrics,
    now,
    credits: [GEONAMES_ATTRIBUTION, ...(deps.credits ?? [])],
    clientAddress: (c) => forwarded(socketAddress(c) ?? '', c.req.header('x-forwarded-for')),
    isHttps: (c) =>
      new URL(c.req.url).protocol === 'https:' ||
      (fromTrustedProxy(socketAddress(c) ?? '') &&
        c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https'),
    onPlaceView: deps.onPlaceView,
    ensureWeather: deps.ensureWeather,
  };
  const guard = createTokenGuard({
    db: deps.db,
    now,
    perMinute: deps.writeRateLimit ?? 120,
    clientAddress: routeDeps.clientAddress,
    onRefusal: (reason) => deps.metrics.authRefusals.inc({ reason }),
  });
  const metricsAllowed = createAddressFilter(deps.metricsAllow ?? LOOPBACK);

  const app = createRouter();
  const firstVisit = firstVisitRoutes(routeDeps, {
    geo: null,
    defaultLocation: null,
    ...deps.firstVisit,
  });
  const places = placeRoutes(routeDeps);
  const sealed = envelope({
    cache,
    metrics: deps.metrics,
    now,
    security: createSecurityHeaders({
      styleHashes: INLINE_STYLE_HASHES,
      connectSources: deps.connectSources,
    }),
    replays: [
      { route: 'first-visit', replay: firstVisit.returning },
      { route: 'place', replay: places.json },
    ],
  });
  app.use(sealed.middleware);
  app.use(preflight());
  // Every route's path is its own in the URI space (src/contract/uris/uri-space.ts): none overlaps
  // another but the place name's, mounted last, so the order below decides nothing else.
  const mayReadMetrics = (c: Context) => metricsAllowed(routeDeps.clientAddress(c));
  app.route('/', opsRoutes(routeDeps, { mayReadMetrics }));
  app.route('/', firstVisit);
  app.route('/', locationRoutes(routeDeps));
  app.route('/', changeRoutes(routeDeps));
  app.route('/', statusRoutes(routeDeps, { version, providers: deps.providers ?? [] }));
  app.route('/', searchPageRoutes(routeDeps));
  app.route('/', coordinateRoutes(routeDeps));
  app.route('/', places);
  app.route('/', dayRoutes(routeDeps));
  app.route('/', placeLineRoutes(routeDeps));
  app.route('/', embedRoutes(routeDeps));
  app.route('/', alertRoutes(routeDeps));
  app.route('/', historyRoutes(routeDeps));
  app.route('/', assetRoutes(routeDeps));
  app.route('/', statsRoutes(routeDeps));
  app.route('/', rankingRoutes(routeDeps));
  app.route('/', writeRoutes(routeDeps, guard));
  app.route('/', purgeRoutes(routeDeps, guard));
  app.route('/', siteFileRoutes(routeDeps));
  const self = async (request: Request) => app.fetch(request);
  for (const mount of deps.mounts ?? [])
    app.route('/', mount({ deps: routeDeps, self, mayReadMetrics }));
  const describe = () => openApiDocument(app, version);
  app.route('/', openApiRoutes(routeDeps, describe));
  app.route('/', apiReferenceRoutes(routeDeps, describe));
  // The one route that overlaps others (any one-segment path): it must come after all of them.
  app.route('/', placeNameRoutes(routeDeps));
  app.notFound((c) => {
    const instance = c.req.path;
    // Every public URI is read-only for now: any other method is refused, saying what works.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS') {
      const allow = readMethods(matchRoute(instance));
      const usable = allow.replace(', OPTIONS', '').replace(/, (\w+)$/, ' or $1');
      const detail = `${c.req.method} is not accepted here; use ${usable}`;
      return problemReply({ code: 'method-not-allowed', detail, instance }, c.get('requestId'), {
        allow,
      });
    }
    const detail = `nothing lives at ${instance}`;
    return problemReply({ code: 'no-such-uri', detail, instance }, c.get('requestId'));
  });
  app.onError(
    createErrorHandler(deps.log ?? { error: (fields, message) => console.error(message, fields) }),
  );
  return Object.assign(app, { cache, quick: sealed.quick });
}
