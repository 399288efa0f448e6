import type { Place } from '../../domain/place.ts';
import type { ForecastHour, Observation } from '../../domain/weather.ts';
import { type Queryable, statement } from '../database.ts';
import { type JsonMeasures, PLACE_COLUMNS, type PlaceRow, toForecastHour, toObservation, toPlace } from './rows.ts';

/** Everything a place's representations show, read together. */
export interface PlaceWeather {
  place: Place;
  current: Observation | null;
  forecast: ForecastHour[];
  /** The newest change among the place and its weather rows: the representation's Last-Modified. */
  lastModified: Date;
}

// One statement for the place, its latest observation and its forecast window, so a cold
// place costs exactly one round trip. Where sources overlap, the newest issue of each hour wins.
const placeWeather = statement(
  'place_weather',
  `SELECT ${PLACE_COLUMNS}, l.updated_at AS "updatedAt",
     (SELECT row_to_json(o) FROM (
        SELECT * FROM observations WHERE location_id = l.id ORDER BY observed_at DESC LIMIT 1) o) AS current,
     (SELECT coalesce(json_agg(f ORDER BY f.valid_at), '[]'::json) FROM (
        SELECT DISTINCT ON (valid_at) * FROM forecast_hours
        WHERE location_id = l.id AND valid_at >= $3 AND valid_at < $3::timestamptz + make_interval(hours => $4)
        ORDER BY valid_at, issued_at DESC) f) AS forecast
   FROM locations l WHERE l.country_code = $1 AND l.slug_key = $2`,
);

type Row = PlaceRow & { updatedAt: Date; current: JsonMeasures | null; forecast: JsonMeasures[] | string };

const HOUR = 3_600_000;

/** A place by country and slug key, with its weather from the current hour on; null if unknown. */
export async function findPlaceWeather(
  q: Queryable,
  countryCode: string,
  key: string,
  now: Date,
  hours = 48,
): Promise<PlaceWeather | null> {
  const from = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
  const row = await q.one<Row>(placeWeather, [countryCode, key, from, hours]);
  if (!row) return null;
  const forecastRows = typeof row.forecast === 'string' ? (JSON.parse(row.forecast) as JsonMeasures[]) : row.forecast;
  const received = [row.current, ...forecastRows].filter((r) => r !== null).map((r) => Date.parse(String(r.received_at)));
  return {
    place: toPlace(row),
    current: row.current ? toObservation(row.current) : null,
    forecast: forecastRows.map(toForecastHour),
    lastModified: new Date(Math.max(new Date(row.updatedAt).getTime(), ...received)),
  };
}
