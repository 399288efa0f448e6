import { z } from '@hono/zod-openapi';
import { placeTags } from '../../contract/protocol/cache-tags.ts';
import { catalogFreshness } from '../../contract/protocol/freshness.ts';
import { movedTo, serveCached } from '../../http/answers.ts';
import type { RouteDeps } from '../../http/context.ts';
import { movedPermanently, notModified } from '../../http/schemas/responses.ts';
import { createRouter, defineRoute } from '../../http/schemas/router.ts';
import type { DashboardContext } from '../dashboard-context.ts';
import { readTypedPlace } from '../dashboard-uris.ts';
import { locate, UnknownPlace } from '../place-data.ts';
import { indexPage } from '../render/index-page.ts';
import { htmlPage, notFoundPage, refusalPage } from './pages.ts';

const query = z.object({
  place: z.string().optional().openapi({
    description: 'A place as people write it, `CC/Name` in any spelling: answered 301 to its page',
    example: 'gb/london',
  }),
});

const html = { 'text/html': { schema: z.string() } };

const route = defineRoute('dashboard-index', {
  summary: 'What the dashboard shows, with a form that opens a place and example links',
  description:
    "With `place`: a 301 to that place's page (what the form sends, so it works without " +
    'JavaScript).',
  request: { query },
  responses: {
    200: { description: 'The index page', content: html },
    301: movedPermanently,
    304: notModified,
    400: { description: '`place` is not written as `CC/Name`', content: html },
    404: { description: 'No such place (cached for a minute)', content: html },
  },
});

const slash = defineRoute('dashboard-index-slash', {
  summary: 'The index with a trailing slash: 301 to `/dashboard`, the query kept',
  request: { query },
  responses: { 301: movedPermanently },
});

const FORM_HINT = 'write the place as a country code, a slash and a name, e.g. GB/London';

/** `/dashboard` (and `?place=` from its form), and `/dashboard/` sent to it. */
export function dashboardIndexRoutes(deps: RouteDeps, d: DashboardContext) {
  return createRouter()
    .openapi(route, async (c) => {
      const typed = c.req.valid('query').place;
      if (typed === undefined) {
        return serveCached(c, deps, async () =>
          htmlPage(await indexPage(d.assets), catalogFreshness, deps.now(), []),
        );
      }
      const wanted = readTypedPlace(typed);
      if (!wanted) {
        const detail = `"${typed.slice(0, 40)}" is not a place; ${FORM_HINT}`;
        return refusalPage(400, 'Which place?', detail, d.assets, c.get('requestId'));
      }
      return serveCached(c, deps, async () => {
        const now = deps.now();
        try {
          const place = await locate(d.api, wanted);
          return movedTo(`/dashboard/${place.ref}`, now, placeTags(place.ref));
        } catch (err) {
          if (err instanceof UnknownPlace) return notFoundPage(`${err.message}.`, d.assets, now);
          throw err;
        }
      });
    })
    .openapi(slash, (c) =>
      serveCached(c, deps, async () =>
        movedTo(`/dashboard${new URL(c.req.url).search}`, deps.now()),
      ),
    );
}
