import { z } from '@hono/zod-openapi';
import { HOUR_S } from '../../contract/durations.ts';
import { movedTo, serveCached } from '../../http/answers.ts';
import type { RouteDeps } from '../../http/context.ts';
import { movedPermanently, notModified } from '../../http/schemas/responses.ts';
import { createRouter, defineRoute } from '../../http/schemas/router.ts';
import { loadCompare } from '../compare-data.ts';
import type { DashboardContext } from '../dashboard-context.ts';
import { comparePagePath, readPlaces } from '../dashboard-uris.ts';
import { pageFreshness } from '../page-freshness.ts';
import { BadQuery, type Period, readPeriod } from '../period.ts';
import { UnknownPlace } from '../place-data.ts';
import { comparePage } from '../render/compare-page.ts';
import { htmlPage, notFoundPage, refusalPage } from './pages.ts';
import { periodQuery } from './place-route.ts';

const query = periodQuery.extend({
  places: z.string().optional().openapi({
    description: '2 to 4 places, `CC/Name` separated by commas, in the order to show them',
    example: 'GB/London,FR/Paris',
  }),
});

const html = { 'text/html': { schema: z.string() } };

const route = defineRoute('dashboard-compare', {
  summary: 'Two to four places on one chart: daily mean temperatures over a period',
  description:
    'The canonical query is in name order (`from`, `places`, `to`) with each place in its ' +
    'canonical spelling; any other spelling answers 301 to it.',
  request: { query },
  responses: {
    200: { description: 'The comparison page', content: html },
    301: movedPermanently,
    304: notModified,
    400: { description: 'A period or list of places that cannot be shown', content: html },
    404: { description: 'One of the places is unknown (cached for a minute)', content: html },
  },
});

/** `/dashboard/compare?from=&places=&to=`. */
export function dashboardCompareRoutes(deps: RouteDeps, d: DashboardContext) {
  return createRouter().openapi(route, async (c) => {
    const url = new URL(c.req.url);
    const q = c.req.valid('query');
    // A period or place list that cannot be read: said so each time, never cached.
    const refuse = (err: BadQuery) =>
      refusalPage(
        400,
        'This comparison cannot be shown',
        err.message,
        d.assets,
        c.get('requestId'),
      );
    let period: Period | null;
    let wanted: ReturnType<typeof readPlaces>;
    try {
      period = readPeriod(q.from, q.to);
      wanted = readPlaces(q.places);
    } catch (err) {
      if (!(err instanceof BadQuery)) throw err;
      return refuse(err);
    }
    return serveCached(c, deps, async () => {
      const now = deps.now();
      try {
        const data = await loadCompare(d.api, wanted, period, now);
        const canonical = comparePagePath(
          data.places.map((p) => p.ref),
          period,
        );
        if (url.pathname + url.search !== canonical) return movedTo(canonical, now, data.tags);
        const body = await comparePage(data, d.assets, d.browserApiBase);
        return htmlPage(
          body,
          pageFreshness(data.controls, period ? undefined : HOUR_S),
          now,
          data.tags,
        );
      } catch (err) {
        if (err instanceof UnknownPlace) return notFoundPage(`${err.message}.`, d.assets, now);
        throw err;
      }
    }).catch(async (err) => {
      // A list that names one place twice only: wrong, and said so each time (never cached).
      if (!(err instanceof BadQuery)) throw err;
      return refuse(err);
    });
  });
}
