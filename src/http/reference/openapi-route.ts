import { z } from '@hono/zod-openapi';
import { catalogFreshness } from '../../contract/protocol/freshness.ts';
import { jsonDocument, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { jsonBody, notModified } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';

const route = defineRoute('openapi', {
  summary: 'This description (OpenAPI 3.1)',
  responses: {
    200: jsonBody(z.object({ openapi: z.string() }).passthrough(), 'The OpenAPI document'),
    304: notModified,
  },
});

/**
 * `/v1/openapi.json`: the description generated from the route declarations, cached like the
 * catalog.
 */
export function openApiRoutes(deps: RouteDeps, describe: () => unknown) {
  return createRouter().openapi(route, (c) =>
    serveCached(c, deps, async () => jsonDocument(describe(), catalogFreshness, deps.now())),
  );
}
