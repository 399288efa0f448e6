import { z } from '@hono/zod-openapi';
import { HOUR_S } from '../../contract/durations.ts';
import { placeTags } from '../../contract/protocol/cache-tags.ts';
import { movedTo, serveCached } from '../../http/answers.ts';
import type { RouteDeps } from '../../http/context.ts';
import { placeParams } from '../../http/schemas/params.ts';
import { movedPermanently, notModified } from '../../http/schemas/responses.ts';
import { createRouter, defineRoute } from '../../http/schemas/router.ts';
import type { DashboardContext } from '../dashboard-context.ts';
import { placePagePath } from '../dashboard-uris.ts';
import { pageFreshness } from '../page-freshness.ts';
import { BadQuery, type Period, readPeriod } from '../period.ts';
import { loadPlace, locate, UnknownPlace } from '../place-data.ts';
import { placePage } from '../render/place-page.ts';
import { htmlPage, notFoundPage, refusalPage } from './pages.ts';

export const periodQuery = z.object({
  from: z
    .string()
    .optional()
    .openapi({ description: 'First local date, YYYY-MM-DD', example: '2026-01-01' }),
  to: z.string().optional().openapi({
    description: 'Last local date, YYYY-MM-DD; `from` + 30 days if left out',
    example: '2026-01-31',
  }),
});

const html = { 'text/html': { schema: z.string() } };

const route = defineRoute('dashboard-place', {
  summary: "A place's climate dashboard: daily series against the normal, climatology, records",
  description:
    'Built from the statistics API. Without `from` and `to`: the last 30 days. Other spellings ' +
    '(place, parameter order, dates without zeros, `from` alone) answer 301 to the canonical URI.',
  request: { params: placeParams, query: periodQuery },
  responses: {
    200: { description: 'The dashboard page', content: html },
    301: movedPermanently,
    304: notModified,
    400: { description: 'A period that cannot be shown, said on an HTML page', content: html },
    404: { description: 'No such place (cached for a minute)', content: html },
  },
});

/** A page showing the default period follows the calendar: look again within the hour. */
const DEFAULT_PERIOD_CEILING = HOUR_S;

/** `/dashboard/{CC}/{Name}?from=&to=`: a place's statistics, as a page for people. */
export function dashboardPlaceRoutes(deps: RouteDeps, d: DashboardContext) {
  return createRouter().openapi(route, async (c) => {
    const url = new URL(c.req.url);
    const { countryCode, key, format } = c.req.valid('param');
    const query = c.req.valid('query');
    let period: Period | null;
    try {
      period = readPeriod(query.from, query.to);
    } catch (err) {
      if (!(err instanceof BadQuery)) throw err;
      return refusalPage(
        400,
        'This period cannot be shown',
        err.message,
        d.assets,
        c.get('requestId'),
      );
    }
    if (format !== 'html') {
      const detail = `the dashboard has HTML pages only; its data is at /v1/locations/${countryCode}/${key}/stats/…`;
      return refusalPage(400, 'No such representation', detail, d.assets, c.get('requestId'));
    }
    return serveCached(c, deps, async () => {
      const now = deps.now();
      let place: Awaited<ReturnType<typeof locate>>;
      try {
        place = await locate(d.api, { countryCode, key });
      } catch (err) {
        if (err instanceof UnknownPlace) return notFoundPage(`${err.message}.`, d.assets, now);
        throw err;
      }
      const canonical = placePagePath(place.ref, period);
      if (url.pathname + url.search !== canonical) {
        return movedTo(canonical, now, placeTags(place.ref));
      }
      const data = await loadPlace(d.api, place, period, now);
      const body = await placePage(data, d.assets, d.browserApiBase, canonical);
      const ceiling = period ? undefined : DEFAULT_PERIOD_CEILING;
      return htmlPage(body, pageFreshness(data.controls, ceiling), now, data.tags);
    });
  });
}
