import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DomainError } from '../../contract/errors.ts';
import { pingDatabase } from '../../store/repositories/health.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import { createRouter, defineRoute } from '../openapi/router.ts';
import { healthSchema } from '../schemas/documents.ts';
import { badRequest, jsonBody, problem } from '../schemas/responses.ts';

export interface OpsOptions {
  /** Whether this request's client may read /metrics (METRICS_ALLOW). */
  mayReadMetrics: (c: Context<AppEnv>) => boolean;
}

const healthz = defineRoute('healthz', {
  summary: 'Whether the database answers',
  responses: {
    200: jsonBody(healthSchema, 'The database answers'),
    400: badRequest,
    503: jsonBody(healthSchema, 'The database does not answer'),
  },
});

const metrics = defineRoute('metrics', {
  summary: 'Prometheus metrics, for the addresses in METRICS_ALLOW only',
  responses: {
    200: {
      description: 'Prometheus text format',
      content: { 'text/plain': { schema: z.string() } },
    },
    400: badRequest,
    403: problem('The client is not in METRICS_ALLOW'),
  },
});

/** `/healthz` (is the database answering?) and `/metrics` (Prometheus text); never cached. */
export function opsRoutes(deps: RouteDeps, options: OpsOptions) {
  return createRouter()
    .openapi(healthz, async (c) => {
      c.header('cache-control', 'no-store');
      try {
        await pingDatabase(deps.db);
        return c.json({ status: 'ok' as const }, 200);
      } catch {
        return c.json({ status: 'unavailable' as const, database: 'not answering' }, 503);
      }
    })
    .openapi(metrics, async (c) => {
      if (!options.mayReadMetrics(c)) {
        throw new DomainError(
          'forbidden',
          'metrics are served only to the addresses in METRICS_ALLOW',
        );
      }
      const text = await deps.metrics.registry.metrics();
      return c.text(text, 200, {
        'content-type': deps.metrics.registry.contentType,
        'cache-control': 'no-store',
      });
    });
}
