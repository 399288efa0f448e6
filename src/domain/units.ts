import type { DailyValues } from './readings.ts';
import type { Measures } from './weather.ts';

export const UNIT_SYSTEMS = ['metric', 'imperial'] as const;
export type UnitSystem = (typeof UNIT_SYSTEMS)[number];

/** Unit labels per system, sent with every document so clients never guess. */
export const UNIT_LABELS = {
  metric: {
    temperature: '°C',
    wind: 'km/h',
    pressure: 'hPa',
    precipitation: 'mm',
    visibility: 'km',
  },
  imperial: {
    temperature: '°F',
    wind: 'mph',
    pressure: 'inHg',
    precipitation: 'in',
    visibility: 'mi',
  },
} as const satisfies Record<UnitSystem, Record<string, string>>;

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const maybe = (value: number | null, f: (v: number) => number) =>
  value === null ? null : f(value);

/** Measures shown in a unit system (stored values are SI); rounded to what the readings justify. */
export interface DisplayMeasures {
  temperature: number | null;
  apparentTemperature: number | null;
  humidity: number | null;
  pressure: number | null;
  windSpeed: number | null;
  windGust: number | null;
  windDirection: number | null;
  precipitation: number | null;
  cloudCover: number | null;
  visibility: number | null;
  condition: Measures['condition'];
}

/** How temperatures (°C), speeds (m/s) and depths (mm) are shown in a unit system. */
function converters(units: UnitSystem) {
  const metric = units === 'metric';
  return {
    temp: (c: number) => round(metric ? c : (c * 9) / 5 + 32, 1),
    speed: (ms: number) => round(metric ? ms * 3.6 : ms * 2.236_936, 1),
    depth: (mm: number) => (metric ? round(mm, 1) : round(mm / 25.4, 2)),
  };
}

export function displayMeasures(m: Measures, units: UnitSystem): DisplayMeasures {
  const metric = units === 'metric';
  const { temp, speed, depth } = converters(units);
  return {
    temperature: maybe(m.temperatureC, temp),
    apparentTemperature: maybe(m.apparentTemperatureC, temp),
    humidity: maybe(m.humidityPct, (v) => round(v, 0)),
    pressure: maybe(m.pressurePa, (pa) => (metric ? round(pa / 100, 1) : round(pa / 3386.389, 2))),
    windSpeed: maybe(m.windSpeedMs, speed),
    windGust: maybe(m.windGustMs, speed),
    windDirection: maybe(m.windDirectionDeg, (v) => round(v, 0)),
    precipitation: maybe(m.precipitationMm, depth),
    cloudCover: maybe(m.cloudCoverPct, (v) => round(v, 0)),
    visibility: maybe(m.visibilityM, (v) => (metric ? round(v / 1000, 1) : round(v / 1609.344, 1))),
    condition: m.condition,
  };
}

/** A day's summary values shown in a unit system, rounded as the hourly measures are. */
export interface DisplayDaily {
  temperatureMin: number | null;
  temperatureMax: number | null;
  temperatureMean: number | null;
  precipitation: number | null;
  windSpeedMean: number | null;
  windGustMax: number | null;
}

export function displayDaily(d: DailyValues, units: UnitSystem): DisplayDaily {
  const { temp, speed, depth } = converters(units);
  return {
    temperatureMin: maybe(d.temperatureMinC, temp),
    temperatureMax: maybe(d.temperatureMaxC, temp),
    temperatureMean: maybe(d.temperatureMeanC, temp),
    precipitation: maybe(d.precipitationMm, depth),
    windSpeedMean: maybe(d.windSpeedMeanMs, speed),
    windGustMax: maybe(d.windGustMaxMs, speed),
  };
}
