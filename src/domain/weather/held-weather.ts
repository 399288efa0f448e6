import { DEMO_SOURCE, type ForecastHour, type Observation } from './weather.ts';

/**
 * What the store holds for a place that has no real weather: nothing at all, or only the demo
 * source's (`demo-overdue` once its promised update has passed).
 */
export type HeldWeather = 'nothing' | 'demo' | 'demo-overdue';

/** The sources a place's weather rows name: its current conditions', then each forecast hour's. */
export function weatherSources(weather: {
  current: Observation | null;
  forecast: readonly ForecastHour[];
}): string[] {
  const { current, forecast } = weather;
  return [...(current ? [current.source] : []), ...forecast.map((f) => f.source)];
}

/** What a place's weather rows amount to; null when any of them comes from a real source. */
export function heldWeather(
  weather: { current: Observation | null; forecast: readonly ForecastHour[] },
  now: Date,
): HeldWeather | null {
  const { current, forecast } = weather;
  const sources = weatherSources(weather);
  if (sources.length === 0) return 'nothing';
  if (sources.some((s) => s !== DEMO_SOURCE)) return null;
  const next = current?.nextUpdateAt ?? forecast[0]?.nextUpdateAt;
  return next && next.getTime() <= now.getTime() ? 'demo-overdue' : 'demo';
}
