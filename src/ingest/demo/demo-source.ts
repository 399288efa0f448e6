import { HOUR_MS } from '../../contract/durations.ts';
import type { Place } from '../../domain/place.ts';
import { demoMeasures, demoPrecipitationChance } from '../../domain/weather/demo-weather.ts';
import { startOfHour } from '../../domain/weather/time.ts';
import { DEMO_SOURCE, type ForecastHour, type Observation } from '../../domain/weather/weather.ts';
import { demoPlaces, demoPlacesAmong } from '../../store/catalog/locations.ts';
import type { Queryable } from '../../store/database.ts';
import { applyWrite } from '../write-path/apply-write.ts';

export interface SeedDemoWeatherOptions {
  /** How many places get weather (the most populous), or which (those with no real data). */
  places: number | readonly Place[];
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
 * Writes generated weather for the most populous places that have no real data (or for those of
 * the places given that have none: see weather-on-demand.ts), as the `demo` source publishing
 * hourly: the current hour's observation (and the day it falls in) and a forecast issued this
 * hour. All or nothing; the places are announced as changed on commit.
 */
export async function seedDemoWeather(
  db: Queryable,
  options: SeedDemoWeatherOptions,
): Promise<SeedDemoWeatherResult> {
  const hours = options.hours ?? 48;
  const issuedAt = startOfHour(options.now);
  const nextUpdateAt = new Date(issuedAt.getTime() + HOUR_MS);
  return db.transaction(async (tx) => {
    const places =
      typeof options.places === 'number'
        ? await demoPlaces(tx, options.places)
        : await demoPlacesAmong(
            tx,
            options.places.map((p) => p.id),
          );
    const observations: Observation[] = [];
    const forecast: ForecastHour[] = [];
    for (const place of places) {
      const base = { locationId: place.id, source: DEMO_SOURCE, nextUpdateAt };
      observations.push({ ...demoMeasures(place, issuedAt), ...base, observedAt: issuedAt });
      for (let h = 1; h <= hours; h++) {
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
