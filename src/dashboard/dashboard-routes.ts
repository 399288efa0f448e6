import type { Context } from 'hono';
import type { AppEnv, RouteDeps } from '../http/context.ts';
import { createRouter } from '../http/schemas/router.ts';
import { createApiClient, type Fetch } from './api-client.ts';
import { dashboardAssets } from './assets.ts';
import type { DashboardContext } from './dashboard-context.ts';
import { createOperationsHistory } from './operations/history.ts';
import { httpSource, registrySource } from './operations/metrics-source.ts';
import { sampleEvery } from './operations/sampler.ts';
import { dashboardAssetRoutes } from './routes/asset-route.ts';
import { dashboardCompareRoutes } from './routes/compare-route.ts';
import { dashboardIndexRoutes } from './routes/index-route.ts';
import { dashboardOperationsRoutes } from './routes/operations-route.ts';
import { dashboardPlaceRoutes } from './routes/place-route.ts';

/** How the dashboard reaches the API and the metrics; unset, it reads the app it runs in. */
export interface DashboardOptions {
  /** The public API's base URL (DASHBOARD_API_URL); unset: this same app, in process. */
  apiUrl?: string;
  /** How requests to `apiUrl` are sent (tests bind one to an app); default: global fetch. */
  fetch?: Fetch;
  /** An origin's /metrics URL (DASHBOARD_METRICS_URL); unset: this process's own registry. */
  metricsUrl?: string;
  /** How often the metrics are read for the operations page's time series (default a minute;
   * 0: only when the page is viewed). */
  sampleEveryMs?: number;
}

/** Where the in-process API answers: a name that never resolves, as nothing is sent anywhere. */
const IN_PROCESS_BASE = 'http://isobar.invalid';

/** Every `/dashboard/…` route, reading the API as `options` say. */
export function dashboardRoutes(
  deps: RouteDeps,
  options: DashboardOptions,
  self: Fetch,
  mayReadMetrics: (c: Context<AppEnv>) => boolean,
) {
  const apart = options.apiUrl !== undefined;
  const d: DashboardContext = {
    api: createApiClient({
      baseUrl: options.apiUrl ?? IN_PROCESS_BASE,
      fetch: options.fetch ?? (apart ? undefined : self),
    }),
    browserApiBase: (options.apiUrl ?? '').replace(/\/+$/, ''),
    assets: dashboardAssets(),
    metrics: options.metricsUrl
      ? httpSource(options.metricsUrl, options.fetch)
      : registrySource(deps.metrics.registry),
    history: createOperationsHistory(),
  };
  const every = options.sampleEveryMs ?? 60_000;
  if (every > 0) sampleEvery(every, d.metrics, d.history, deps.now);
  return createRouter()
    .route('/', dashboardIndexRoutes(deps, d))
    .route('/', dashboardPlaceRoutes(deps, d))
    .route('/', dashboardCompareRoutes(deps, d))
    .route('/', dashboardOperationsRoutes(d, deps.now, mayReadMetrics))
    .route('/', dashboardAssetRoutes(deps, d));
}
