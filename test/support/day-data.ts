import { HOUR_MS } from '../../src/contract/durations.ts';
import { localDate } from '../../src/domain/weather/day.ts';
import type { Measures, Observation } from '../../src/domain/weather/weather.ts';
import { findPlaceByKey } from '../../src/store/catalog/locations.ts';
import type { Queryable } from '../../src/store/index.ts';
import {
  deriveDailySummaries,
  type SentSummary,
  upsertSentSummaries,
} from '../../src/store/write/daily-rows.ts';
import { upsertObservations } from '../../src/store/write/weather-rows.ts';

/** Plain weather for an hour, `i` counting the hours of the day from 0. */
export function plainHour(i: number): Measures {
  return {
    temperatureC: 5 + i / 2,
    apparentTemperatureC: 3 + i / 2,
    humidityPct: 80,
    pressurePa: 101_300,
    windSpeedMs: 5,
    windGustMs: i === 12 ? 20 : 8,
    windDirectionDeg: 250,
    precipitationMm: i < 4 ? 0.5 : 0,
    cloudCoverPct: 90,
    visibilityM: 10_000,
    condition: i < 4 ? 'rain' : 'cloudy',
  };
}

async function place(q: Queryable, ref: string) {
  const [countryCode = '', slug = ''] = ref.split('/');
  const found = await findPlaceByKey(q, countryCode, slug.toLowerCase());
  if (!found) throw new Error(`no place ${ref} in the fixture`);
  return found;
}

/** The instants of the local hours of a date in a zone: 23, 24 or 25 of them. */
export function localHours(date: string, timeZone: string): Date[] {
  const start = Date.parse(`${date}T00:00:00Z`) - 15 * HOUR_MS;
  return Array.from({ length: 24 + 30 }, (_, h) => new Date(start + h * HOUR_MS)).filter(
    (at) => localDate(at, timeZone) === date,
  );
}

export interface ObservedDayOptions {
  source?: string;
  /** How many of the day's hours to write, from midnight; all of them when left out. */
  hours?: number;
  measures?: (i: number) => Measures;
}

/**
 * Writes hourly observations for a local day of a place (`GB/London`) as a source would, with
 * the day's summary derived in the same transaction. Says how many hours the day has.
 */
export async function writeObservedDay(
  db: Queryable,
  ref: string,
  date: string,
  options: ObservedDayOptions = {},
): Promise<number> {
  const { source = 'met', measures = plainHour } = options;
  return db.transaction(async (tx) => {
    const p = await place(tx, ref);
    const all = localHours(date, p.timezone);
    const rows: Observation[] = all.slice(0, options.hours ?? all.length).map((at, i) => ({
      ...measures(i),
      locationId: p.id,
      source,
      observedAt: at,
      nextUpdateAt: new Date(at.getTime() + HOUR_MS),
    }));
    await upsertObservations(tx, rows);
    await deriveDailySummaries(tx, rows);
    return all.length;
  });
}

/** Stores a summary a daily-only source sent whole for a local day of a place. */
export async function writeSentDay(
  db: Queryable,
  ref: string,
  date: string,
  values: Partial<Omit<SentSummary, 'locationId' | 'date'>> = {},
): Promise<void> {
  const p = await place(db, ref);
  await upsertSentSummaries(db, [
    {
      locationId: p.id,
      date,
      source: 'archive',
      condition: 'clear',
      temperatureMinC: 2,
      temperatureMaxC: 12,
      temperatureMeanC: 7,
      precipitationMm: 0,
      windSpeedMeanMs: 3,
      windGustMaxMs: 11,
      ...values,
    },
  ]);
}
