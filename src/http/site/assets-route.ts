import { z } from '@hono/zod-openapi';
import { immutableFreshness } from '../../contract/protocol/freshness.ts';
import { NotFound } from '../../contract/protocol/request-errors.ts';
import { movedTo, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { representation } from '../representation.ts';
import { badRequest, movedPermanently, notModified, problem } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { assetTable } from './asset-table.ts';

const route = defineRoute('asset', {
  summary: 'A static file the pages use (weather symbols, the search script)',
  description:
    'Fingerprinted: the name carries a hash of the content, so the answer never changes and is ' +
    'cached for a year, `immutable`. A known file with an old hash answers 301 to the current one.',
  request: { params: z.object({ file: z.string().openapi({ example: 'yr-01d.0123456789.svg' }) }) },
  responses: {
    200: {
      description: 'The file',
      content: {
        'image/svg+xml': { schema: z.string() },
        'text/plain': { schema: z.string() },
        'text/javascript': { schema: z.string() },
      },
    },
    301: movedPermanently,
    304: notModified,
    400: badRequest,
    404: problem('No such file'),
  },
});

/** `/assets/{file}`: the symbols and other static files, long-lived and ETagged. */
export function assetRoutes(deps: RouteDeps) {
  return createRouter().openapi(route, (c) => {
    const { file } = c.req.valid('param');
    const found = assetTable().find(file);
    if (!found) throw new NotFound(`no static file is named "${file}"`);
    return serveCached(c, deps, async () => {
      const { asset, stale } = found;
      if (stale) return movedTo(asset.path, deps.now());
      return representation({
        status: 200,
        body: asset.body,
        contentType: asset.contentType,
        freshness: immutableFreshness,
        now: deps.now(),
      });
    });
  });
}
