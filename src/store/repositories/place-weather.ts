import { HOUR_MS, SECOND_MS } from '../../contract/durations.ts';
import type { Place } from '../../domain/place.ts';
import { startOfHour } from '../../domain/time.ts';
import type { UnitSystem } from '../../domain/units.ts';
import type { ForecastHour, Observation } from '../../domain/weather.ts';
import { type Queryable, statement } from '../database.ts';
import { MEASURE_KEYS, measureColumns, measuresAt } from './measure-columns.ts';
import { PLACE_COLUMNS, type PlaceRow, toPlace } from './rows.ts';

/** Everything a place's representations show, read together. */
export interface PlaceWeather {
  place: Place;
  current: Observation | null;
  forecast: ForecastHour[];
  /** The newest change among the place and its weather rows: the representation's Last-Modified. */
  lastModified: Date;
}

const MEASURES = measureColumns();
// float8, not numeric: the driver reads it as a number either way, and Postgres writes a float
// faster (a cold read's lookup is mostly this statement).
const epoch = (column: string) => `extract(epoch FROM ${column})::float8`;

/** Hours of forecast the read model keeps from the hour of the last write: a day's slack. */
const KEPT_HOURS = 72;

// A place's read model, made from its rows in the transaction that changed them: its latest
// observation and its forecast from the write's hour, as compact JSON arrays in a fixed column
// order (times as epoch seconds). Where sources overlap, the newest issue of each hour wins.
const rebuild = statement(
  'place_reads_rebuild',
  `INSERT INTO place_reads AS r (location_id, current, forecast, built_at)
   SELECT l.id,
     (SELECT json_build_array(source, ${epoch('observed_at')}, ${epoch('next_update_at')},
          ${epoch('received_at')}, ${MEASURES})
        FROM observations WHERE location_id = l.id ORDER BY observed_at DESC NULLS LAST LIMIT 1),
     (SELECT json_agg(json_build_array(source, ${epoch('valid_at')}, ${epoch('next_update_at')},
          ${epoch('received_at')}, ${MEASURES}, ${epoch('issued_at')},
          precipitation_probability_pct) ORDER BY valid_at)
        FROM (SELECT DISTINCT ON (valid_at) * FROM forecast_hours
              WHERE location_id = l.id AND valid_at >= $2 AND valid_at < $3
              ORDER BY valid_at, issued_at DESC) f),
     now()
   FROM locations l WHERE l.id = ANY($1::int[])
   ON CONFLICT (location_id) DO UPDATE
     SET current = excluded.current, forecast = excluded.forecast, built_at = excluded.built_at`,
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
  await q.run(rebuild, [[...new Set(locationIds)], from, to]);
}

// Reading a place is one row: the catalog's, and its read model's by primary key. Asked for a
// unit system ($4), a stored document still valid at $3 comes instead of the weather rows.
const placeWeather = statement(
  'place_weather',
  `SELECT ${PLACE_COLUMNS}, ${epoch('l.updated_at')} AS "updatedAt",
          CASE WHEN r.valid THEN CASE $4::text WHEN 'imperial' THEN r.json_imperial
                                               WHEN 'metric' THEN r.json_metric END END AS document,
          CASE $4::text WHEN 'imperial' THEN r.etag_imperial
                        WHEN 'metric' THEN r.etag_metric END AS "documentEtag",
          ${epoch('r.document_next_update')} AS "documentNextUpdate",
          ${epoch('r.document_modified')} AS "documentModified",
          CASE WHEN r.valid AND $4::text IS NOT NULL THEN NULL ELSE r.current END AS current,
          CASE WHEN r.valid AND $4::text IS NOT NULL THEN NULL ELSE r.forecast END AS forecast
     FROM locations l
     LEFT JOIN LATERAL (
       SELECT p.*, coalesce(p.documents_until > $3 AND p.built_at >= l.updated_at
                            AND p.document_version = $5, false) AS valid
         FROM place_reads p WHERE p.location_id = l.id) r ON true
    WHERE l.country_code = $1 AND l.slug_key = $2`,
);

/**
 * [source, time, next update, received, …MEASURES, (forecast only) issued, precipitation chance]
 */
type Tuple = [string, number, number, number, ...(number | string | null)[]];
// Where each part of a tuple sits, following the statement's column order above: the measures
// after the four leading columns, then the forecast's own two.
const FIRST_MEASURE = 4;
const ISSUED = FIRST_MEASURE + MEASURE_KEYS.length;
const PRECIPITATION_CHANCE = ISSUED + 1;
type Row = PlaceRow & {
  updatedAt: number | string;
  document?: string | null;
  documentEtag?: string | null;
  documentNextUpdate?: number | string | null;
  documentModified?: number | string | null;
  current: Tuple | string | null;
  forecast: Tuple[] | string | null;
};

/** A place's JSON document as its last write rendered it, with what its answer needs. */
export interface StoredDocument {
  body: string;
  /** Made with the body; null for one stored before tags were kept. */
  etag: string | null;
  nextUpdateAt: Date | null;
  lastModified: Date;
}

const date = (seconds: number) => new Date(seconds * SECOND_MS);
const parsed = <T>(value: T | string | null): T | null =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

/** Which of a place's stored documents a read takes: a unit system's, made by this renderer. */
export interface DocumentWanted {
  units: UnitSystem;
  /** The renderer's version: a document stored by another is never served as current. */
  version: number;
}

/**
 * A place by country and slug key, with its weather from the current hour on; null if unknown.
 * Given a document wanted, the one its last write rendered comes instead while still valid.
 */
export async function findPlaceWeather(
  q: Queryable,
  countryCode: string,
  key: string,
  now: Date,
  wanted: DocumentWanted | null = null,
): Promise<(PlaceWeather & { document?: StoredDocument }) | null> {
  const row = await q.one<Row>(placeWeather, [
    countryCode,
    key,
    now,
    wanted?.units ?? null,
    wanted?.version ?? null,
  ]);
  if (!row) return null;
  if (row.document) {
    const document = storedDocument(row as DocumentRow);
    return {
      place: toPlace(row),
      current: null,
      forecast: [],
      lastModified: document.lastModified,
      document,
    };
  }
  return toPlaceWeather(row, now);
}

interface DocumentRow {
  document: string;
  documentEtag: string | null;
  documentNextUpdate: number | string | null;
  documentModified: number | string;
}

function storedDocument(row: DocumentRow): StoredDocument {
  const next = row.documentNextUpdate;
  return {
    body: row.document,
    etag: row.documentEtag,
    nextUpdateAt: next === null ? null : date(Number(next)),
    lastModified: date(Number(row.documentModified)),
  };
}

// The polled URI's lookup: the slug (is the URI canonical?) and the metric document while it
// stands, nothing else, so that the driver has five columns to read, not the whole place.
const placeDocument = statement(
  'place_document',
  `SELECT l.slug, r.json_metric AS document, r.etag_metric AS "documentEtag",
          ${epoch('r.document_next_update')} AS "documentNextUpdate",
          ${epoch('r.document_modified')} AS "documentModified"
     FROM locations l JOIN place_reads r ON r.location_id = l.id
    WHERE l.country_code = $1 AND l.slug_key = $2
      AND r.documents_until > to_timestamp($3::float8) AND r.built_at >= l.updated_at
      AND r.json_metric IS NOT NULL AND r.document_version = $4`,
);

/**
 * A place's metric JSON document as its last write rendered it (by renderer `version`), with the
 * place's slug, while it stands at `now`; null when the place is unknown or its document must be
 * made again.
 */
export async function findStoredDocument(
  q: Queryable,
  countryCode: string,
  key: string,
  now: Date,
  version: number,
): Promise<(StoredDocument & { slug: string }) | null> {
  // The time as epoch seconds: a number is bound as it is, a Date is formatted first.
  const at = now.getTime() / SECOND_MS;
  const row = await q.one<DocumentRow & { slug: string }>(placeDocument, [
    countryCode,
    key,
    at,
    version,
  ]);
  return row ? Object.assign(storedDocument(row), { slug: row.slug }) : null;
}

const HOURS_SHOWN = 48;

/** A place's weather from its read-model row, from the hour of `now` on. */
function toPlaceWeather(row: Row, now: Date): PlaceWeather {
  const place = toPlace(row);
  const cur = parsed(row.current);
  // The read model starts at the hour of its last write: shown from this hour on.
  const from = startOfHour(now).getTime() / SECOND_MS;
  const hoursRows = (parsed(row.forecast) ?? []).filter((t) => t[1] >= from).slice(0, HOURS_SHOWN);
  // Object.assign onto the fresh measures object, not a spread: a spread per forecast hour was
  // most of the CPU of a cold read in profiles.
  const current: Observation | null =
    cur &&
    Object.assign(measuresAt(cur, FIRST_MEASURE), {
      locationId: place.id,
      source: cur[0],
      observedAt: date(cur[1]),
      nextUpdateAt: date(cur[2]),
    });
  const forecast = hoursRows.map(
    (t): ForecastHour =>
      Object.assign(measuresAt(t, FIRST_MEASURE), {
        locationId: place.id,
        source: t[0],
        validAt: date(t[1]),
        nextUpdateAt: date(t[2]),
        issuedAt: date(t[ISSUED] as number),
        precipitationProbabilityPct: t[PRECIPITATION_CHANCE] as number | null,
      }),
  );
  const received = [cur, ...hoursRows].filter((t) => t !== null).map((t) => t[3]);
  return {
    place,
    current,
    forecast,
    lastModified: date(Math.max(Number(row.updatedAt), ...received)),
  };
}

const placeWeatherByIds = statement(
  'place_weather_by_ids',
  `SELECT ${PLACE_COLUMNS}, ${epoch('l.updated_at')} AS "updatedAt", r.current, r.forecast
     FROM locations l JOIN place_reads r ON r.location_id = l.id
    WHERE l.id = ANY($1::int[])`,
);

/** These places with their weather from the hour of `now` on, as a write just left them. */
export async function findPlaceWeatherByIds(
  q: Queryable,
  locationIds: readonly number[],
  now: Date,
): Promise<PlaceWeather[]> {
  if (locationIds.length === 0) return [];
  const rows = await q.all<Row>(placeWeatherByIds, [[...new Set(locationIds)]]);
  return rows.map((row) => toPlaceWeather(row, now));
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
  lastModified: Date;
  /** The renderer's version that made them. */
  version: number;
}

const storeDocuments = statement(
  'place_reads_documents',
  `UPDATE place_reads r
      SET json_metric = d.metric, json_imperial = d.imperial, documents_until = d.until,
          document_next_update = d.next, document_modified = d.modified,
          etag_metric = d.etag_metric, etag_imperial = d.etag_imperial,
          document_version = d.version
     FROM unnest($1::int[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[],
                 $6::timestamptz[], $7::text[], $8::text[], $9::int[])
          AS d(id, metric, imperial, until, next, modified, etag_metric, etag_imperial, version)
    WHERE r.location_id = d.id`,
);

/** Keeps the documents a write rendered with its places' read model. */
export async function storePlaceDocuments(
  q: Queryable,
  documents: readonly RenderedDocuments[],
): Promise<void> {
  if (documents.length === 0) return;
  await q.run(storeDocuments, [
    documents.map((d) => d.locationId),
    documents.map((d) => d.metric),
    documents.map((d) => d.imperial),
    documents.map((d) => d.until),
    documents.map((d) => d.nextUpdateAt),
    documents.map((d) => d.lastModified),
    documents.map((d) => d.etagMetric),
    documents.map((d) => d.etagImperial),
    documents.map((d) => d.version),
  ]);
}
