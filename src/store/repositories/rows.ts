import type { Place } from '../../domain/place.ts';
import type { Condition, ForecastHour, Measures, Observation } from '../../domain/weather.ts';

/** The column list every place read selects, aliased to the domain's names. */
export const PLACE_COLUMNS = `l.id, l.geonames_id AS "geonamesId", l.country_code AS "countryCode",
  l.country_name AS "countryName", l.region_code AS "regionCode", l.name, l.slug, l.population,
  l.latitude, l.longitude, l.timezone`;

export type PlaceRow = Place;

export function toPlace(row: PlaceRow): Place {
  return {
    id: row.id,
    geonamesId: row.geonamesId,
    countryCode: row.countryCode,
    countryName: row.countryName,
    regionCode: row.regionCode,
    name: row.name,
    slug: row.slug,
    population: Number(row.population),
    latitude: row.latitude,
    longitude: row.longitude,
    timezone: row.timezone,
  };
}

/** A measures row as json_build_object / row_to_json gives it back: snake_case, timestamps as text. */
export type JsonMeasures = Record<string, string | number | null>;

const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
const date = (v: string | number | null | undefined) => new Date(String(v));

function toMeasures(j: JsonMeasures): Measures {
  return {
    temperatureC: num(j.temperature_c),
    apparentTemperatureC: num(j.apparent_temperature_c),
    humidityPct: num(j.humidity_pct),
    pressurePa: num(j.pressure_pa),
    windSpeedMs: num(j.wind_speed_ms),
    windGustMs: num(j.wind_gust_ms),
    windDirectionDeg: num(j.wind_direction_deg),
    precipitationMm: num(j.precipitation_mm),
    cloudCoverPct: num(j.cloud_cover_pct),
    visibilityM: num(j.visibility_m),
    condition: j.condition as Condition,
  };
}

export function toObservation(j: JsonMeasures): Observation {
  return {
    ...toMeasures(j),
    locationId: Number(j.location_id),
    source: String(j.source),
    observedAt: date(j.observed_at),
    nextUpdateAt: date(j.next_update_at),
  };
}

export function toForecastHour(j: JsonMeasures): ForecastHour {
  return {
    ...toMeasures(j),
    locationId: Number(j.location_id),
    source: String(j.source),
    validAt: date(j.valid_at),
    issuedAt: date(j.issued_at),
    nextUpdateAt: date(j.next_update_at),
    precipitationProbabilityPct: num(j.precipitation_probability_pct),
  };
}
