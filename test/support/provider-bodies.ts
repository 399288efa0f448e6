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
  /** Hours from the current one, as `forecast_hours` asks (isobar asks for 240: ten days). */
  hours?: number;
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
  // forecast_hours counts from the current hour; two earlier ones show they are left out.
  const times = hours(new Date(startOfHour(now).getTime() - 2 * HOUR_MS), (o.hours ?? 240) + 2);
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

/**
 * A Locationforecast 2.0 `compact` answer (GeoJSON, meta.updated_at, timeseries) for `now`, in
 * its documented long shape: hourly steps (`next_1_hours`, `next_6_hours`, `next_12_hours`) for
 * 60 hours and up to a 6-hour boundary, then 6-hourly steps at 00, 06, 12 and 18 UTC to about 9.5 days (`next_6_hours`, and
 * `next_12_hours` where 12 more hours are forecast), and a last step with the instant only.
 */
export function metNorwayBody(now: Date, o: MetOptions = {}) {
  const from = startOfHour(now);
  // Hourly for 60 hours and on to the next 6-hour boundary, where the 6-hour steps begin.
  let hourly = 60;
  while (new Date(from.getTime() + hourly * HOUR_MS).getUTCHours() % 6 !== 0) hourly++;
  const steps = hours(from, hourly);
  let t = from.getTime() + hourly * HOUR_MS;
  const end = from.getTime() + 9.5 * 24 * HOUR_MS;
  for (; t <= end; t += 6 * HOUR_MS) steps.push(new Date(t));
  const symbols = ['clearsky_day', 'fair_night', 'partlycloudy_day', 'cloudy', 'fog', 'lightrain'];
  const period = (symbol: string, amount: number) => ({
    summary: { symbol_code: symbol },
    details: { precipitation_amount: amount },
  });
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
      timeseries: steps.map((at, i) => {
        const last = i === steps.length - 1;
        const left = (end - at.getTime()) / HOUR_MS;
        return {
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
            ...(i < hourly
              ? { next_1_hours: period(symbols[i % symbols.length]!, i % 6 === 5 ? 0.4 : 0) }
              : {}),
            ...(last ? {} : { next_6_hours: period('rainshowersandthunder_day', 3.1) }),
            ...(left >= 12 ? { next_12_hours: { summary: { symbol_code: 'cloudy' } } } : {}),
          },
        };
      }),
    },
  };
}
