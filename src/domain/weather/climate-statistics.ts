/**
 * Climate statistics from sums: the monthly rollups add up over years, and a mean, a standard
 * deviation or a normal follows from the sums alone. Values are SI (°C, mm) until shown.
 */

/** One calendar month over all the years held, as sums of its daily values. */
export interface MonthSums {
  /** 1–12. */
  month: number;
  days: number;
  /** Distinct years with any day of the month. */
  years: number;
  meanCount: number;
  meanSum: number;
  meanSumSq: number;
  minCount: number;
  minSum: number;
  maxCount: number;
  maxSum: number;
  precipitationCount: number;
  precipitationSum: number;
  /** 10th, 50th and 90th percentiles of the daily mean temperatures; null without any. */
  percentiles: [number, number, number] | null;
}

/** A calendar month's climate, in SI. */
export interface MonthClimate {
  month: number;
  days: number;
  years: number;
  /** Days with a daily mean temperature: what the mean, deviation and percentiles stand on. */
  meanDays: number;
  mean: number | null;
  /** Sample standard deviation of the daily means; null under two days. */
  sd: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
  minMean: number | null;
  maxMean: number | null;
  precipitationDailyMean: number | null;
  /** The mean daily total × the month's mean length, so a month held in part still counts. */
  precipitationMonthlyMean: number | null;
}

/** Days of each calendar month on average over the Gregorian cycle, rounded for February. */
const MEAN_MONTH_DAYS = [31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Fewer days of a calendar month than this make no normal: a mean of a few days is weather. */
export const MIN_NORMAL_DAYS = 10;

const ratio = (sum: number, count: number) => (count > 0 ? sum / count : null);

/** Sample standard deviation from a count, a sum and a sum of squares. */
export function sampleSd(count: number, sum: number, sumSq: number): number | null {
  if (count < 2) return null;
  // Rounding can make a zero variance slightly negative.
  return Math.sqrt(Math.max(0, (sumSq - (sum * sum) / count) / (count - 1)));
}

/** The climate of one calendar month from its sums. */
export function monthClimate(s: MonthSums): MonthClimate {
  const daily = ratio(s.precipitationSum, s.precipitationCount);
  return {
    month: s.month,
    days: s.days,
    years: s.years,
    meanDays: s.meanCount,
    mean: ratio(s.meanSum, s.meanCount),
    sd: sampleSd(s.meanCount, s.meanSum, s.meanSumSq),
    p10: s.percentiles?.[0] ?? null,
    p50: s.percentiles?.[1] ?? null,
    p90: s.percentiles?.[2] ?? null,
    minMean: ratio(s.minSum, s.minCount),
    maxMean: ratio(s.maxSum, s.maxCount),
    precipitationDailyMean: daily,
    precipitationMonthlyMean: daily === null ? null : daily * MEAN_MONTH_DAYS[s.month - 1]!,
  };
}

/** All twelve months in order, empty ones (no data) included. */
export function twelveMonths(sums: readonly MonthSums[]): MonthClimate[] {
  const byMonth = new Map(sums.map((s) => [s.month, s]));
  return Array.from({ length: 12 }, (_, i) => {
    const s = byMonth.get(i + 1);
    return s ? monthClimate(s) : monthClimate(emptyMonth(i + 1));
  });
}

const emptyMonth = (month: number): MonthSums => ({
  month,
  days: 0,
  years: 0,
  meanCount: 0,
  meanSum: 0,
  meanSumSq: 0,
  minCount: 0,
  minSum: 0,
  maxCount: 0,
  maxSum: 0,
  precipitationCount: 0,
  precipitationSum: 0,
  percentiles: null,
});

/** The normal of a day of this month, or null when too few days of it are held. */
export interface Normal {
  month: number;
  days: number;
  years: number;
  mean: number;
  sd: number | null;
  p10: number;
  p90: number;
}

export function normalOf(m: MonthClimate): Normal | null {
  if (m.meanDays < MIN_NORMAL_DAYS || m.mean === null || m.p10 === null || m.p90 === null)
    return null;
  return {
    month: m.month,
    days: m.meanDays,
    years: m.years,
    mean: m.mean,
    sd: m.sd,
    p10: m.p10,
    p90: m.p90,
  };
}

export type AnomalyReason = 'no-data' | 'too-few-days' | 'no-spread';

export interface Anomaly {
  difference: number | null;
  zScore: number | null;
  reason: AnomalyReason | null;
}

/** A day's mean temperature against its normal: the difference, and in standard deviations. */
export function anomalyOf(dayMean: number | null, normal: Normal | null): Anomaly {
  if (dayMean === null) return { difference: null, zScore: null, reason: 'no-data' };
  if (normal === null) return { difference: null, zScore: null, reason: 'too-few-days' };
  const difference = dayMean - normal.mean;
  if (!normal.sd) return { difference, zScore: null, reason: 'no-spread' };
  return { difference, zScore: difference / normal.sd, reason: null };
}
