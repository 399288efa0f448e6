import { SECOND_MS } from '../../contract/durations.ts';
import type { Place } from '../../domain/place.ts';
import type { Observation } from '../../domain/weather/weather.ts';
import { PLACE_COLUMNS, type PlaceRow, toPlace } from '../catalog/place-columns.ts';
import { type Queryable, statement } from '../database.ts';
import type { DailySummary } from './daily.ts';
import { measureColumns, measuresAt } from './measure-columns.ts';

/** A place and when its data next changes: what every page of its history needs. */
export interface PlaceHistoryHead {
  place: Place;
  /** When its newest observation's source expects to publish again; null without any. */
  nextUpdateAt: Date | null;
  /** When the place itself last changed. */
  updatedAt: Date;
}

/** One local day of a place, read together: every source's summary and observations of it. */
export interface PlaceDay extends PlaceHistoryHead {
  /** Every source's summary of the day, by source. */
  summaries: DailySummary[];
  /** Every source's hourly observations in the day, by time then source. */
  observations: Observation[];
  /** The newest change among the place and the day's rows: the Last-Modified. */
  lastModified: Date;
  /** The nearest days before and after it that some source summarised; null without one. */
  nearest: NearestDays;
}

/** The nearest days with data on either side of a day: what its links may point to. */
export interface NearestDays {
  previous: string | null;
  next: string | null;
}

const epoch = (column: string) => `extract(epoch FROM ${column})`;

const HEAD = `${PLACE_COLUMNS}, ${epoch('l.updated_at')} AS "updatedAt",
  (SELECT ${epoch('next_update_at')} FROM observations WHERE location_id = l.id
    ORDER BY observed_at DESC NULLS LAST LIMIT 1) AS "nextUpdateAt"`;

const head = statement(
  'place_history_head',
  `SELECT ${HEAD} FROM locations l WHERE l.country_code = $1 AND l.slug_key = $2`,
);

// The nearest summarised day before or after $3 over every source of the place: one backward
// or forward probe of daily_summaries' primary key (location, source, date) per source, the
// sources read from the place's few monthly rollups.
const nearestDay = (fn: 'max' | 'min', op: '<' | '>') =>
  `(SELECT to_char(${fn}(p.d), 'YYYY-MM-DD') FROM
     (SELECT DISTINCT source FROM monthly_rollups WHERE location_id = l.id) src,
     LATERAL (SELECT ${fn}(s.date) AS d FROM daily_summaries s WHERE s.location_id = l.id
        AND s.source = src.source AND s.date ${op} $3::date) p)`;

// One round trip for the place, the day's summaries and its observations. The day runs from
// local midnight to the next in the place's zone: 23, 24 or 25 hours.
const placeDay = statement(
  'place_day',
  `SELECT ${HEAD},
     (SELECT json_agg(json_build_object('source', source,
          'temperatureMinC', temperature_min_c, 'temperatureMaxC', temperature_max_c,
          'temperatureMeanC', temperature_mean_c, 'precipitationMm', precipitation_mm,
          'windSpeedMeanMs', wind_speed_mean_ms, 'windGustMaxMs', wind_gust_max_ms,
          'condition', condition, 'hours', hours, 'complete', complete,
          'receivedAt', ${epoch('received_at')}) ORDER BY source)
        FROM daily_summaries WHERE location_id = l.id AND date = $3::date) AS summaries,
     (SELECT json_agg(json_build_array(source, ${epoch('observed_at')}, ${epoch('next_update_at')},
          ${epoch('received_at')}, ${measureColumns()}) ORDER BY observed_at, source)
        FROM observations WHERE location_id = l.id
         AND observed_at >= ($3::date::timestamp AT TIME ZONE l.timezone)
         AND observed_at < (($3::date + 1)::timestamp AT TIME ZONE l.timezone)) AS observations,
     ${nearestDay('max', '<')} AS "previousDate", ${nearestDay('min', '>')} AS "nextDate"
   FROM locations l WHERE l.country_code = $1 AND l.slug_key = $2`,
);

type HeadRow = PlaceRow & { updatedAt: number | string; nextUpdateAt: number | string | null };
type SummaryJson = Omit<DailySummary, 'locationId' | 'date' | 'receivedAt'> & {
  receivedAt: number;
};
/** [source, observed, next update, received, …MEASURES] */
type ObservationTuple = [string, number, number, number, ...(number | string | null)[]];
type DayRow = HeadRow & {
  summaries: SummaryJson[] | string | null;
  observations: ObservationTuple[] | string | null;
  previousDate: string | null;
  nextDate: string | null;
};

const FIRST_MEASURE = 4;
const date = (seconds: number | string) => new Date(Number(seconds) * SECOND_MS);
const parsed = <T>(value: T[] | string | null): T[] =>
  typeof value === 'string' ? (JSON.parse(value) as T[]) : (value ?? []);

function toHead(row: HeadRow): PlaceHistoryHead {
  return {
    place: toPlace(row),
    nextUpdateAt: row.nextUpdateAt === null ? null : date(row.nextUpdateAt),
    updatedAt: date(row.updatedAt),
  };
}

/** A place by country and slug key, with when its data next changes; null if unknown. */
export async function findPlaceForHistory(
  q: Queryable,
  countryCode: string,
  key: string,
): Promise<PlaceHistoryHead | null> {
  const row = await q.one<HeadRow>(head, [countryCode, key]);
  return row ? toHead(row) : null;
}

/** A place by country and slug key with one local date (`YYYY-MM-DD`) of it; null if unknown. */
export async function findPlaceDay(
  q: Queryable,
  countryCode: string,
  key: string,
  day: string,
): Promise<PlaceDay | null> {
  const row = await q.one<DayRow>(placeDay, [countryCode, key, day]);
  if (!row) return null;
  const h = toHead(row);
  const sums = parsed(row.summaries);
  const obs = parsed(row.observations);
  const summaries = sums.map(
    (s): DailySummary => ({
      ...s,
      locationId: h.place.id,
      date: day,
      receivedAt: date(s.receivedAt),
    }),
  );
  const observations = obs.map(
    (t): Observation =>
      Object.assign(measuresAt(t, FIRST_MEASURE), {
        locationId: h.place.id,
        source: t[0],
        observedAt: date(t[1]),
        nextUpdateAt: date(t[2]),
      }),
  );
  const received = [...sums.map((s) => s.receivedAt), ...obs.map((t) => t[3])];
  const lastModified = date(Math.max(h.updatedAt.getTime() / SECOND_MS, ...received));
  const nearest = { previous: row.previousDate, next: row.nextDate };
  return { ...h, summaries, observations, lastModified, nearest };
}
