import { HOUR_MS } from '../contract/durations.ts';

/**
 * The start of the UTC hour an instant falls in: sources publish, and forecasts are kept, by the
 * hour.
 */
export function startOfHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}
