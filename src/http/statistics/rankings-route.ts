import type { z } from '@hono/zod-openapi';
import { z as zod } from '@hono/zod-openapi';
import { countryTag } from '../../contract/protocol/cache-tags.ts';
import { dayFreshness } from '../../contract/protocol/freshness.ts';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import { daysBetween } from '../../contract/uris/day-uri.ts';
import { countryCode } from '../../contract/uris/place-uri.ts';
import {
  type Period,
  type RankingQuery,
  rankingPath,
  rankingTag,
  readPeriod,
  splitPeriod,
} from '../../contract/uris/statistics-uri.ts';
import {
  DEMO_NOTICE,
  GEONAMES_ATTRIBUTION,
  locationJson,
  unitsJson,
} from '../../documents/place-document.ts';
import { sourceAttributions } from '../../domain/attributions.ts';
import { localDate } from '../../domain/weather/day.ts';
import { type Ranking, type RankingOrder, rankPlaces } from '../../store/statistics/rankings.ts';
import { movedTo, notFound, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { representation } from '../representation.ts';
import {
  badRequest,
  jsonBody,
  movedPermanently,
  notModified,
  problem,
} from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { rankingSchema } from './stats-document-schemas.ts';
import { rankingQuery } from './stats-queries.ts';
import { statUnits } from './stats-units.ts';

const ORDER: Record<RankingQuery['stat'], RankingOrder> = {
  warmest: 'highest-mean',
  coldest: 'lowest-mean',
  wettest: 'highest-total',
};

// The zone where a date ends last (UTC−12): a period is over everywhere once it is over there.
const LAST_ZONE = 'Etc/GMT+12';

const route = defineRoute('rankings', {
  summary: 'Places of a country (or region) ranked by a statistic of a period',
  description:
    '`warmest`/`coldest`: mean of daily mean temperatures; `wettest`: precipitation total. ' +
    'Each place counts with its primary source; places without data in the period are left ' +
    'out. Pages of `limit` places; `next` is the URI of the following page. The canonical ' +
    'query lists parameters in name order, defaults left out, `to` always written. See ' +
    'docs/statistics.md.',
  request: {
    params: zod.object({
      country: zod.string().openapi({
        description: 'ISO 3166-1 alpha-2 code in capitals; `UK` and other cases answer 301',
        example: 'GB',
      }),
    }),
    query: rankingQuery,
  },
  responses: {
    200: jsonBody(rankingSchema, 'One page of the ranking'),
    301: movedPermanently,
    304: notModified,
    400: badRequest,
    404: problem('No places of that country (or region) are known (cached for a minute)'),
  },
});

/** `/v1/rankings/{CC}`: places ranked by a statistic. */
export function rankingRoutes(deps: RouteDeps) {
  return createRouter().openapi(route, (c) => {
    const raw = c.req.valid('param').country.replace(/\/$/, '');
    const code = countryCode(raw);
    if (!code) throw new Invalid(`"${raw.slice(0, 10)}" is not a country code`);
    const q = c.req.valid('query');
    // Checked before the cache: a refused period is a 400 no cache keeps.
    const period = readPeriod(q.from, q.to);
    const ask: RankingQuery = { ...q, ...period };
    return serveCached(c, deps, async () => {
      const now = deps.now();
      const url = new URL(c.req.url);
      const tags = [rankingTag(code), countryTag(code)];
      const canonical = rankingPath(code, ask);
      if (url.pathname + url.search !== canonical) return movedTo(canonical, now, tags);
      const ranking = await rankPlaces(deps.db, {
        countryCode: code,
        region: q.region,
        parts: splitPeriod(period),
        order: ORDER[q.stat],
        limit: q.limit,
        offset: (q.page - 1) * q.limit,
      });
      if (ranking.catalogPlaces === 0) {
        const where = q.region ? `${code}, region ${q.region}` : code;
        return notFound(url, 'unknown-place', `no places are known in ${where}`, now, tags);
      }
      const periodDays = daysBetween(period.from, period.to) + 1;
      const next =
        q.page * q.limit < ranking.total ? rankingPath(code, { ...ask, page: q.page + 1 }) : null;
      const settled =
        ranking.total > 0 && !ranking.anyDemo && ranking.minCompleteDays === periodDays;
      const daysAgo = daysBetween(period.to, localDate(new Date(now), LAST_ZONE));
      return representation({
        status: 200,
        body: JSON.stringify(rankingDocument(code, ask, periodDays, ranking, next)),
        contentType: 'application/json; charset=utf-8',
        freshness: dayFreshness(daysAgo, settled, ranking.nextUpdateAt, new Date(now)),
        ...(ranking.receivedAt ? { lastModified: ranking.receivedAt } : {}),
        now,
        tags,
      });
    });
  });
}

function rankingDocument(
  code: string,
  q: RankingQuery & Period,
  periodDays: number,
  r: Ranking,
  next: string | null,
): z.infer<typeof rankingSchema> {
  const units = q.units === 'imperial' ? 'imperial' : 'metric';
  const u = statUnits(units);
  const show = q.stat === 'wettest' ? u.depth : u.temp;
  const sources = [...new Set(r.places.map((p) => p.source))];
  return {
    country_code: code,
    region_code: q.region ?? null,
    stat: q.stat,
    from: q.from,
    to: q.to,
    period_days: periodDays,
    ...(r.anyDemo ? { notice: DEMO_NOTICE } : {}),
    units: unitsJson(units),
    limit: q.limit,
    page: q.page,
    total: r.total,
    places: r.places.map((p) => ({
      rank: p.rank,
      location: locationJson(p.place),
      source: p.source,
      value: show(p.value),
      days: p.days,
    })),
    next,
    attribution: [GEONAMES_ATTRIBUTION, ...sourceAttributions(sources)],
  };
}
