import type { Measures } from './weather.ts';

/** How to bring a value in some unit to SI. */
type ToSi = (value: number) => number;

const same: ToSi = (v) => v;
const TEMPERATURE: Record<string, ToSi> = { c: same, f: (v) => ((v - 32) * 5) / 9 };
const SPEED: Record<string, ToSi> = {
  ms: same,
  kmh: (v) => v / 3.6,
  mph: (v) => v * 0.44704,
  kn: (v) => (v * 1852) / 3600,
};
const PRESSURE: Record<string, ToSi> = { pa: same, hpa: (v) => v * 100, inhg: (v) => v * 3386.389 };
const DEPTH: Record<string, ToSi> = { mm: same, in: (v) => v * 25.4 };
const DISTANCE: Record<string, ToSi> = { m: same, km: (v) => v * 1000, mi: (v) => v * 1609.344 };
const PERCENT: Record<string, ToSi> = { pct: same };
const DEGREES: Record<string, ToSi> = { deg: same };

/**
 * A quantity as sources send it: a field `{name}_{unit}` (`temperature_f`, `wind_speed_kmh`),
 * stored in SI under `key`, refused outside a physically possible range (in SI).
 */
export interface Quantity<K extends string = string> {
  name: string;
  key: K;
  units: Record<string, ToSi>;
  min: number;
  max: number;
}

const q = <K extends string>(
  name: string,
  key: K,
  units: Record<string, ToSi>,
  min: number,
  max: number,
): Quantity<K> => ({ name, key, units, min, max });

/** What an hourly observation or forecast may carry; ranges are the records and a margin. */
export const MEASURE_QUANTITIES: Quantity<Exclude<keyof Measures, 'condition'>>[] = [
  q('temperature', 'temperatureC', TEMPERATURE, -95, 65),
  q('apparent_temperature', 'apparentTemperatureC', TEMPERATURE, -110, 80),
  q('humidity', 'humidityPct', PERCENT, 0, 100),
  q('pressure', 'pressurePa', PRESSURE, 85_000, 110_000),
  q('wind_speed', 'windSpeedMs', SPEED, 0, 120),
  q('wind_gust', 'windGustMs', SPEED, 0, 150),
  q('wind_direction', 'windDirectionDeg', DEGREES, 0, 360),
  q('precipitation', 'precipitationMm', DEPTH, 0, 400),
  q('cloud_cover', 'cloudCoverPct', PERCENT, 0, 100),
  q('visibility', 'visibilityM', DISTANCE, 0, 500_000),
];

/** The chance of precipitation a forecast hour may carry. */
export const PRECIPITATION_CHANCE = q(
  'precipitation_probability',
  'precipitationProbabilityPct',
  PERCENT,
  0,
  100,
);

/** The day of a place as a source summarises it (`date` and `condition` apart). */
export interface DailyValues {
  temperatureMinC: number | null;
  temperatureMaxC: number | null;
  temperatureMeanC: number | null;
  precipitationMm: number | null;
  windSpeedMeanMs: number | null;
  windGustMaxMs: number | null;
}

/** What a daily summary may carry. */
export const DAILY_QUANTITIES: Quantity<keyof DailyValues>[] = [
  q('temperature_min', 'temperatureMinC', TEMPERATURE, -95, 65),
  q('temperature_max', 'temperatureMaxC', TEMPERATURE, -95, 65),
  q('temperature_mean', 'temperatureMeanC', TEMPERATURE, -95, 65),
  q('precipitation', 'precipitationMm', DEPTH, 0, 2_000),
  q('wind_speed', 'windSpeedMeanMs', SPEED, 0, 120),
  q('wind_gust', 'windGustMaxMs', SPEED, 0, 150),
];

/** A quantity's field names, for messages: `temperature_c or temperature_f`. */
export const spellings = (quantity: Quantity) =>
  Object.keys(quantity.units)
    .map((unit) => `${quantity.name}_${unit}`)
    .join(' or ');
