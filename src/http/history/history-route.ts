import { placeTags } from '../../contract/protocol/cache-tags.ts';
import { dayFreshness } from '../../contract/protocol/freshness.ts';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import {
  daysBetween,
  type HistoryPage,
  historyPage,
  historyPath,
} from '../../contract/uris/day-uri.ts';
import { placePath } from '../../contract/uris/place-uri.ts';
import { historySchema } from '../../documents/document-schemas.ts';
import { localDate, preferredByDate, settled } from '../../domain/weather/day.ts';
import type { UnitSystem } from '../../domain/weather/units.ts';
import { findPlaceByOtherName } from '../../store/catalog/place-names.ts';
import { dailySummariesBetween } from '../../store/weather/daily.ts';
import { findPlaceForHistory } from '../../store/weather/place-day.ts';
import { movedTo, notFound, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { unitsQueryString } from '../day/day-route.ts';
import { representation } from '../representation.ts';
import { placeParams } from '../schemas/params.ts';
import { historyQuery } from '../schemas/queries.ts';
import {
  badRequest,
  jsonBody,
  movedPermanently,
  notModified,
  problem,
} from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { historyDocument } from './history-document.ts';

const route = defineRoute('history', {
  summary: "A place's daily summaries from one date to another",
  description:
    'One entry per local day that has data (a measured source preferred to the demo source), by ' +
    'pages of `limit` days; `next` is the URI of the following page. Days without data are left ' +
    'out, so a range with none is an empty list, not a 404. The canonical query is `from`, ' +
    '`limit` (left out when 31), `to` (always written), then `units`; other spellings answer 301. ' +
    'A page of complete past days is immutable (cached for a year).',
  request: { params: placeParams, query: historyQuery },
  responses: {
    200: jsonBody(historySchema, 'One page of the range'),
    301: movedPermanently,
    304: notModified,
    400: badRequest,
    404: problem('No such place in that country (cached for a minute)'),
  },
});

/** `/v1/locations/{CC}/{Name}/history?from=…&to=…&limit=…`: daily summaries, by pages. */
export function historyRoutes(deps: RouteDeps) {
  return createRouter().openapi(route, (c) => {
    const url = new URL(c.req.url);
    const { countryCode, key, format } = c.req.valid('param');
    if (format !== 'html') {
      throw new Invalid('history lives at /v1/locations/{CC}/{Name}/history');
    }
    const { from, to, limit, units = 'metric' } = c.req.valid('query');
    // Checked before the cache: a refused range is a 400 no cache keeps.
    const page = historyPage(from, to, limit);
    return serveCached(c, deps, () => render(deps, countryCode, key, page, units, url));
  });
}

async function render(
  deps: RouteDeps,
  countryCode: string,
  key: string,
  page: HistoryPage,
  units: UnitSystem,
  url: URL,
) {
  const now = deps.now();
  const head = await findPlaceForHistory(deps.db, countryCode, key);
  if (!head) {
    const other = await findPlaceByOtherName(deps.db, countryCode, key);
    if (other) {
      const ref = placePath(other).slice(1);
      return movedTo(historyPath(ref, page, unitsQueryString(units, '&')), now, placeTags(ref));
    }
    return notFound(url, 'unknown-place', `no place "${key}" is known in ${countryCode}`, now);
  }
  const { place } = head;
  const ref = placePath(place).slice(1);
  const tags = placeTags(ref);
  const more = unitsQueryString(units, '&');
  const canonical = historyPath(ref, page, more);
  if (url.pathname + url.search !== canonical) return movedTo(canonical, now, tags);
  const summaries = await dailySummariesBetween(deps.db, place.id, page.from, page.last);
  const days = preferredByDate(summaries);
  const next = page.nextFrom && historyPath(ref, { ...page, from: page.nextFrom }, more);
  const doc = historyDocument(place, page, days, units, unitsQueryString(units), next);
  // The page is as settled as its least settled day: every day in and complete, or its newest
  // day decides (see dayFreshness).
  const complete =
    days.length === daysBetween(page.from, page.last) + 1 && days.every(([s]) => settled(s));
  const daysAgo = daysBetween(page.last, localDate(new Date(now), place.timezone));
  const received = summaries.map((s) => s.receivedAt.getTime());
  return representation({
    status: 200,
    body: JSON.stringify(doc),
    contentType: 'application/json; charset=utf-8',
    freshness: dayFreshness(daysAgo, complete, head.nextUpdateAt, new Date(now)),
    lastModified: new Date(Math.max(head.updatedAt.getTime(), ...received)),
    now,
    tags,
  });
}
