import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import {
  type Cidr,
  createAddressFilter,
  createClientAddress,
  parseCidrList,
} from '../geo/client-address.ts';
import type { Queryable } from '../store/index.ts';
import { createMicroCache } from './cache/micro-cache.ts';
import type { AppEnv, RouteDeps } from './context.ts';
import { createErrorHandler, type ErrorLogger } from './errors.ts';
import type { Metrics } from './metrics.ts';
import { problemResponse } from './problem.ts';
import { GEONAMES_ATTRIBUTION } from './render/place-document.ts';
import type { Representation } from './representation.ts';
import { coordinateRoutes } from './routes/coordinates.ts';
import { type FirstVisitDeps, firstVisitRoutes } from './routes/first-visit.ts';
import { locationRoutes } from './routes/locations.ts';
import { opsRoutes } from './routes/ops.ts';
import { placeRoutes } from './routes/places.ts';
import { searchPageRoutes } from './routes/search-page.ts';

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
  /** Geolocation for `GET /`; without it every first visit falls back. */
  firstVisit?: Partial<FirstVisitDeps>;
  /** Client addresses that may read /metrics; default: loopback only. */
  metricsAllow?: readonly Cidr[];
}

/** Builds the whole origin from its dependencies; entry points only wire and start it. */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? Date.now;
  const cache = createMicroCache<Representation>({
    maxBytes: deps.cacheMaxBytes ?? 64 * 1024 * 1024,
    now,
    onResult: (result) => deps.metrics.cacheRequests.inc({ result }),
  });
  const routeDeps: RouteDeps = {
    db: deps.db,
    cache,
    metrics: deps.metrics,
    now,
    credits: [GEONAMES_ATTRIBUTION, ...(deps.credits ?? [])],
  };

  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('route', 'other');
    await next();
    const route = c.get('route');
    deps.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    deps.metrics.httpDuration.observe({ route }, (performance.now() - started) / 1000);
  });
  const firstVisit: FirstVisitDeps = {
    geo: null,
    clientAddress: createClientAddress([]),
    socketAddress: () => undefined,
    defaultLocation: null,
    ...deps.firstVisit,
  };
  const metricsAllowed = createAddressFilter(deps.metricsAllow ?? parseCidrList('127.0.0.1, ::1'));
  app.route(
    '/',
    opsRoutes(routeDeps, {
      mayReadMetrics: (c) =>
        metricsAllowed(
          firstVisit.clientAddress(
            firstVisit.socketAddress(c) ?? '',
            c.req.header('x-forwarded-for'),
          ),
        ),
    }),
  );
  app.route('/', firstVisitRoutes(routeDeps, firstVisit));
  app.route('/', locationRoutes(routeDeps));
  app.route('/', searchPageRoutes(routeDeps));
  app.route('/', coordinateRoutes(routeDeps));
  app.route('/', placeRoutes(routeDeps));
  app.notFound((c) => {
    // Every public URI is read-only for now: any other method is refused, saying what works.
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      c.header('allow', 'GET, HEAD');
      return problemResponse(c, {
        status: 405,
        code: 'method-not-allowed',
        title: 'Method Not Allowed',
        detail: `${c.req.method} is not accepted here; use GET or HEAD`,
      });
    }
    return problemResponse(c, {
      status: 404,
      code: 'no-such-uri',
      title: 'Not Found',
      detail: `nothing lives at ${c.req.path}`,
    });
  });
  app.onError(
    createErrorHandler(deps.log ?? { error: (fields, message) => console.error(message, fields) }),
  );
  return Object.assign(app, { cache });
}

export type App = ReturnType<typeof createApp>;
