import { HOUR_MS } from '../../contract/durations.ts';
import type { DateClimate } from '../../domain/weather/date-climate.ts';
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
  /** What they say without their bookkeeping times: changed or not, whatever was fetched. */
  contentTag: string;
  until: Date;
  nextUpdateAt: Date | null;
  /** The next moment a warning they show begins or expires, if any. */
  alertsUntil: Date | null;
  /** The data's own time (its newest run or observation), no later than the write. */
  dataTime: Date;
  /** The renderer's version that made them. */
  version: number;
  /** The climate of its forecast's dates they were rendered with; [] without. */
  climate: readonly DateClimate[];
}

// One statement per place, each document a parameter of its own: bound as an element of a text
// array, every document (tens of kB of JSON) was escaped quote by quote and copied again into
// the array literal, a third of a provider refresh's CPU (bench:refresh).
// Last-Modified never goes back, so that a client asking If-Modified-Since never gets 304 for
// documents that changed: unchanged content keeps it; a newer data time moves it there; content
// changed by older data (a fill-in from another source) or by no data at all (an alert, the
// catalog) moves it to the write's time ($11).
const storeDocuments = statement(
  'place_reads_documents',
  `UPDATE place_reads
      SET json_metric = $2, json_imperial = $3, documents_until = $4, document_next_update = $5,
          document_modified = CASE
            WHEN document_modified IS NOT NULL AND content_tag = $10 THEN document_modified
            WHEN document_modified IS NULL OR $6 > document_modified THEN $6
            ELSE greatest($11::timestamptz, document_modified + interval '1 second') END,
          etag_metric = $7, etag_imperial = $8, document_version = $9, content_tag = $10,
          climate = $12::json, document_alerts_until = $13
    WHERE location_id = $1`,
);

/** Keeps the documents a write (at `now`) rendered with its places' read model. */
export async function storePlaceDocuments(
  q: Queryable,
  documents: readonly RenderedDocuments[],
  now: Date,
): Promise<void> {
  for (const d of documents) {
    await q.run(storeDocuments, [
      d.locationId,
      d.metric,
      d.imperial,
      d.until,
      d.nextUpdateAt,
      d.dataTime,
      d.etagMetric,
      d.etagImperial,
      d.version,
      d.contentTag,
      now,
      d.climate.length > 0 ? JSON.stringify(d.climate) : null,
      d.alertsUntil,
    ]);
  }
}
