import { z } from '@hono/zod-openapi';
import { immutableFreshness } from '../../contract/protocol/freshness.ts';
import { NotFound } from '../../contract/protocol/request-errors.ts';
import { serveCached } from '../../http/answers.ts';
import type { RouteDeps } from '../../http/context.ts';
import { representation } from '../../http/representation.ts';
import { notModified, problemOrPage } from '../../http/schemas/responses.ts';
import { createRouter, defineRoute } from '../../http/schemas/router.ts';
import type { DashboardContext } from '../dashboard-context.ts';

const route = defineRoute('dashboard-asset', {
  summary: "The dashboard's scripts and style sheets (the chart library included), by content",
  description: 'Each name carries a hash of its content, so each is immutable for a year.',
  request: {
    params: z.object({
      file: z.string().openapi({
        description: 'The name the dashboard pages link to: `{name}-{hash}.{js|css}`',
        example: 'dashboard-000000000000.js',
      }),
    }),
  },
  responses: {
    200: {
      description: 'The file',
      content: { 'text/javascript': { schema: z.string() }, 'text/css': { schema: z.string() } },
    },
    304: notModified,
    404: problemOrPage('No such file (an old fingerprint, or none)'),
  },
});

/** `/dashboard/assets/{name}-{hash}.{js,css}`: served from this origin, never from a CDN. */
export function dashboardAssetRoutes(deps: RouteDeps, d: DashboardContext) {
  return createRouter().openapi(route, (c) => {
    const asset = d.assets.byName.get(c.req.valid('param').file);
    if (!asset)
      throw new NotFound(
        `no dashboard asset is called "${c.req.valid('param').file.slice(0, 80)}"`,
      );
    return serveCached(c, deps, async () =>
      representation({
        status: 200,
        body: asset.body.toString('utf8'),
        contentType: asset.contentType,
        freshness: immutableFreshness,
        now: deps.now(),
      }),
    );
  });
}
