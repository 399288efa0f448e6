import { z } from '@hono/zod-openapi';
import { placeTags } from '../../contract/protocol/cache-tags.ts';
import { catalogFreshness } from '../../contract/protocol/freshness.ts';
import { searchKey } from '../../contract/uris/slug.ts';
import { searchSchema } from '../../documents/document-schemas.ts';
import { movedTo, serveCached } from '../../http/answers.ts';
import type { RouteDeps } from '../../http/context.ts';
import { movedPermanently, notModified } from '../../http/schemas/responses.ts';
import { createRouter, defineRoute } from '../../http/schemas/router.ts';
import type { DashboardContext } from '../dashboard-context.ts';
import { readTypedPlace, searchPath } from '../dashboard-uris.ts';
import { pageFreshness } from '../page-freshness.ts';
import { choosePlace } from '../place-choice.ts';
import { locate, readDocument, tagsOf, UnknownPlace } from '../place-data.ts';
import { choicePage } from '../render/choice-page.ts';
import { indexPage } from '../render/index-page.ts';
import { htmlPage, notFoundPage, refusalPage } from './pages.ts';

const query = z.object({
  place: z
    .string()
    .optional()
    .openapi({
      description:
        'A place as people write it: `CC/Name` in any spelling, or a name alone. Answered 301 to ' +
        'its page, or, when several places have that name, with a page that offers each',
      example: 'London',
    }),
});

const html = { 'text/html': { schema: z.string() } };

const route = defineRoute('dashboard-index', {
  summary: 'What the dashboard shows, with a form that opens a place and example links',
  description:
    "With `place`: a 301 to that place's page (what the form sends, so it works without " +
    'JavaScript); a name several places have is answered with a choice among them, found by ' +
    'the search API as any client would.',
  request: { query },
  responses: {
    200: { description: 'The index page, or the places a name may mean', content: html },
    301: movedPermanently,
    304: notModified,
    400: { description: '`place` is neither `CC/Name` nor a name', content: html },
    404: { description: 'No such place (cached for a minute)', content: html },
  },
});

const slash = defineRoute('dashboard-index-slash', {
  summary: 'The index with a trailing slash: 301 to `/dashboard`, the query kept',
  request: { query },
  responses: { 301: movedPermanently },
});

const FORM_HINT =
  'write a place name, or a country code, a slash and a name, e.g. London or GB/London';

/**
 * A name alone ("London"): the search API says which places have it. One: its page (301). Several:
 * a page offering each, cached as long as the search answer it is made of.
 */
async function openByName(d: DashboardContext, typed: string, now: number) {
  const answer = await d.api.get(searchPath(typed));
  const { results } = readDocument('the search', answer, searchSchema);
  const choice = choosePlace(typed, results);
  const tags = tagsOf([answer]);
  if (choice.kind === 'none') {
    return notFoundPage(`no place called "${typed.slice(0, 40)}" is known.`, d.assets, now);
  }
  if (choice.kind === 'one') {
    const ref = `${choice.location.country_code}/${choice.location.slug}`;
    return movedTo(`/dashboard/${ref}`, now, [...placeTags(ref), ...tags]);
  }
  const body = await choicePage(typed.slice(0, 40), choice.locations, d.assets);
  return htmlPage(body, pageFreshness([answer.cacheControl]), now, tags);
}

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
      if (!wanted && !typed.includes('/') && searchKey(typed) !== '') {
        return serveCached(c, deps, () => openByName(d, typed.trim(), deps.now()));
      }
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
