import { HOUR_MS } from '../../src/contract/durations.ts';

const hours = (from: Date, n: number) =>
  Array.from({ length: n }, (_, i) => new Date(from.getTime() + i * HOUR_MS));
/** Open-Meteo's local time, zone-less: `2026-11-22T10:00` (GMT here, as isobar asks). */
const local = (d: Date) => d.toISOString().slice(0, 16);
const startOfHour = (d: Date) => new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);

export interface OpenMeteoOptions {
  /** Units other than the defaults, as Open-Meteo spells them in *_units. */
  imperial?: boolean;
  temperature?: number;
}

/**
 * An Open-Meteo forecast answer in its documented shape (current + hourly with their *_units),
 * for `now`: the current 15-minute step, and hours from two before the current one.
 */
export function openMeteoBody(now: Date, o: OpenMeteoOptions = {}) {
  const t = o.temperature ?? (o.imperial ? 50 : 10);
  const units = o.imperial
    ? { t: '°F', wind: 'kn', rain: 'inch', vis: 'ft' }
    : { t: '°C', wind: 'm/s', rain: 'mm', vis: 'm' };
  const common = {
    temperature_2m: units.t,
    relative_humidity_2m: '%',
    apparent_temperature: units.t,
    precipitation: units.rain,
    weather_code: 'wmo code',
    cloud_cover: '%',
    pressure_msl: 'hPa',
    wind_speed_10m: units.wind,
    wind_direction_10m: '°',
    wind_gusts_10m: units.wind,
  };
  const quarter = new Date(Math.floor(now.getTime() / 900_000) * 900_000);
  // forecast_hours=48 counts from the current hour; two earlier ones show they are left out.
  const times = hours(new Date(startOfHour(now).getTime() - 2 * HOUR_MS), 50);
  return {
    latitude: 51.5,
    longitude: -0.12,
    generationtime_ms: 0.4,
    utc_offset_seconds: 0,
    timezone: 'GMT',
    timezone_abbreviation: 'GMT',
    elevation: 23,
    current_units: { time: 'iso8601', interval: 'seconds', ...common },
    current: {
      time: local(quarter),
      interval: 900,
      temperature_2m: t,
      relative_humidity_2m: 81,
      apparent_temperature: t - 2,
      precipitation: o.imperial ? 0.1 : 2.5,
      weather_code: 61,
      cloud_cover: 100,
      pressure_msl: 1012.3,
      wind_speed_10m: o.imperial ? 10 : 5.1,
      wind_direction_10m: 240,
      wind_gusts_10m: o.imperial ? 20 : 10.3,
    },
    hourly_units: {
      time: 'iso8601',
      ...common,
      visibility: units.vis,
      precipitation_probability: '%',
    },
    hourly: {
      time: times.map(local),
      temperature_2m: times.map((_, i) => t + (i % 5)),
      relative_humidity_2m: times.map(() => 80),
      apparent_temperature: times.map(() => t - 2),
      precipitation: times.map((_, i) => (i % 3 === 0 ? 0.2 : 0)),
      weather_code: times.map((_, i) => [0, 2, 3, 45, 53, 61, 71, 80, 95][i % 9]),
      cloud_cover: times.map(() => 60),
      pressure_msl: times.map(() => 1010),
      wind_speed_10m: times.map(() => 4),
      wind_direction_10m: times.map(() => 200),
      wind_gusts_10m: times.map(() => 9),
      visibility: times.map(() => (o.imperial ? 32_800 : 10_000)),
      precipitation_probability: times.map((_, i) => (i * 7) % 100),
    },
  };
}

export interface MetOptions {
  temperature?: number;
  updatedAt?: Date;
}

/** A Locationforecast 2.0 `compact` answer (GeoJSON, meta.updated_at, timeseries) for `now`. */
export function metNorwayBody(now: Date, o: MetOptions = {}) {
  const from = startOfHour(now);
  const steps = hours(from, 60);
  const symbols = ['clearsky_day', 'fair_night', 'partlycloudy_day', 'cloudy', 'fog', 'lightrain'];
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [-0.1257, 51.5085, 23] },
    properties: {
      meta: {
        updated_at: (o.updatedAt ?? new Date(from.getTime() - 20 * 60_000)).toISOString(),
        units: {
          air_pressure_at_sea_level: 'hPa',
          air_temperature: 'celsius',
          cloud_area_fraction: '%',
          precipitation_amount: 'mm',
          relative_humidity: '%',
          wind_from_direction: 'degrees',
          wind_speed: 'm/s',
        },
      },
      timeseries: steps.map((at, i) => ({
        time: at.toISOString().replace('.000Z', 'Z'),
        data: {
          instant: {
            details: {
              air_pressure_at_sea_level: 1013.2,
              air_temperature: (o.temperature ?? 7) + (i % 4) / 2,
              cloud_area_fraction: 75.3,
              relative_humidity: 88.1,
              wind_from_direction: 221.4,
              wind_speed: 4.2,
            },
          },
          // Hourly steps carry next_1_hours; the last ones, as in the real thing, only 6 hours.
          ...(i < 54
            ? {
                next_1_hours: {
                  summary: { symbol_code: symbols[i % symbols.length] },
                  details: { precipitation_amount: i % 6 === 5 ? 0.4 : 0 },
                },
              }
            : {}),
          next_6_hours: {
            summary: { symbol_code: 'rainshowersandthunder_day' },
            details: { precipitation_amount: 3.1 },
          },
        },
      })),
    },
  };
}
