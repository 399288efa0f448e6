import { type Context, Hono } from 'hono';
import { pingDatabase } from '../../store/repositories/health.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import { readQuery } from '../middleware/query.ts';
import { problemResponse } from '../problem.ts';

export interface OpsOptions {
  /** Whether this request's client may read /metrics (METRICS_ALLOW). */
  mayReadMetrics: (c: Context) => boolean;
}

/** `/healthz` (is the database answering?) and `/metrics` (Prometheus text); never cached. */
export function opsRoutes(deps: RouteDeps, options: OpsOptions) {
  const app = new Hono<AppEnv>();
  app.get('/healthz', async (c) => {
    c.set('route', 'healthz');
    readQuery(new URL(c.req.url), []);
    c.header('cache-control', 'no-store');
    try {
      await pingDatabase(deps.db);
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'unavailable', database: 'not answering' }, 503);
    }
  });
  app.get('/metrics', async (c) => {
    c.set('route', 'metrics');
    readQuery(new URL(c.req.url), []);
    if (!options.mayReadMetrics(c)) {
      const detail = 'metrics are served only to the addresses in METRICS_ALLOW';
      return problemResponse(c, { status: 403, code: 'forbidden', title: 'Forbidden', detail });
    }
    c.header('cache-control', 'no-store');
    return c.body(await deps.metrics.registry.metrics(), 200, {
      'content-type': deps.metrics.registry.contentType,
    });
  });
  return app;
}
