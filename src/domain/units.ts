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

export function displayMeasures(m: Measures, units: UnitSystem): DisplayMeasures {
  const metric = units === 'metric';
  const temp = (c: number) => round(metric ? c : (c * 9) / 5 + 32, 1);
  const speed = (ms: number) => round(metric ? ms * 3.6 : ms * 2.236_936, 1);
  return {
    temperature: maybe(m.temperatureC, temp),
    apparentTemperature: maybe(m.apparentTemperatureC, temp),
    humidity: maybe(m.humidityPct, (v) => round(v, 0)),
    pressure: maybe(m.pressurePa, (pa) => (metric ? round(pa / 100, 1) : round(pa / 3386.389, 2))),
    windSpeed: maybe(m.windSpeedMs, speed),
    windGust: maybe(m.windGustMs, speed),
    windDirection: maybe(m.windDirectionDeg, (v) => round(v, 0)),
    precipitation: maybe(m.precipitationMm, (mm) => (metric ? round(mm, 1) : round(mm / 25.4, 2))),
    cloudCover: maybe(m.cloudCoverPct, (v) => round(v, 0)),
    visibility: maybe(m.visibilityM, (v) => (metric ? round(v / 1000, 1) : round(v / 1609.344, 1))),
    condition: m.condition,
  };
}
