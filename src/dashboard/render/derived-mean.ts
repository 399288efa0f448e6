import type { Climatology, DailyStats } from '../api-documents.ts';

// A mean the dashboard works out where the API has none: daily-only sources (NOAA's daily
// summaries) send a minimum and a maximum but no mean. It is worked out here, on the page, and
// not in the API's statistics: the mean of min and max is another statistic than the mean of a
// day's hours (often a degree apart), and the API's means, percentiles, normals, anomalies and
// rankings stand on measured means only, so a program never compares the two unawares. The
// API already serves what it is made from (each day's min and max, each month's average high
// and low); the dashboard labels what it draws from them. Shared by the server's tables and the
// browser's charts, so free of Node's APIs.

/** How the dashboard names a mean it worked out from the minimum and maximum. */
export const DERIVED_MEAN = 'mean of min and max';

/** A mean as the dashboard shows it: measured, or worked out from min and max (`derived`). */
export interface ShownMean {
  value: number | null;
  derived: boolean;
}

const tenth = (v: number) => Math.round(v * 10) / 10;

/** The measured mean, else the mean of min and max when both are there, else none. */
export function shownMean(mean: number | null, min: number | null, max: number | null): ShownMean {
  if (mean !== null) return { value: mean, derived: false };
  if (min === null || max === null) return { value: null, derived: false };
  return { value: tenth((min + max) / 2), derived: true };
}

type Day = DailyStats['days'][number];
type Month = Climatology['months'][number];

/** A day's mean as shown. */
export const dayMean = (d: Day | undefined): ShownMean =>
  d
    ? shownMean(d.temperature_mean, d.temperature_min, d.temperature_max)
    : shownMean(null, null, null);

/** A calendar month's mean as shown: of the daily means, else of its average high and low. */
export const monthMean = (m: Month): ShownMean =>
  shownMean(m.temperature_mean, m.temperature_min_mean, m.temperature_max_mean);

/** Whether a series holds any day or month with a value. */
export const anyValue = (values: readonly (number | null | undefined)[]) =>
  values.some((v) => v !== null && v !== undefined);
