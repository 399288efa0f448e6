import { HOUR_MS } from '../../contract/durations.ts';
import { comingFrom, recentSince } from '../../domain/weather/demo-cover.ts';
import { demoMeasures, demoPrecipitationChance } from '../../domain/weather/demo-weather.ts';
import { startOfHour } from '../../domain/weather/time.ts';
import { DEMO_SOURCE, type ForecastHour, type Observation } from '../../domain/weather/weather.ts';
import { demoWeatherPlaces } from '../../store/catalog/demo-places.ts';
import type { Queryable } from '../../store/database.ts';
import { applyWrite } from '../write-path/apply-write.ts';

export interface SeedDemoWeatherOptions {
  /** How many places get weather: the most populous of the catalog. */
  places: number;
  now: Date;
  /** Forecast length in hours after the current one. */
  hours?: number;
}

export interface SeedDemoWeatherResult {
  places: number;
  /** Rows new or changed: a re-run within the same hour writes none. */
  observations: number;
  forecastHours: number;
}

/**
 * Writes generated weather for the most populous places that real sources do not cover, as the
 * `demo` source publishing hourly: the current hour's observation (and the day it falls in) where
 * no real observation is recent, and a forecast issued this hour where no real forecast covers
 * the coming hours. All or nothing; the places are announced as changed on commit.
 */
export async function seedDemoWeather(
  db: Queryable,
  options: SeedDemoWeatherOptions,
): Promise<SeedDemoWeatherResult> {
  const hours = options.hours ?? 48;
  const issuedAt = startOfHour(options.now);
  const nextUpdateAt = new Date(issuedAt.getTime() + HOUR_MS);
  return db.transaction(async (tx) => {
    const cover = { recentSince: recentSince(options.now), comingFrom: comingFrom(options.now) };
    const places = await demoWeatherPlaces(tx, options.places, cover);
    const observations: Observation[] = [];
    const forecast: ForecastHour[] = [];
    for (const { place, current, forecast: coming } of places) {
      const base = { locationId: place.id, source: DEMO_SOURCE, nextUpdateAt };
      if (current)
        observations.push({ ...demoMeasures(place, issuedAt), ...base, observedAt: issuedAt });
      for (let h = 1; coming && h <= hours; h++) {
        const validAt = new Date(issuedAt.getTime() + h * HOUR_MS);
        const m = demoMeasures(place, validAt);
        forecast.push({
          ...m,
          ...base,
          validAt,
          issuedAt,
          precipitationProbabilityPct: demoPrecipitationChance(m),
        });
      }
    }
    const applied = await applyWrite(
      tx,
      { observations, forecasts: forecast },
      { now: options.now, reason: 'demo' },
    );
    const { observations: current, forecasts: coming } = applied.byKind;
    return {
      places: places.length,
      observations: current.inserted + current.replaced,
      forecastHours: coming.inserted + coming.replaced,
    };
  });
}
