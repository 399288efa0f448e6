import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CONTENT_TYPES } from '../../contract/uris/place-uri.ts';
import type { AppEnv } from '../../http/context.ts';
import { createRouter, defineRoute } from '../../http/schemas/router.ts';
import type { DashboardContext } from '../dashboard-context.ts';
import { MetricsUnavailable } from '../operations/metrics-source.ts';
import { takeReading } from '../operations/sampler.ts';
import { type OperationsView, operationsPage } from '../render/operations-page.ts';
import { refusalPage } from './pages.ts';

const html = { 'text/html': { schema: z.string() } };

const route = defineRoute('dashboard-operations', {
  summary:
    "The service's own metrics as a page: the last hours' requests, hit ratio, provider " +
    'outcomes and ingestion lag, a warning while a provider fails, and the counters as tables',
  description:
    'Served to the addresses in METRICS_ALLOW only, like /metrics; private and short-lived.',
  responses: {
    200: { description: 'The operations page', content: html },
    403: { description: 'The client is not in METRICS_ALLOW', content: html },
  },
});

/** Operations figures change by the second: a browser may keep them a few seconds, no one else. */
export const OPERATIONS_CACHE_CONTROL = 'private, max-age=5';

/** `/dashboard/operations`; `now` (ms since the epoch) dates the reading and the lags. */
export function dashboardOperationsRoutes(
  d: DashboardContext,
  now: () => number,
  mayReadMetrics: (c: Context<AppEnv>) => boolean,
) {
  return createRouter().openapi(route, async (c) => {
    if (!mayReadMetrics(c)) {
      const detail = 'the operations page is served only to the addresses in METRICS_ALLOW';
      return refusalPage(403, 'Not for this address', detail, d.assets, c.get('requestId'));
    }
    const at = now();
    const view: OperationsView = {
      summary: null,
      error: null,
      source: d.metrics.label,
      readAt: at,
      history: [],
    };
    try {
      view.summary = await takeReading(d.metrics, d.history, () => at);
    } catch (err) {
      if (!(err instanceof MetricsUnavailable)) throw err;
      view.error = err.message;
    }
    view.history = d.history.readings();
    return c.body(await operationsPage(view, d.assets), view.error ? 503 : 200, {
      'content-type': CONTENT_TYPES.html,
      'cache-control': OPERATIONS_CACHE_CONTROL,
    });
  });
}
