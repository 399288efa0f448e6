import { HOUR_MS, SECOND_MS } from '../../contract/durations.ts';
import type { Place } from '../../domain/place.ts';
import { startOfHour } from '../../domain/time.ts';
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
const epoch = (column: string) => `extract(epoch FROM ${column})`;

// One statement for the place, its latest observation and its forecast window, so a cold place
// costs exactly one round trip. Weather rows come back as compact JSON arrays in a fixed column
// order (times as epoch seconds): four times cheaper for the server than row_to_json of each row.
// Where sources overlap, the newest issue of each hour wins.
const placeWeather = statement(
  'place_weather',
  `SELECT ${PLACE_COLUMNS}, ${epoch('l.updated_at')} AS "updatedAt",
     (SELECT json_build_array(source, ${epoch('observed_at')}, ${epoch('next_update_at')},
          ${epoch('received_at')}, ${MEASURES})
        FROM observations WHERE location_id = l.id ORDER BY observed_at DESC LIMIT 1) AS current,
     (SELECT json_agg(json_build_array(source, ${epoch('valid_at')}, ${epoch('next_update_at')},
          ${epoch('received_at')}, ${MEASURES}, ${epoch('issued_at')},
          precipitation_probability_pct) ORDER BY valid_at)
        FROM (SELECT DISTINCT ON (valid_at) * FROM forecast_hours
              WHERE location_id = l.id AND valid_at >= $3 AND valid_at < $4
              ORDER BY valid_at, issued_at DESC) f) AS forecast
   FROM locations l WHERE l.country_code = $1 AND l.slug_key = $2`,
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
  current: Tuple | string | null;
  forecast: Tuple[] | string | null;
};

const date = (seconds: number) => new Date(seconds * SECOND_MS);
const parsed = <T>(value: T | string | null): T | null =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

/** A place by country and slug key, with its weather from the current hour on; null if unknown. */
export async function findPlaceWeather(
  q: Queryable,
  countryCode: string,
  key: string,
  now: Date,
  hours = 48,
): Promise<PlaceWeather | null> {
  const from = startOfHour(now);
  // The window's end is bound as a time, not an interval, so the prepared plan can use the index
  // range.
  const row = await q.one<Row>(placeWeather, [
    countryCode,
    key,
    from,
    new Date(from.getTime() + hours * HOUR_MS),
  ]);
  if (!row) return null;
  const place = toPlace(row);
  const cur = parsed(row.current);
  const hoursRows = parsed(row.forecast) ?? [];
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
