import { dayFreshness } from '../../contract/protocol/freshness.ts';
import { daysBetween } from '../../contract/uris/day-uri.ts';
import {
  allDataFreshness,
  anomalyPath,
  climatologyPath,
  dailyStatsPath,
  readPeriod,
  recordsPath,
} from '../../contract/uris/statistics-uri.ts';
import { anomalyOf, normalOf, twelveMonths } from '../../domain/weather/climate-statistics.ts';
import { localDate, preferredByDate, preferredFirst, settled } from '../../domain/weather/day.ts';
import { findClimatology, findRecords } from '../../store/statistics/place-stats.ts';
import { dailySummariesBetween } from '../../store/weather/daily.ts';
import type { RouteDeps } from '../context.ts';
import { placeParams } from '../schemas/params.ts';
import {
  badRequest,
  jsonBody,
  movedPermanently,
  notModified,
  problem,
} from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { servePlaceStats } from './place-stats-route.ts';
import {
  anomalySchema,
  climatologySchema,
  dailyStatsSchema,
  recordsSchema,
} from './stats-document-schemas.ts';
import {
  anomalyDocument,
  climatologyDocument,
  dailyStatsDocument,
  recordsDocument,
} from './stats-documents.ts';
import { anomalyQuery, climatologyQuery, dailyStatsQuery, recordsQuery } from './stats-queries.ts';

const answers = {
  301: movedPermanently,
  304: notModified,
  400: badRequest,
  404: problem('No such place in that country (cached for a minute)'),
};
const SEE = ' See docs/statistics.md.';

const daily = defineRoute('stats-daily', {
  summary: "A place's daily series with the normal band",
  description:
    'One entry per local day of the period (days without data have null values), each with the ' +
    'normal of its calendar month (mean, p10, p90 of daily mean temperature over all years held). ' +
    'The canonical query is `from`, `to` (always written), `units`; a period of complete past ' +
    `days from a real source is immutable.${SEE}`,
  request: { params: placeParams, query: dailyStatsQuery },
  responses: { 200: jsonBody(dailyStatsSchema, 'The daily series'), ...answers },
});

const climatology = defineRoute('stats-climatology', {
  summary: "A place's monthly climatology over all years held",
  description:
    'Twelve calendar months: mean, standard deviation and p10/p50/p90 of daily mean temperature, ' +
    `mean daily minimum and maximum, mean daily and monthly precipitation.${SEE}`,
  request: { params: placeParams, query: climatologyQuery },
  responses: { 200: jsonBody(climatologySchema, 'The climatology'), ...answers },
});

const records = defineRoute('stats-records', {
  summary: "A place's hottest, coldest and wettest days",
  description: `The \`limit\` (default 5) highest maxima, lowest minima and wettest days held.${SEE}`,
  request: { params: placeParams, query: recordsQuery },
  responses: { 200: jsonBody(recordsSchema, 'The records'), ...answers },
});

const anomaly = defineRoute('stats-anomaly', {
  summary: "A day's mean temperature against its normal",
  description:
    'The difference from the normal of its calendar month and the z-score; null with a reason ' +
    `when there is no data or no normal.${SEE}`,
  request: { params: placeParams, query: anomalyQuery },
  responses: { 200: jsonBody(anomalySchema, 'The anomaly'), ...answers },
});

/** `/v1/locations/{CC}/{Name}/stats/…`: statistics of one place. */
export function statsRoutes(deps: RouteDeps) {
  return createRouter()
    .openapi(daily, (c) => {
      const q = c.req.valid('query');
      // Checked before the cache: a refused period is a 400 no cache keeps.
      const period = readPeriod(q.from, q.to);
      const canonical = (ref: string) => dailyStatsPath(ref, period, q.units);
      return servePlaceStats(c, deps, c.req.valid('param'), canonical, async (s) => {
        const [summaries, clim] = await Promise.all([
          dailySummariesBetween(deps.db, s.place.id, period.from, period.to),
          findClimatology(deps.db, s.place.id),
        ]);
        const shown = preferredByDate(summaries).map(([first]) => first);
        const complete =
          shown.length === daysBetween(period.from, period.to) + 1 && shown.every(settled);
        const today = localDate(new Date(s.now), s.place.timezone);
        return {
          body: dailyStatsDocument(s.place, period, summaries, clim, q.units),
          freshness: dayFreshness(
            daysBetween(period.to, today),
            complete,
            s.head.nextUpdateAt,
            new Date(s.now),
          ),
          received: [...summaries.map((x) => x.receivedAt), clim.receivedAt],
        };
      });
    })
    .openapi(climatology, (c) => {
      const { units } = c.req.valid('query');
      const canonical = (ref: string) => climatologyPath(ref, units);
      return servePlaceStats(c, deps, c.req.valid('param'), canonical, async (s) => {
        const clim = await findClimatology(deps.db, s.place.id);
        return {
          body: climatologyDocument(s.place, clim, units),
          freshness: allDataFreshness(s.head.nextUpdateAt, new Date(s.now)),
          received: [clim.receivedAt],
        };
      });
    })
    .openapi(records, (c) => {
      const { units, limit } = c.req.valid('query');
      const canonical = (ref: string) => recordsPath(ref, limit, units);
      return servePlaceStats(c, deps, c.req.valid('param'), canonical, async (s) => {
        const found = await findRecords(deps.db, s.place.id, limit);
        return {
          body: recordsDocument(s.place, found, limit, units),
          freshness: allDataFreshness(s.head.nextUpdateAt, new Date(s.now)),
          received: [found.receivedAt],
        };
      });
    })
    .openapi(anomaly, (c) => {
      const { units, date } = c.req.valid('query');
      const canonical = (ref: string) => anomalyPath(ref, date, units);
      return servePlaceStats(c, deps, c.req.valid('param'), canonical, async (s) => {
        const [summaries, clim] = await Promise.all([
          dailySummariesBetween(deps.db, s.place.id, date, date),
          findClimatology(deps.db, s.place.id),
        ]);
        const day = preferredFirst(summaries)[0];
        const month = twelveMonths(clim.months)[Number(date.slice(5, 7)) - 1]!;
        const normal = normalOf(month);
        const result = anomalyOf(day?.temperatureMeanC ?? null, normal);
        const today = localDate(new Date(s.now), s.place.timezone);
        return {
          body: anomalyDocument(s.place, date, day, clim.source, normal, result, units),
          freshness: dayFreshness(
            daysBetween(date, today),
            day !== undefined && settled(day),
            s.head.nextUpdateAt,
            new Date(s.now),
          ),
          received: [day?.receivedAt ?? null, clim.receivedAt],
        };
      });
    });
}
