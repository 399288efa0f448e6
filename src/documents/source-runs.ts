import type { ForecastHour, Observation } from '../domain/weather/weather.ts';
import type { PlaceWeather } from '../store/weather/place-weather.ts';

/** What a client needs to schedule its next request for one source of a place's weather. */
export interface SourceRun {
  source: string;
  /** The parts of the document it supplies. */
  provides: ('current' | 'forecast')[];
  /**
   * The newest forecast run it supplies, as the source states it (MET Norway's `updated_at`);
   * a source that does not say (Open-Meteo) has the time isobar fetched it. Null without forecast.
   */
  issuedAt: Date | null;
  /**
   * When isobar received its rows as shown (a fetch that brings nothing new leaves it); null for
   * rows read back without that time.
   */
  receivedAt: Date | null;
  /** When the source is next expected to publish. */
  nextUpdateAt: Date;
}

const later = (a: Date | null, b: Date | undefined) =>
  b !== undefined && (a === null || b.getTime() > a.getTime()) ? b : a;

/** The sources of a place's weather in the order they appear: the current conditions' first. */
export function sourceRuns({ current, forecast }: Pick<PlaceWeather, 'current' | 'forecast'>) {
  const runs = new Map<string, SourceRun>();
  const runOf = (row: Observation | ForecastHour) => {
    let run = runs.get(row.source);
    if (!run) {
      run = {
        source: row.source,
        provides: [],
        issuedAt: null,
        receivedAt: null,
        nextUpdateAt: row.nextUpdateAt,
      };
      runs.set(row.source, run);
    }
    run.receivedAt = later(run.receivedAt, row.receivedAt);
    run.nextUpdateAt = later(run.nextUpdateAt, row.nextUpdateAt) as Date;
    return run;
  };
  if (current) runOf(current).provides.push('current');
  for (const hour of forecast) {
    const run = runOf(hour);
    if (!run.provides.includes('forecast')) run.provides.push('forecast');
    run.issuedAt = later(run.issuedAt, hour.issuedAt);
  }
  return [...runs.values()];
}

/**
 * The data's own time: the newest of the observation's time and each forecast's run. It is what
 * a place's `Last-Modified` follows (src/store/write/place-reads.ts keeps it monotonic); null for
 * a place with no weather.
 */
export function dataTime({ current, forecast }: Pick<PlaceWeather, 'current' | 'forecast'>) {
  let newest = current?.observedAt ?? null;
  for (const hour of forecast) newest = later(newest, hour.issuedAt);
  return newest;
}
