import { HOUR_MS, SECOND_MS } from '../../contract/durations.ts';
import { type PlaceAlert, unexpired } from '../../domain/alerts.ts';
import type { Place } from '../../domain/place.ts';
import type { DateClimate } from '../../domain/weather/date-climate.ts';
import { startOfHour } from '../../domain/weather/time.ts';
import type { UnitSystem } from '../../domain/weather/units.ts';
import {
  FORECAST_HOURS,
  type ForecastHour,
  type Observation,
} from '../../domain/weather/weather.ts';
import { PLACE_COLUMNS, type PlaceRow, toPlace } from '../catalog/place-columns.ts';
import { type Queryable, statement } from '../database.ts';
import { MEASURE_KEYS, measureColumns, measuresAt, measuresAtColumns } from './measure-columns.ts';

/** Everything a place's representations show, read together. */
export interface PlaceWeather {
  place: Place;
  current: Observation | null;
  forecast: ForecastHour[];
  /** The climate of the dates its forecast covers, as its last write found it; [] without. */
  climate?: DateClimate[];
  /** Its warnings not expired at the time asked, the most severe first (none when absent). */
  alerts?: PlaceAlert[];
  /**
   * The representation's Last-Modified: the one kept with its documents (the data's own time,
   * never going back), else the newest change among the place and its weather rows.
   */
  lastModified: Date;
}

export const MEASURES = measureColumns();
// A time as epoch seconds in float8, which the driver reads as a number. date_part computes it in
// float8; extract computes it in numeric, and cast to float8 gives the same value (the one
// rounding of microseconds / 10^6) at three times the cost: a refresh's read model takes four
// times of each of its places' 240 hours (bench:refresh, "CPU per refresh"; test in
// place-weather.test.ts). Postgres writes a float faster than a numeric, too.
export const epoch = (column: string) => `date_part('epoch', ${column})`;

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
          CASE WHEN r.built_at >= l.updated_at THEN ${epoch('r.document_modified')} END
            AS "documentModified",
          ${epoch('r.document_alerts_until')} AS "documentAlertsUntil",
          CASE WHEN r.valid AND $4::text IS NOT NULL THEN NULL ELSE r.alerts END AS alerts,
          CASE WHEN r.valid AND $4::text IS NOT NULL THEN NULL ELSE r.current END AS current,
          CASE WHEN r.valid AND $4::text IS NOT NULL THEN NULL ELSE r.forecast END AS forecast,
          CASE WHEN r.valid AND $4::text IS NOT NULL THEN NULL ELSE r.climate END AS climate
     FROM locations l
     LEFT JOIN LATERAL (
       SELECT p.*, coalesce(p.documents_until > $3 AND p.built_at >= l.updated_at
                            AND p.document_version = $5, false) AS valid
         FROM place_reads p WHERE p.location_id = l.id) r ON true
    WHERE l.country_code = $1 AND l.slug_key = $2`,
);

/** The current conditions: [source, time, next update, received, …MEASURES]. */
type Tuple = [string, number, number, number, ...(number | string | null)[]];
/**
 * The forecast, one array per column, each with a value per hour: the current conditions'
 * columns, then issued, precipitation chance and period hours (place-reads.ts).
 */
type Columns = (number | string | null)[][];
// Where each column sits, following the statements' column order: the measures after the four
// leading columns, then the forecast's own three.
const FIRST_MEASURE = 4;
const ISSUED = FIRST_MEASURE + MEASURE_KEYS.length;
const PRECIPITATION_CHANCE = ISSUED + 1;
const PERIOD_HOURS = PRECIPITATION_CHANCE + 1;
type Row = PlaceRow & {
  updatedAt: number | string;
  document?: string | null;
  documentEtag?: string | null;
  documentNextUpdate?: number | string | null;
  documentModified?: number | string | null;
  documentAlertsUntil?: number | string | null;
  current: Tuple | string | null;
  forecast: Columns | string | null;
  climate: DateClimate[] | string | null;
  alerts?: AlertJson[] | string | null;
};

/** A warning as the read model holds it (place-reads.ts): times as epoch seconds. */
type AlertJson = Omit<PlaceAlert, 'sent' | 'onset' | 'expires'> & {
  sent: number;
  onset: number | null;
  expires: number | null;
};

/** A place's JSON document as its last write rendered it, with what its answer needs. */
export interface StoredDocument {
  body: string;
  /** Made with the body; null for one stored before tags were kept. */
  etag: string | null;
  nextUpdateAt: Date | null;
  /** The next moment a warning it shows begins or expires: no answer made of it lasts longer. */
  alertsUntil: Date | null;
  lastModified: Date;
}

const date = (seconds: number) => new Date(seconds * SECOND_MS);

/** `date`, made once per distinct time: the Dates it hands out are shared and never changed. */
function sharedDates(): (seconds: number) => Date {
  const made = new Map<number, Date>();
  return (seconds) => {
    let d = made.get(seconds);
    if (d === undefined) {
      d = date(seconds);
      made.set(seconds, d);
    }
    return d;
  };
}
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
      climate: [],
      alerts: [],
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
  documentAlertsUntil: number | string | null;
}

function storedDocument(row: DocumentRow): StoredDocument {
  const next = row.documentNextUpdate;
  const alerts = row.documentAlertsUntil;
  return {
    body: row.document,
    etag: row.documentEtag,
    nextUpdateAt: next === null ? null : date(Number(next)),
    alertsUntil: alerts === null || alerts === undefined ? null : date(Number(alerts)),
    lastModified: date(Number(row.documentModified)),
  };
}

// The polled URI's lookup: the slug (is the URI canonical?) and the metric document while it
// stands, nothing else, so that the driver has five columns to read, not the whole place.
const placeDocument = statement(
  'place_document',
  `SELECT l.slug, r.json_metric AS document, r.etag_metric AS "documentEtag",
          ${epoch('r.document_next_update')} AS "documentNextUpdate",
          ${epoch('r.document_modified')} AS "documentModified",
          ${epoch('r.document_alerts_until')} AS "documentAlertsUntil"
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

/** A place's weather from its read-model row, from the hour of `now` on. */
function toPlaceWeather(row: Row, now: Date): PlaceWeather {
  const place = toPlace(row);
  const cur = parsed(row.current);
  // The read model starts at the hour of its last write: shown from this hour on.
  const from = startOfHour(now).getTime() / SECOND_MS;
  const until = from + (FORECAST_HOURS * HOUR_MS) / SECOND_MS;
  // A step inside an earlier one's period is left out: an older issue's hour under a newer issue's
  // 6-hour step (or two sources' steps) would count that time's precipitation twice.
  const columns = parsed(row.forecast) ?? [];
  const column = <T>(k: number) => (columns[k] ?? []) as T[];
  const times = column<number>(1);
  const periods = columns[PERIOD_HOURS] as number[] | undefined;
  let covered = from;
  const hours = inTimeOrder(times).filter((i) => {
    if (times[i]! < covered || times[i]! >= until) return false;
    covered = times[i]! + ((periods?.[i] ?? 1) * HOUR_MS) / SECOND_MS;
    return true;
  });
  // Object.assign onto the fresh measures object, not a spread: a spread per forecast hour was
  // most of the CPU of a cold read in profiles.
  const current: Observation | null =
    cur &&
    Object.assign(measuresAt(cur, FIRST_MEASURE), {
      locationId: place.id,
      source: cur[0],
      observedAt: date(cur[1]),
      nextUpdateAt: date(cur[2]),
      receivedAt: date(cur[3]),
    });
  // An issue's times are the same on each of its hours: one Date each, shared by its hours (a
  // refresh reads back the 240 hours of each place it stored; bench:refresh, "CPU per refresh").
  const issueDate = sharedDates();
  const sources = column<string>(0);
  const [nexts, receiveds, issues] = [column<number>(2), column<number>(3), column<number>(ISSUED)];
  const chances = column<number | null>(PRECIPITATION_CHANCE);
  const forecast = hours.map(
    (i): ForecastHour =>
      Object.assign(measuresAtColumns(columns, FIRST_MEASURE, i), {
        locationId: place.id,
        source: sources[i]!,
        validAt: date(times[i]!),
        nextUpdateAt: issueDate(nexts[i]!),
        receivedAt: issueDate(receiveds[i]!),
        issuedAt: issueDate(issues[i]!),
        precipitationProbabilityPct: chances[i] ?? null,
        // A read model built before periods were kept holds hours only.
        periodHours: periods?.[i] ?? 1,
      }),
  );
  // The documents' Last-Modified, kept with the read model, while the catalog has not changed
  // the place since (a write's own rendering has none: it makes that time).
  const modified = row.documentModified ?? null;
  const received = [...(cur ? [cur[3]] : []), ...hours.map((i) => receiveds[i]!)];
  return {
    place,
    current,
    forecast,
    climate: parsed(row.climate) ?? [],
    alerts: unexpired((parsed(row.alerts ?? null) ?? []).map(toPlaceAlert), now),
    lastModified: date(
      modified === null ? Math.max(Number(row.updatedAt), ...received) : Number(modified),
    ),
  };
}

/** The indexes of `times` in ascending order of time (as they come, when they come so). */
function inTimeOrder(times: readonly number[]): number[] {
  const indexes = times.map((_, i) => i);
  const ordered = times.every((t, i) => i === 0 || times[i - 1]! <= t);
  return ordered ? indexes : indexes.sort((a, b) => times[a]! - times[b]!);
}

const optionalDate = (seconds: number | null) => (seconds === null ? null : date(seconds));
const toPlaceAlert = (a: AlertJson): PlaceAlert => ({
  ...a,
  sent: date(a.sent),
  onset: optionalDate(a.onset),
  expires: optionalDate(a.expires),
});

const placeWeatherByIds = statement(
  'place_weather_by_ids',
  `SELECT ${PLACE_COLUMNS}, ${epoch('l.updated_at')} AS "updatedAt", r.current, r.forecast,
          r.climate, r.alerts
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
