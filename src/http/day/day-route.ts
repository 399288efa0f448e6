import { z } from '@hono/zod-openapi';
import { placeTags } from '../../contract/protocol/cache-tags.ts';
import { dayFreshness } from '../../contract/protocol/freshness.ts';
import { type DayRequest, dayPath, daysBetween } from '../../contract/uris/day-uri.ts';
import { CONTENT_TYPES, type PlaceRequest } from '../../contract/uris/place-uri.ts';
import { dayDocumentSchema } from '../../documents/document-schemas.ts';
import { localDate, preferredFirst, settled } from '../../domain/weather/day.ts';
import { defaultUnits, type UnitSystem, unitsQueryFor } from '../../domain/weather/units.ts';
import { findPlaceByOtherName } from '../../store/catalog/place-names.ts';
import { findPlaceDay } from '../../store/weather/place-day.ts';
import { movedTo, notFound, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { representation } from '../representation.ts';
import { dayParams } from '../schemas/params.ts';
import { unitsQuery } from '../schemas/queries.ts';
import { movedPermanently, notModified, problemOrPage } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { dayDocument } from './day-document.ts';
import { dayHistoryLines } from './day-history.ts';
import { dayHtml } from './day-html.ts';
import { missingDayPage } from './day-missing.ts';
import { loadDayPageData } from './day-page-data.ts';
import { dayText } from './day-text.ts';

const route = defineRoute('day', {
  summary: 'One local day of a place: its summary and hourly observations',
  description:
    "The day runs midnight to midnight in the place's time zone (23 to 25 hours). Where several " +
    'sources have it, a measured one is shown before the demo source; the others are named. ' +
    'A complete past day is immutable (cached for a year); today and days still receiving data ' +
    'are fresh until the next update; an incomplete older day for an hour.',
  request: { params: dayParams, query: unitsQuery },
  responses: {
    200: {
      description: 'The day',
      content: {
        'application/json': { schema: dayDocumentSchema },
        'text/html': { schema: z.string() },
        'text/plain': { schema: z.string() },
      },
    },
    301: movedPermanently,
    304: notModified,
    400: problemOrPage('A malformed or impossible date, or a bad query parameter'),
    404: problemOrPage(
      'No such place, or no data for that day from any source (cached for a minute)',
    ),
  },
});

/** The canonical query of a unit system in the JSON API: metric is its default, in none. */
export const unitsQueryString = (units: UnitSystem, lead: '?' | '&' = '?') =>
  units === 'metric' ? '' : `${lead}units=${units}`;

/** `/{CC}/{Name}/{YYYY-MM-DD}`, `.json` and `.txt`; every other spelling answers 301. */
export function dayRoutes(deps: RouteDeps) {
  return createRouter().openapi(route, (c) => {
    const url = new URL(c.req.url);
    const req = c.req.valid('param');
    const { units } = c.req.valid('query');
    return serveCached(c, deps, () => render(deps, req, units, url));
  });
}

type DayPageRequest = Omit<PlaceRequest, 'format'> & DayRequest;

async function render(
  deps: RouteDeps,
  req: DayPageRequest,
  asked: UnitSystem | undefined,
  url: URL,
) {
  const now = deps.now();
  const units = asked ?? defaultUnits(req.countryCode, req.format);
  const day = await findPlaceDay(deps.db, req.countryCode, req.key, req.date);
  if (!day) {
    const other = await findPlaceByOtherName(deps.db, req.countryCode, req.key);
    if (other) {
      const path = dayPath(other.countryCode, other.slug, req.date, req.format);
      return movedTo(
        path + unitsQueryString(units),
        now,
        placeTags(`${other.countryCode}/${other.slug}`),
      );
    }
    const detail = `no place "${req.key}" is known in ${req.countryCode}`;
    return notFound(url, 'unknown-place', detail, now);
  }
  const { countryCode, slug, timezone } = day.place;
  const ref = `${countryCode}/${slug}`;
  const tags = placeTags(ref);
  const canonical =
    dayPath(countryCode, slug, req.date, req.format) +
    unitsQueryFor(countryCode, req.format, units);
  if (url.pathname + url.search !== canonical) return movedTo(canonical, now, tags);
  const [shown, ...others] = preferredFirst(day.summaries);
  if (!shown) {
    // Tagged, so the purge that follows the day's first data drops this answer at once.
    if (req.format === 'html') {
      const query = unitsQueryFor(countryCode, 'html', units);
      return missingDayPage(day.place, req.date, url.pathname, day.nearest, query, now, tags);
    }
    return notFound(url, 'no-data', `no source has data for ${ref} on ${req.date}`, now, tags);
  }
  const doc = dayDocument(day, [shown, ...others], units);
  // The page shows the rest of the day's forecast and the place's history; the text view its
  // history too.
  const data =
    req.format === 'json'
      ? null
      : await loadDayPageData(deps.db, day, req.date, shown.source, new Date(now));
  const extremes = { max: shown.temperatureMaxC, min: shown.temperatureMinC };
  const body =
    req.format === 'json'
      ? JSON.stringify(doc)
      : req.format === 'txt'
        ? dayText(doc, dayHistoryLines(doc, data!, extremes))
        : await dayHtml(doc, deps.credits, day.nearest, data!, extremes);
  const daysAgo = daysBetween(req.date, localDate(new Date(now), timezone));
  return representation({
    status: 200,
    body,
    contentType: CONTENT_TYPES[req.format],
    freshness: dayFreshness(daysAgo, settled(shown), day.nextUpdateAt, new Date(now)),
    lastModified: data?.lastModified ?? day.lastModified,
    now,
    tags,
  });
}
