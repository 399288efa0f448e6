import { CONTENT_TYPES } from '../../contract/uris/place-uri.ts';
import { asciiJson } from '../../documents/ascii-json.ts';
import { entityTag } from '../../documents/entity-tag.ts';
import {
  documentValidUntil,
  nextUpdateOf,
  PLACE_DOCUMENT_VERSION,
  placeDocument,
} from '../../documents/place-document.ts';
import { dataTime } from '../../documents/source-runs.ts';
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
): Promise<void> {
  if (locationIds.length === 0) return;
  await rebuildPlaceReads(tx, locationIds, now);
  const weathers = await findPlaceWeatherByIds(tx, locationIds, now);
  await storePlaceDocuments(
    tx,
    weathers.map((pw) => {
      const next = nextUpdateOf(pw);
      const metricDocument = placeDocument(pw, 'metric', now);
      const metric = asciiJson(metricDocument);
      const imperial = asciiJson(placeDocument(pw, 'imperial', now));
      return {
        locationId: pw.place.id,
        metric,
        imperial,
        etagMetric: entityTag(metric, CONTENT_TYPES.json),
        etagImperial: entityTag(imperial, CONTENT_TYPES.json),
        contentTag: entityTag(JSON.stringify(metricDocument, withoutBookkeeping), ''),
        until: documentValidUntil(next, now),
        nextUpdateAt: next,
        dataTime: new Date(Math.min(now.getTime(), (dataTime(pw) ?? pw.lastModified).getTime())),
        version: PLACE_DOCUMENT_VERSION,
      };
    }),
    now,
  );
}

/**
 * The times a document keeps only for scheduling: a refresh that brings the same data (MET
 * Norway's "not modified") moves them and nothing else, and must not move Last-Modified.
 */
function withoutBookkeeping(key: string, value: unknown) {
  return key === 'next_update_at' || key === 'received_at' ? undefined : value;
}
