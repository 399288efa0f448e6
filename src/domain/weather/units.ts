import type { Format } from '../../contract/uris/place-uri.ts';
import type { DailyValues } from './quantities.ts';
import type { Measures } from './weather.ts';

export const UNIT_SYSTEMS = ['metric', 'imperial'] as const;
export type UnitSystem = (typeof UNIT_SYSTEMS)[number];

/** Countries whose people read temperatures in °F and speeds in mph (and so on) day to day. */
export const IMPERIAL_COUNTRIES: ReadonlySet<string> = new Set(['US', 'LR', 'MM']);

/**
 * The unit system a representation of a place shows when its URI names none. Pages for people
 * (HTML, text) follow the place's country; the JSON API is metric everywhere, so a program never
 * has to know where a place is to read its numbers.
 */
export function defaultUnits(countryCode: string, format: Format): UnitSystem {
  return format !== 'json' && IMPERIAL_COUNTRIES.has(countryCode) ? 'imperial' : 'metric';
}

/**
 * The canonical query of a unit system in a representation of a place: none for its default
 * (spelling the default out answers 301 to the bare URI), `?units=…` for the other.
 */
export function unitsQueryFor(
  countryCode: string,
  format: Format,
  units: UnitSystem,
  lead: '?' | '&' = '?',
): string {
  return units === defaultUnits(countryCode, format) ? '' : `${lead}units=${units}`;
}

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

const SCALE = [1, 10, 100, 1000];
// Half away from zero, as toFixed rounds, by arithmetic: toFixed builds a string and was most of
// the cost of rendering a place (ten values for each of 49 hours).
const round = (value: number, digits: number) => {
  const scale = SCALE[digits]!;
  const scaled = Math.round(Math.abs(value) * scale) / scale;
  return value < 0 && scaled !== 0 ? -scaled : scaled; // never -0
};
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

type Convert = (value: number) => number;

/** How each stored quantity (SI) is shown in a unit system: made once per system, not per call. */
const CONVERTERS: Record<
  UnitSystem,
  Record<'temp' | 'speed' | 'depth' | 'pressure' | 'distance' | 'whole', Convert>
> = {
  metric: {
    temp: (c) => round(c, 1),
    speed: (ms) => round(ms * 3.6, 1),
    depth: (mm) => round(mm, 1),
    pressure: (pa) => round(pa / 100, 1),
    distance: (m) => round(m / 1000, 1),
    whole: (v) => round(v, 0),
  },
  imperial: {
    temp: (c) => round((c * 9) / 5 + 32, 1),
    speed: (ms) => round(ms * 2.236_936, 1),
    depth: (mm) => round(mm / 25.4, 2),
    pressure: (pa) => round(pa / 3386.389, 2),
    distance: (m) => round(m / 1609.344, 1),
    whole: (v) => round(v, 0),
  },
};

/** Temperatures, and differences of them (scaled, never offset), as a unit system shows them. */
export const TEMPERATURES: Record<UnitSystem, { temp: Convert; delta: Convert }> = {
  metric: { temp: CONVERTERS.metric.temp, delta: (c) => round(c, 1) },
  imperial: { temp: CONVERTERS.imperial.temp, delta: (c) => round(c * 1.8, 1) },
};

export function displayMeasures(m: Measures, units: UnitSystem): DisplayMeasures {
  const { temp, speed, depth, pressure, distance, whole } = CONVERTERS[units];
  return {
    temperature: maybe(m.temperatureC, temp),
    apparentTemperature: maybe(m.apparentTemperatureC, temp),
    humidity: maybe(m.humidityPct, whole),
    pressure: maybe(m.pressurePa, pressure),
    windSpeed: maybe(m.windSpeedMs, speed),
    windGust: maybe(m.windGustMs, speed),
    windDirection: maybe(m.windDirectionDeg, whole),
    precipitation: maybe(m.precipitationMm, depth),
    cloudCover: maybe(m.cloudCoverPct, whole),
    visibility: maybe(m.visibilityM, distance),
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
  const { temp, speed, depth } = CONVERTERS[units];
  return {
    temperatureMin: maybe(d.temperatureMinC, temp),
    temperatureMax: maybe(d.temperatureMaxC, temp),
    temperatureMean: maybe(d.temperatureMeanC, temp),
    precipitation: maybe(d.precipitationMm, depth),
    windSpeedMean: maybe(d.windSpeedMeanMs, speed),
    windGustMax: maybe(d.windGustMaxMs, speed),
  };
}
