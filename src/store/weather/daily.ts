import type { DailyValues } from '../../domain/weather/quantities.ts';
import type { Condition } from '../../domain/weather/weather.ts';
import { type Queryable, statement } from '../database.ts';

/** One local day of a place as one source saw it. */
export interface DailySummary extends DailyValues {
  locationId: number;
  source: string;
  /** The place's local date, YYYY-MM-DD. */
  date: string;
  condition: Condition | null;
  /** Hourly observations it was derived from; null when the source sent the day whole. */
  hours: number | null;
  /** Every hour of the day is in, or the source sent it whole. */
  complete: boolean;
  receivedAt: Date;
}

/** A (place, source, local date) whose daily summary was written or deleted. */
export interface SourceDate {
  locationId: number;
  source: string;
  /** YYYY-MM-DD; any day of the month names the month. */
  date: string;
}

/** A (place, local date) whose summary a write changed. */
export interface TouchedDay {
  locationId: number;
  date: string;
}

const SUMMARY_COLUMNS = `location_id AS "locationId", source, to_char(date, 'YYYY-MM-DD') AS date,
  temperature_min_c AS "temperatureMinC", temperature_max_c AS "temperatureMaxC",
  temperature_mean_c AS "temperatureMeanC", precipitation_mm AS "precipitationMm",
  wind_speed_mean_ms AS "windSpeedMeanMs", wind_gust_max_ms AS "windGustMaxMs", condition, hours,
  complete, received_at AS "receivedAt"`;

const inRange = statement(
  'daily_in_range',
  `SELECT ${SUMMARY_COLUMNS} FROM daily_summaries
    WHERE location_id = $1 AND date >= $2::date AND date <= $3::date
    ORDER BY date, source`,
);

/** The summaries of a place from one local date to another (inclusive), every source, by date. */
export function dailySummariesBetween(
  q: Queryable,
  locationId: number,
  from: string,
  to: string,
): Promise<DailySummary[]> {
  return q.all<DailySummary>(inRange, [locationId, from, to]);
}
