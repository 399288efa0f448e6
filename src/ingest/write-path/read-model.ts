import { addDays, daysBetween } from '../../contract/uris/day-uri.ts';
import { CONTENT_TYPES } from '../../contract/uris/place-uri.ts';
import { asciiJson, asciiText } from '../../documents/ascii-json.ts';
import { entityTag } from '../../documents/entity-tag.ts';
import {
  documentValidUntil,
  nextUpdateOf,
  PLACE_DOCUMENT_VERSION,
  placeDocument,
} from '../../documents/place-document.ts';
import { dataTime } from '../../documents/source-runs.ts';
import { nextAlertChange } from '../../domain/alerts.ts';
import { localDate } from '../../domain/weather/day.ts';
import type { Queryable } from '../../store/database.ts';
import { findDateClimates, type PlaceDate } from '../../store/statistics/date-climate.ts';
import { findPlaceWeatherByIds, type PlaceWeather } from '../../store/weather/place-weather.ts';
import {
  type RenderedDocuments,
  rebuildPlaceReads,
  storePlaceDocuments,
} from '../../store/write/place-reads.ts';

/** The local dates a place's documents show: today (the current conditions) to its forecast's last. */
function climateDates({ place, forecast }: PlaceWeather, now: Date): PlaceDate[] {
  const first = localDate(now, place.timezone);
  const last = forecast.at(-1);
  const days = last ? Math.max(0, daysBetween(first, localDate(last.validAt, place.timezone))) : 0;
  return Array.from({ length: days + 1 }, (_, i) => ({
    locationId: place.id,
    date: addDays(first, i),
  }));
}

/**
 * Makes the read model of these places again, in the transaction of the write that changed them:
 * their rows (rebuildPlaceReads), then, a few places at a time, the climate of the dates they
 * show and their JSON documents in each unit system, rendered once here so that a cold read
 * until the end of the hour sends them as they are.
 */
export async function refreshPlaceReads(
  tx: Queryable,
  locationIds: readonly number[],
  now: Date,
  /** Places whose only change is their warnings. */
  warnedOnly?: ReadonlySet<number>,
): Promise<void> {
  if (locationIds.length === 0) return;
  await rebuildPlaceReads(tx, locationIds, now);
  // The documents are made a few places at a time, each few read, rendered and stored before
  // the next: what a write holds while it renders (the places' weather, their documents) stays
  // small, and so does what the garbage collector copies (a refresh of 50 places held all 50;
  // bench:refresh, "CPU per refresh").
  for (let from = 0; from < locationIds.length; from += DOCUMENTS_AT_ONCE) {
    const ids = locationIds.slice(from, from + DOCUMENTS_AT_ONCE);
    await storePlaceDocuments(tx, await renderDocuments(tx, ids, now, warnedOnly), now);
  }
}

/** Places whose documents are read, rendered and stored together. */
const DOCUMENTS_AT_ONCE = 16;

/** The documents of these places in each unit system, from their read model as just rebuilt. */
async function renderDocuments(
  tx: Queryable,
  locationIds: readonly number[],
  now: Date,
  warnedOnly: ReadonlySet<number> | undefined,
): Promise<RenderedDocuments[]> {
  const weathers = await findPlaceWeatherByIds(tx, locationIds, now);
  const climates = await findDateClimates(
    tx,
    weathers.flatMap((pw) => climateDates(pw, now)),
  );
  return weathers.map((found) => {
    const pw = { ...found, climate: climates.get(found.place.id) ?? [] };
    const next = nextUpdateOf(pw);
    const alertsUntil = nextAlertChange(pw.alerts ?? [], now);
    const metricJson = JSON.stringify(placeDocument(pw, 'metric', now));
    const metric = asciiText(metricJson);
    const imperial = asciiJson(placeDocument(pw, 'imperial', now));
    return {
      locationId: pw.place.id,
      metric,
      imperial,
      etagMetric: entityTag(metric, CONTENT_TYPES.json),
      etagImperial: entityTag(imperial, CONTENT_TYPES.json),
      contentTag: contentTag(metricJson),
      // A place that only a warning changed, with no weather yet (an alert's area reaches it
      // first), keeps no document that stands: a read asks for its weather (withWeather)
      // instead of serving an empty one.
      until:
        warnedOnly?.has(pw.place.id) && !pw.current && pw.forecast.length === 0
          ? now
          : documentValidUntil(next, now, alertsUntil),
      nextUpdateAt: next,
      alertsUntil,
      dataTime: new Date(Math.min(now.getTime(), (dataTime(pw) ?? pw.lastModified).getTime())),
      version: PLACE_DOCUMENT_VERSION,
      climate: pw.climate,
    };
  });
}

// A bookkeeping time as JSON.stringify writes it, with the comma that sets it apart: the one
// before it, or the one after it where it is its object's first member. Inside a string value
// every quote is escaped (`\"`), so a key's name and quotes match only as a member.
const BOOKKEEPING =
  /,"(?:next_update_at|received_at)":(?:"[^"]*"|null)|"(?:next_update_at|received_at)":(?:"[^"]*"|null),?/g;

/**
 * What a document says, as a tag: whether a write changed it. The times it keeps only for
 * scheduling are left out: a refresh that brings the same data (MET Norway's "not modified")
 * moves them and nothing else, and must not move Last-Modified. Taken from the document's JSON
 * text (JSON.stringify's, before asciiText) with those members cut out: the same text JSON gives
 * without them, so the same tag as stored documents carry, without writing the document a third
 * time a refresh (bench:refresh, "CPU per refresh").
 */
export function contentTag(json: string): string {
  return entityTag(json.replace(BOOKKEEPING, ''), '');
}
