import { DAY_MS } from '../../contract/durations.ts';
import { startOfHour } from './time.ts';

/**
 * The demo source stands in, kind by kind, for what no real source covers now: a write replaces
 * only what it brings. Real observations end the demo's current conditions only when they are
 * recent (an import of 1990's hours is history and leaves them); a real forecast for the coming
 * hours ends the demo's forecast; a real daily summary ends the demo's summary of that day only.
 *
 * Recent means observed within a day: a live source that runs late for a few hours keeps its
 * place (shown as behind) rather than the generated values coming back in between.
 */
export const RECENT_OBSERVATION_MS = DAY_MS;

/** The earliest observation time that still counts as current conditions at `now`. */
export function recentSince(now: Date): Date {
  return new Date(now.getTime() - RECENT_OBSERVATION_MS);
}

/** The first forecast hour that counts as coming at `now`: the current hour's. */
export function comingFrom(now: Date): Date {
  return startOfHour(now);
}
