import { HOUR_MS } from '../../contract/durations.ts';
import type { DateClimate } from '../../domain/weather/date-climate.ts';
import { startOfHour } from '../../domain/weather/time.ts';
import { DEMO_SOURCE, FORECAST_HOURS } from '../../domain/weather/weather.ts';
import { type Queryable, type Statement, statement } from '../database.ts';
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

// The forecast's columns, in the order the current conditions' tuple has them, then its own.
const FORECAST_COLUMNS = [
  'source',
  epoch('valid_at'),
  epoch('next_update_at'),
  epoch('received_at'),
  ...MEASURES.split(', '),
  epoch('issued_at'),
  'precipitation_probability_pct',
  'period_hours',
];

// A place's read model, made from its rows in the transaction that changed them: its latest
// observation as a compact JSON array in a fixed column order, and its forecast from the write's
// hour as one JSON array per column in the same order (times as epoch seconds). Column by column
// because Postgres 15 looks up how to write each value of a json_build_array again for every
// value, and an array's elements once: a 50-place refresh's rebuild 38-44 -> 26-29 ms (statement
// log of bench:refresh, the upsert beside it 63-66 ms both times), and its reader parses 18
// arrays a place, not 240 mixed ones (bench:refresh, "CPU per refresh"). Each column aggregates the same rows in the same pass,
// so the columns line up; the rows come in time order (DISTINCT ON sorts them) and the reader
// does not rely on it. Current conditions are the newest observation, whichever source (an
// imported old one never hides a newer); where sources overlap, a real source's row wins over the
// demo's ($4) at the same time, then the newest issue of each forecast hour.
const rebuild = statement(
  'place_reads_rebuild',
  `INSERT INTO place_reads AS r (location_id, current, forecast, alerts, built_at)
   SELECT l.id,
     (SELECT json_build_array(source, ${epoch('observed_at')}, ${epoch('next_update_at')},
          ${epoch('received_at')}, ${MEASURES})
        FROM observations WHERE location_id = l.id
        ORDER BY observed_at DESC NULLS LAST, source = $4 LIMIT 1),
     (SELECT json_build_array(${FORECAST_COLUMNS.map((c) => `array_agg(${c})`).join(', ')})
        FROM (SELECT DISTINCT ON (valid_at) * FROM forecast_hours
              WHERE location_id = l.id AND valid_at >= $2 AND valid_at < $3
              ORDER BY valid_at, source = $4, issued_at DESC) f
       HAVING count(*) > 0),
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

// Each document a parameter of its own: bound as an element of a text array, every document (tens
// of kB of JSON) was escaped quote by quote and copied again into the array literal, a third of
// a provider refresh's CPU (bench:refresh). So the places go as rows of a VALUES list, up to 64 in
// one statement (one statement per place was 300 round trips for an import's batch), in sizes
// that are powers of two: seven statements at most to prepare on a connection.
// Last-Modified never goes back, so that a client asking If-Modified-Since never gets 304 for
// documents that changed: unchanged content keeps it; a newer data time moves it there; content
// changed by older data (a fill-in from another source) or by no data at all (an alert, the
// catalog) moves it to the write's time ($1).
const MAX_DOCUMENT_ROWS = 64;
const DOCUMENT_PARAMS = 12;
const storeDocuments = new Map<number, Statement>();
function storeDocumentsOf(rows: number): Statement {
  let found = storeDocuments.get(rows);
  if (!found) {
    const values = Array.from({ length: rows }, (_, i) => {
      const $ = (k: number) => `$${2 + i * DOCUMENT_PARAMS + k}`;
      return `(${$(0)}::int, ${$(1)}::text, ${$(2)}::text, ${$(3)}::timestamptz,
        ${$(4)}::timestamptz, ${$(5)}::timestamptz, ${$(6)}::text, ${$(7)}::text, ${$(8)}::int,
        ${$(9)}::text, ${$(10)}::json, ${$(11)}::timestamptz)`;
    });
    found = statement(
      `place_reads_documents_${rows}`,
      `UPDATE place_reads AS p
          SET json_metric = d.metric, json_imperial = d.imperial, documents_until = d.until,
              document_next_update = d.next_update,
              document_modified = CASE
                WHEN p.document_modified IS NOT NULL AND p.content_tag = d.content_tag
                  THEN p.document_modified
                WHEN p.document_modified IS NULL OR d.data_time > p.document_modified
                  THEN d.data_time
                ELSE greatest($1::timestamptz, p.document_modified + interval '1 second') END,
              etag_metric = d.etag_metric, etag_imperial = d.etag_imperial,
              document_version = d.version, content_tag = d.content_tag, climate = d.climate,
              document_alerts_until = d.alerts_until
         FROM (VALUES ${values.join(',\n')}) AS d(location_id, metric, imperial, until,
              next_update, data_time, etag_metric, etag_imperial, version, content_tag, climate,
              alerts_until)
        WHERE p.location_id = d.location_id`,
    );
    storeDocuments.set(rows, found);
  }
  return found;
}

/** Keeps the documents a write (at `now`) rendered with its places' read model. */
export async function storePlaceDocuments(
  q: Queryable,
  documents: readonly RenderedDocuments[],
  now: Date,
): Promise<void> {
  for (let from = 0; from < documents.length; ) {
    let rows = MAX_DOCUMENT_ROWS;
    while (rows > documents.length - from) rows /= 2;
    const params: unknown[] = [now];
    for (const d of documents.slice(from, from + rows)) {
      params.push(
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
        d.climate.length > 0 ? JSON.stringify(d.climate) : null,
        d.alertsUntil,
      );
    }
    await q.run(storeDocumentsOf(rows), params);
    from += rows;
  }
}
