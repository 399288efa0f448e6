import { z } from '@hono/zod-openapi';
import { CATALOG_TAG, placeTags } from '../../contract/protocol/cache-tags.ts';
import { catalogFreshness, weatherFreshness } from '../../contract/protocol/freshness.ts';
import { CONTENT_TYPES, placePath } from '../../contract/uris/place-uri.ts';
import { ROUTES } from '../../contract/uris/uri-space.ts';
import { searchPlaces } from '../../store/catalog/place-search.ts';
import { movedTo, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { representation } from '../representation.ts';
import { canonicalSearch, searchPageQuery } from '../schemas/queries.ts';
import { badRequestOrPage, movedPermanently, notModified } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { landingHtml } from './landing-html.ts';
import { createLandingPlaces, type LandingPlaces } from './landing-places.ts';
import { searchHtml } from './search-html.ts';

const RESULTS = 25;

const route = defineRoute('search-page', {
  summary: 'The location search as an HTML page, for people; with no query, the landing page',
  description:
    'With `q`, links to the matching places. Without one, the landing page: a search box, ' +
    '"use my location", and places around the world with their weather now. An empty `q` (or ' +
    'one with no letter or digit) answers 301 to `/search`.',
  request: { query: searchPageQuery },
  responses: {
    200: {
      description: 'Links to the matching places, or the landing page',
      content: { 'text/html': { schema: z.string() } },
    },
    301: movedPermanently,
    304: notModified,
    400: badRequestOrPage,
  },
});

/** `/search?q=`: the people's version of the location search; `/search`: the landing page. */
export function searchPageRoutes(deps: RouteDeps) {
  const landingPlaces = createLandingPlaces(deps);
  return createRouter().openapi(route, (c) => {
    const url = new URL(c.req.url);
    const { q, country } = c.req.valid('query');
    return serveCached(c, deps, async () => {
      const landing = ROUTES['search-page'];
      if (!q) {
        if (url.search !== '') return movedTo(landing, deps.now());
        return landingPage(deps, await landingPlaces());
      }
      const canonical = canonicalSearch(url.pathname, { q, country });
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

/**
 * The landing page: fresh until the first of its places' weather is due (the catalog's hour when
 * none has any), and purged with any of them.
 */
async function landingPage(deps: RouteDeps, landing: LandingPlaces) {
  const now = deps.now();
  const shown = landing.regions.flatMap(([, places]) => places.map((p) => p.place));
  return representation({
    status: 200,
    body: await landingHtml(landing, deps.credits),
    contentType: CONTENT_TYPES.html,
    freshness: landing.nextUpdate
      ? weatherFreshness(landing.nextUpdate, new Date(now))
      : catalogFreshness,
    now,
    tags: [CATALOG_TAG, ...new Set(shown.flatMap((p) => placeTags(placePath(p).slice(1))))],
  });
}
