import type { PlaceDocument } from '../../documents/place-document.ts';

/** Hours the chart, the table and the text view show one by one: yr's two days. */
const HOURLY_SHOWN = 48;

/**
 * The forecast's leading hourly steps, at most two days: the chart draws a slot per step and the
 * table a row per hour, so the coarser steps after them are left to the day summaries.
 */
export function hourlySteps(doc: PlaceDocument): PlaceDocument['forecast']['hours'] {
  const { hours } = doc.forecast;
  const coarse = hours.findIndex((h) => h.period_hours !== 1);
  return hours.slice(0, Math.min(HOURLY_SHOWN, coarse === -1 ? hours.length : coarse));
}
