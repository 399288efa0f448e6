import { CONTENT_TYPES } from '../../contract/uris/place-uri.ts';
import { asciiJson } from '../../documents/ascii-json.ts';
import { entityTag } from '../../documents/entity-tag.ts';
import {
  documentValidUntil,
  nextUpdateOf,
  PLACE_DOCUMENT_VERSION,
  placeDocument,
} from '../../documents/place-document.ts';
import { nextAlertChange } from '../../domain/alerts.ts';
import type { Queryable } from '../../store/database.ts';
import { findPlaceWeatherByIds } from '../../store/weather/place-weather.ts';
import { rebuildPlaceReads, storePlaceDocuments } from '../../store/write/place-reads.ts';

/**
 * Makes the read model of these places again, in the transaction of the write that changed them:
 * their rows (rebuildPlaceReads), then their JSON documents in each unit system, rendered once
 * here so that a cold read until the end of the hour sends them as they are.
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
  const weathers = await findPlaceWeatherByIds(tx, locationIds, now);
  await storePlaceDocuments(
    tx,
    weathers.map((pw) => {
      const next = nextUpdateOf(pw);
      const alertsUntil = nextAlertChange(pw.alerts ?? [], now);
      const metric = asciiJson(placeDocument(pw, 'metric', now));
      const imperial = asciiJson(placeDocument(pw, 'imperial', now));
      return {
        locationId: pw.place.id,
        metric,
        imperial,
        etagMetric: entityTag(metric, CONTENT_TYPES.json),
        etagImperial: entityTag(imperial, CONTENT_TYPES.json),
        // A place that only a warning changed, with no weather yet (an alert's area reaches it
        // first), keeps no document that stands: a read asks for its weather (withWeather)
        // instead of serving an empty one.
        until:
          warnedOnly?.has(pw.place.id) && !pw.current && pw.forecast.length === 0
            ? now
            : documentValidUntil(next, now, alertsUntil),
        nextUpdateAt: next,
        alertsUntil,
        lastModified: pw.lastModified,
        version: PLACE_DOCUMENT_VERSION,
      };
    }),
  );
}
