import { HOUR_MS } from '../../contract/durations.ts';
import { startOfHour } from '../../domain/weather/time.ts';
import { DEMO_SOURCE, FORECAST_HOURS } from '../../domain/weather/weather.ts';
import { type Queryable, statement } from '../database.ts';
import { epoch, MEASURES } from '../weather/place-weather.ts';

/** Hours of forecast the read model keeps from the hour of the last write: a day's slack. */
const KEPT_HOURS = FORECAST_HOURS + 24;

// The warnings shown at a place (src/store/alerts/): matched to it, not replaced, not expired at
// the write's time ($5), the most severe first.
const ALERTS_OF_PLACE = `SELECT json_agg(json_build_object(
       'id', a.identifier, 'event', a.event, 'severity', a.severity, 'urgency', a.urgency,
       'certainty', a.certainty, 'sent', ${epoch('a.sent')}, 'onset', ${epoch('a.onset')},
       'expires', ${epoch('a.expires')}, 'headline', a.headline, 'description', a.description,
       'instruction', a.instruction, 'web', a.web, 'language', a.language,
       'issuer', a.sender_name, 'source', a.source)
       ORDER BY array_position(ARRAY['Extreme','Severe','Moderate','Minor'], a.severity),
                a.onset NULLS FIRST, a.id)
     FROM alert_places ap JOIN alerts a ON a.id = ap.alert_id
    WHERE ap.location_id = l.id AND a.replaced_at IS NULL
      AND (a.expires IS NULL OR a.expires > $5)`;

// A place's read model, made from its rows in the transaction that changed them: its latest
// observation and its forecast from the write's hour, as compact JSON arrays in a fixed column
// order (times as epoch seconds). Current conditions are the newest observation, whichever source
// (an imported old one never hides a newer); where sources overlap, a real source's row wins over
// the demo's ($4) at the same time, then the newest issue of each forecast hour.
const rebuild = statement(
  'place_reads_rebuild',
  `INSERT INTO place_reads AS r (location_id, current, forecast, alerts, built_at)
   SELECT l.id,
     (SELECT json_build_array(source, ${epoch('observed_at')}, ${epoch('next_update_at')},
          ${epoch('received_at')}, ${MEASURES})
        FROM observations WHERE location_id = l.id
        ORDER BY observed_at DESC NULLS LAST, source = $4 LIMIT 1),
     (SELECT json_agg(json_build_array(source, ${epoch('valid_at')}, ${epoch('next_update_at')},
          ${epoch('received_at')}, ${MEASURES}, ${epoch('issued_at')},
          precipitation_probability_pct, period_hours) ORDER BY valid_at)
        FROM (SELECT DISTINCT ON (valid_at) * FROM forecast_hours
              WHERE location_id = l.id AND valid_at >= $2 AND valid_at < $3
              ORDER BY valid_at, source = $4, issued_at DESC) f),
     (${ALERTS_OF_PLACE}),
     now()
   FROM locations l WHERE l.id = ANY($1::int[])
   ON CONFLICT (location_id) DO UPDATE
     SET current = excluded.current, forecast = excluded.forecast, alerts = excluded.alerts,
         built_at = excluded.built_at`,
);

/**
 * Makes the read model of these places again from their rows, as of `now` (the write's time):
 * call it in the transaction of every write that changes a place's observations or forecast.
 */
export async function rebuildPlaceReads(
  q: Queryable,
  locationIds: readonly number[],
  now: Date,
): Promise<void> {
  if (locationIds.length === 0) return;
  const from = startOfHour(now);
  // The window's end is bound as a time, not an interval, so the plan can use the index range.
  const to = new Date(from.getTime() + KEPT_HOURS * HOUR_MS);
  await q.run(rebuild, [[...new Set(locationIds)], from, to, DEMO_SOURCE, now]);
}

/** A place's JSON documents as a write rendered them, and until when they stand. */
export interface RenderedDocuments {
  locationId: number;
  metric: string;
  imperial: string;
  /** Their entity tags (representation.ts entityTag over each as UTF-8, as JSON). */
  etagMetric: string;
  etagImperial: string;
  until: Date;
  nextUpdateAt: Date | null;
  /** The next moment a warning they show begins or expires, if any. */
  alertsUntil: Date | null;
  lastModified: Date;
  /** The renderer's version that made them. */
  version: number;
}

// One statement per place, each document a parameter of its own: bound as an element of a text
// array, every document (tens of kB of JSON) was escaped quote by quote and copied again into
// the array literal, a third of a provider refresh's CPU (bench:refresh).
const storeDocuments = statement(
  'place_reads_documents',
  `UPDATE place_reads
      SET json_metric = $2, json_imperial = $3, documents_until = $4, document_next_update = $5,
          document_modified = $6, etag_metric = $7, etag_imperial = $8, document_version = $9,
          document_alerts_until = $10
    WHERE location_id = $1`,
);

/** Keeps the documents a write rendered with its places' read model. */
export async function storePlaceDocuments(
  q: Queryable,
  documents: readonly RenderedDocuments[],
): Promise<void> {
  for (const d of documents) {
    await q.run(storeDocuments, [
      d.locationId,
      d.metric,
      d.imperial,
      d.until,
      d.nextUpdateAt,
      d.lastModified,
      d.etagMetric,
      d.etagImperial,
      d.version,
      d.alertsUntil,
    ]);
  }
}
