import { z } from '@hono/zod-openapi';
import { CATALOG_TAG } from '../../contract/protocol/cache-tags.ts';
import { catalogFreshness } from '../../contract/protocol/freshness.ts';
import { CONTENT_TYPES } from '../../contract/uris/place-uri.ts';
import { searchPlaces } from '../../store/catalog/place-search.ts';
import { movedTo, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { representation } from '../representation.ts';
import { canonicalSearch, searchPageQuery } from '../schemas/queries.ts';
import { badRequestOrPage, movedPermanently, notModified } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { searchHtml } from './search-html.ts';

const RESULTS = 25;

const route = defineRoute('search-page', {
  summary: 'The location search as an HTML page, for people',
  request: { query: searchPageQuery },
  responses: {
    200: {
      description: 'Links to the matching places',
      content: { 'text/html': { schema: z.string() } },
    },
    301: movedPermanently,
    304: notModified,
    400: badRequestOrPage,
  },
});

/** `/search?q=`: the people's version of the location search, a list of links. */
export function searchPageRoutes(deps: RouteDeps) {
  return createRouter().openapi(route, (c) => {
    const url = new URL(c.req.url);
    const query = c.req.valid('query');
    const { q, country } = query;
    return serveCached(c, deps, async () => {
      const canonical = canonicalSearch(url.pathname, query);
      if (url.pathname + url.search !== canonical) return movedTo(canonical, deps.now());
      const places = await searchPlaces(deps.db, q.prefix, RESULTS, country ?? null);
      return representation({
        status: 200,
        body: await searchHtml(q.text, places, deps.credits),
        contentType: CONTENT_TYPES.html,
        freshness: catalogFreshness,
        now: deps.now(),
        tags: [CATALOG_TAG],
      });
    });
  });
}
