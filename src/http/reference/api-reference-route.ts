import { z } from '@hono/zod-openapi';
import { siteFileFreshness } from '../../contract/protocol/freshness.ts';
import { CONTENT_TYPES } from '../../contract/uris/place-uri.ts';
import { serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { representation } from '../representation.ts';
import { badRequestOrPage, notModified } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { apiReferenceHtml, type OpenApiDocument } from './api-reference-html.ts';
import { exampleAnswers } from './example-answers.ts';
import { builderQuery } from './request-builder.ts';

const route = defineRoute('api-reference', {
  summary: 'The API reference for people: this description as a page',
  description:
    'Rendered on the server from `/v1/openapi.json`, with an example answer of every weather ' +
    'operation; it needs no JavaScript. Its form builds a request from `place`, `date`, ' +
    '`format` and `units`, and the page then shows that request.',
  request: { query: builderQuery },
  responses: {
    200: { description: 'The reference', content: { 'text/html': { schema: z.string() } } },
    304: notModified,
    400: badRequestOrPage,
  },
});

/** `/api`: the OpenAPI description rendered as HTML; it changes only with a release. */
export function apiReferenceRoutes(deps: RouteDeps, describe: () => unknown) {
  return createRouter().openapi(route, (c) => {
    const builder = c.req.valid('query');
    return serveCached(c, deps, async () =>
      representation({
        status: 200,
        body: await apiReferenceHtml(
          describe() as OpenApiDocument,
          exampleAnswers(),
          builder,
          deps.credits,
        ),
        contentType: CONTENT_TYPES.html,
        freshness: siteFileFreshness,
        now: deps.now(),
      }),
    );
  });
}
