/** What the sky is doing, in words a page and a program can both use. */
export const CONDITIONS = [
  'clear',
  'partly-cloudy',
  'cloudy',
  'fog',
  'drizzle',
  'rain',
  'snow',
  'thunderstorm',
] as const;
export type Condition = (typeof CONDITIONS)[number];

/** Measured or forecast quantities, always stored in SI: °C, Pa, m/s, mm, m, percent. */
export interface Measures {
  temperatureC: number | null;
  apparentTemperatureC: number | null;
  humidityPct: number | null;
  pressurePa: number | null;
  windSpeedMs: number | null;
  windGustMs: number | null;
  windDirectionDeg: number | null;
  precipitationMm: number | null;
  cloudCoverPct: number | null;
  visibilityM: number | null;
  condition: Condition;
}

/** Current conditions at a place, as one source reported them. */
export interface Observation extends Measures {
  locationId: number;
  /** Who produced it: "demo" for generated data, never passed off as real. */
  source: string;
  observedAt: Date;
  /** When the source expects to publish again; cache lifetimes follow it. */
  nextUpdateAt: Date;
  /** When isobar received it (stored rows only). */
  receivedAt?: Date;
}

/**
 * One step of a source's forecast for a place: an hour, or a longer period where the source's
 * forecast turns coarser (MET Norway's steps are 6 hours after about 2.5 days).
 */
export interface ForecastHour extends Measures {
  locationId: number;
  source: string;
  /** When the step begins; its instant quantities (temperature, wind) are for this time. */
  validAt: Date;
  /** The run it comes from, as the source says it (else when it was fetched). */
  issuedAt: Date;
  nextUpdateAt: Date;
  /** When isobar received it (stored rows only). */
  receivedAt?: Date;
  precipitationProbabilityPct: number | null;
  /** How many hours the step covers: its precipitation is the total over them. */
  periodHours: number;
}

/** The longest step a forecast row may cover, in hours. */
export const MAX_PERIOD_HOURS = 24;

/**
 * How far ahead forecasts are kept and shown: ten days, about what MET Norway gives and well
 * inside Open-Meteo's 16 (and its two weeks, past which a request counts as more than one call).
 */
export const FORECAST_HOURS = 240;

/** The source name of generated demonstration data. */
export const DEMO_SOURCE = 'demo';

/** What a batch of rows holds: hourly observations, forecast hours or daily summaries. */
export const ROW_KINDS = ['observations', 'forecasts', 'daily'] as const;
export type RowKind = (typeof ROW_KINDS)[number];
