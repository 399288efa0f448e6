import { HOUR_MS } from '../../contract/durations.ts';
import { addDays, daysBetween } from '../../contract/uris/day-uri.ts';
import type { Place } from '../../domain/place.ts';
import { localDate } from '../../domain/weather/day.ts';
import { demoMeasures } from '../../domain/weather/demo-weather.ts';
import { startOfHour } from '../../domain/weather/time.ts';
import { DEMO_SOURCE, type Observation } from '../../domain/weather/weather.ts';
import { demoPlaces } from '../../store/catalog/demo-places.ts';
import type { Queryable } from '../../store/database.ts';
import type { SourceDate } from '../../store/weather/daily.ts';
import { applyWrite } from '../write-path/apply-write.ts';

export interface SeedHistoryOptions {
  /** How many places: the most populous of the catalog without real data. */
  places: number;
  /** Days of history, ending with the current hour. */
  days: number;
  now: Date;
  /** Places written per transaction (default 10: about 100,000 rows for 420 days). */
  batch?: number;
  /** Told after each batch commits. */
  onBatch?: (progress: SeedHistoryProgress) => void;
}

export interface SeedHistoryProgress {
  placesDone: number;
  places: number;
  /** Observations written so far. */
  rows: number;
}

export interface SeedHistoryResult {
  places: number;
  /** Hourly observations written (new or replaced or unchanged: every row generated). */
  rows: number;
  /** Daily summaries (place, local day) brought up to date. */
  days: number;
}

/**
 * Writes `days` of hourly demo observations for the most populous places without real data,
 * ending with the current hour, with their daily summaries and monthly rollups: the history the
 * statistics are computed from, at any scale. By batches of places, each in one transaction;
 * every row has a fixed key (place, `demo`, hour), so a re-run replaces rows, never adds twins.
 */
export async function seedDemoHistory(
  db: Queryable,
  options: SeedHistoryOptions,
): Promise<SeedHistoryResult> {
  const end = startOfHour(options.now).getTime();
  const start = end - options.days * 24 * HOUR_MS;
  const places = await demoPlaces(db, options.places);
  const batch = options.batch ?? 10;
  const result: SeedHistoryResult = { places: places.length, rows: 0, days: 0 };
  for (let i = 0; i < places.length; i += batch) {
    const group = places.slice(i, i + batch);
    const written = await db.transaction((tx) => writeGroup(tx, group, start, end, options.now));
    result.rows += written.rows;
    result.days += written.days;
    options.onBatch?.({ placesDone: i + group.length, places: places.length, rows: result.rows });
  }
  return result;
}

async function writeGroup(
  tx: Queryable,
  group: readonly Place[],
  start: number,
  end: number,
  now: Date,
): Promise<{ rows: number; days: number }> {
  const observations: Observation[] = [];
  const days: SourceDate[] = [];
  for (const place of group) {
    for (let t = start; t <= end; t += HOUR_MS) {
      const observedAt = new Date(t);
      observations.push({
        ...demoMeasures(place, observedAt),
        locationId: place.id,
        source: DEMO_SOURCE,
        observedAt,
        nextUpdateAt: new Date(t + HOUR_MS),
      });
    }
    const first = localDate(new Date(start), place.timezone);
    const span = daysBetween(first, localDate(new Date(end), place.timezone));
    for (let d = 0; d <= span; d++) {
      days.push({ locationId: place.id, source: DEMO_SOURCE, date: addDays(first, d) });
    }
  }
  await applyWrite(tx, { observations, derivedDays: days }, { now, reason: 'demo' });
  return { rows: observations.length, days: days.length };
}
