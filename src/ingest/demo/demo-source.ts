import { HOUR_MS } from '../../contract/durations.ts';
import type { Place } from '../../domain/place.ts';
import { comingFrom, recentSince } from '../../domain/weather/demo-cover.ts';
import {
  type DemoPlace,
  demoMeasures,
  demoPrecipitationChance,
} from '../../domain/weather/demo-weather.ts';
import { startOfHour } from '../../domain/weather/time.ts';
import {
  DEMO_SOURCE,
  FORECAST_HOURS,
  type ForecastHour,
  type Measures,
  type Observation,
} from '../../domain/weather/weather.ts';
import { demoWeatherPlaces } from '../../store/catalog/demo-places.ts';
import type { Queryable } from '../../store/database.ts';
import { applyWrite } from '../write-path/apply-write.ts';

export interface SeedDemoWeatherOptions {
  /** How many places get weather (the most populous), or which (those with no real data). */
  places: number | readonly Place[];
  now: Date;
  /** Forecast length in hours after the current one (default: FORECAST_HOURS, ten days). */
  hours?: number;
}

/** The demo forecast is hourly this far ahead, then 6-hourly, as MET Norway's is. */
const HOURLY_HOURS = 48;
const COARSE_HOURS = 6;

/**
 * The steps of a demo forecast issued at `issuedAt`: [start, hours] from the next hour on,
 * hourly for two days and then in 6-hour steps starting at 00, 06, 12 and 18 UTC.
 */
export function demoSteps(issuedAt: Date, hours: number): [Date, number][] {
  const steps: [Date, number][] = [];
  const end = issuedAt.getTime() + hours * HOUR_MS;
  let t = issuedAt.getTime() + HOUR_MS;
  while (t <= end) {
    const coarse =
      t > issuedAt.getTime() + HOURLY_HOURS * HOUR_MS &&
      new Date(t).getUTCHours() % COARSE_HOURS === 0;
    const period = coarse ? COARSE_HOURS : 1;
    steps.push([new Date(t), period]);
    t += period * HOUR_MS;
  }
  return steps;
}

/** A demo step's measures: its start's, with the precipitation of every hour it covers. */
function stepMeasures(place: DemoPlace, start: Date, hours: number): Measures {
  const m = demoMeasures(place, start);
  if (hours === 1) return m;
  let total = 0;
  for (let h = 0; h < hours; h++) {
    total += demoMeasures(place, new Date(start.getTime() + h * HOUR_MS)).precipitationMm ?? 0;
  }
  return { ...m, precipitationMm: Math.round(total * 10) / 10 };
}

export interface SeedDemoWeatherResult {
  places: number;
  /** Rows new or changed: a re-run within the same hour writes none. */
  observations: number;
  forecastHours: number;
}

/**
 * Writes generated weather for the most populous places that real sources do not cover (or for
 * those of the places given that they do not: see weather-on-demand.ts), as the `demo` source
 * publishing hourly: the current hour's observation (and the day it falls in) where no real
 * observation is recent, and a forecast issued this hour, hourly for two days and 6-hourly to
 * ten (demoSteps), where no real forecast covers the coming hours. All or nothing; the places
 * are announced as changed on commit.
 */
export async function seedDemoWeather(
  db: Queryable,
  options: SeedDemoWeatherOptions,
): Promise<SeedDemoWeatherResult> {
  const steps = demoSteps(startOfHour(options.now), options.hours ?? FORECAST_HOURS);
  const issuedAt = startOfHour(options.now);
  const nextUpdateAt = new Date(issuedAt.getTime() + HOUR_MS);
  return db.transaction(async (tx) => {
    const cover = { recentSince: recentSince(options.now), comingFrom: comingFrom(options.now) };
    const which =
      typeof options.places === 'number' ? options.places : options.places.map((p) => p.id);
    const places = await demoWeatherPlaces(tx, which, cover);
    const observations: Observation[] = [];
    const forecast: ForecastHour[] = [];
    for (const { place, current, forecast: coming } of places) {
      const base = { locationId: place.id, source: DEMO_SOURCE, nextUpdateAt };
      if (current)
        observations.push({ ...demoMeasures(place, issuedAt), ...base, observedAt: issuedAt });
      for (const [validAt, periodHours] of coming ? steps : []) {
        const m = stepMeasures(place, validAt, periodHours);
        forecast.push({
          ...m,
          ...base,
          validAt,
          issuedAt,
          periodHours,
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
