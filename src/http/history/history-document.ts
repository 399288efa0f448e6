import type { z } from '@hono/zod-openapi';
import { dayPath, type HistoryPage } from '../../contract/uris/day-uri.ts';
import type { historySchema } from '../../documents/document-schemas.ts';
import {
  DEMO_NOTICE,
  GEONAMES_ATTRIBUTION,
  locationJson,
  unitsJson,
} from '../../documents/place-document.ts';
import { sourceAttributions } from '../../domain/attributions.ts';
import type { Place } from '../../domain/place.ts';
import type { UnitSystem } from '../../domain/weather/units.ts';
import { DEMO_SOURCE } from '../../domain/weather/weather.ts';
import type { DailySummary } from '../../store/weather/daily.ts';
import { daySummaryJson } from '../day/day-document.ts';

/** The JSON document of a page of history, as its schema declares it. */
export type HistoryDocument = z.infer<typeof historySchema>;

/**
 * A page of a place's history (`/v1/locations/{CC}/{Name}/history`): one entry per day with data,
 * each the preferred source's summary (`ranked[0]`) naming the others; days without data are
 * left out. `next` is the canonical URI of the next page; `unitsQuery` the page's own units.
 */
export function historyDocument(
  place: Place,
  page: HistoryPage,
  days: readonly (readonly [DailySummary, ...DailySummary[]])[],
  units: UnitSystem,
  unitsQuery: string,
  next: string | null,
): HistoryDocument {
  const demo = days.some(([shown]) => shown.source === DEMO_SOURCE);
  return {
    location: locationJson(place),
    from: page.from,
    to: page.to,
    limit: page.limit,
    ...(demo ? { notice: DEMO_NOTICE } : {}),
    units: unitsJson(units),
    days: days.map(([shown, ...others]) => ({
      date: shown.date,
      source: shown.source,
      other_sources: others.map((o) => o.source),
      ...daySummaryJson(shown, units),
      link: dayPath(place.countryCode, place.slug, shown.date, 'json') + unitsQuery,
    })),
    next,
    attribution: [GEONAMES_ATTRIBUTION, ...sourceAttributions(days.map(([shown]) => shown.source))],
  };
}
