import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DomainError } from '../../contract/protocol/request-errors.ts';
import { healthSchema } from '../../documents/document-schemas.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import { badRequest, jsonBody, problem } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { createHealthCheck, HEALTH_CACHE_MS } from './health-check.ts';

export interface OpsOptions {
  /** Whether this request's client may read /metrics (METRICS_ALLOW). */
  mayReadMetrics: (c: Context<AppEnv>) => boolean;
}

const healthz = defineRoute('healthz', {
  summary: 'Whether the database answers, with the schema this version needs',
  description: `The answer is at most ${HEALTH_CACHE_MS / 1000} s old, so probes cost the database nothing more however often they come; \`?deep=1\` checks the database now.`,
  request: {
    query: z.object({
      deep: z
        .enum(['1'], { error: 'query parameter "deep" must be 1 (or left out)' })
        .optional()
        .openapi({
          description: "Check the database now rather than give the last second's answer",
        }),
    }),
  },
  responses: {
    200: jsonBody(healthSchema, 'The database answers'),
    400: badRequest,
    503: jsonBody(healthSchema, 'The database does not answer, or its schema is not current'),
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

/**
 * `/healthz` (does the database answer, with the schema we need? at most a second old; `?deep=1`
 * now) and `/metrics` (Prometheus text); never cached by anyone else.
 */
export function opsRoutes(deps: RouteDeps, options: OpsOptions) {
  const health = createHealthCheck({ db: deps.db, now: deps.now });
  return createRouter()
    .openapi(healthz, async (c) => {
      c.header('cache-control', 'no-store');
      const problem = await (c.req.valid('query').deep ? health.deep() : health.recent());
      if (problem === null) return c.json({ status: 'ok' as const }, 200);
      return c.json({ status: 'unavailable' as const, database: problem }, 503, {
        'retry-after': '5',
      });
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
