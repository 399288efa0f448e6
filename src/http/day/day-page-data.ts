import { localDate } from '../../domain/weather/day.ts';
import type { ForecastHour } from '../../domain/weather/weather.ts';
import type { Queryable } from '../../store/index.ts';
import {
  type Climatology,
  findClimatology,
  findRecords,
  type Records,
} from '../../store/statistics/place-stats.ts';
import type { PlaceDay } from '../../store/weather/place-day.ts';
import { findPlaceWeatherByIds } from '../../store/weather/place-weather.ts';

/** What a day's page shows beyond its document: the rest of its forecast, and its history. */
export interface DayPageData {
  /** The day's hourly forecast after its last observed hour; empty once the day is over. */
  forecast: ForecastHour[];
  climatology: Climatology;
  /** The place's hottest, coldest and wettest day held (primary source). */
  records: Records;
  /** The newest change among these: the page's Last-Modified must follow them too. */
  lastModified: Date;
}

/**
 * Reads what a day's page adds to its document. The forecast is asked for only while the day is
 * not over in the place's zone (today, or a day ahead that already has observations).
 */
export async function loadDayPageData(
  db: Queryable,
  day: PlaceDay,
  date: string,
  shownSource: string,
  now: Date,
): Promise<DayPageData> {
  const { place } = day;
  const open = date >= localDate(now, place.timezone);
  const [weather, climatology, records] = await Promise.all([
    open ? findPlaceWeatherByIds(db, [place.id], now) : Promise.resolve([]),
    findClimatology(db, place.id),
    findRecords(db, place.id, 1),
  ]);
  const observed = day.observations
    .filter((o) => o.source === shownSource)
    .map((o) => o.observedAt.getTime());
  const after = observed.length > 0 ? Math.max(...observed) : now.getTime();
  const forecast = (weather[0]?.forecast ?? []).filter(
    (f) =>
      f.periodHours === 1 &&
      f.validAt.getTime() > after &&
      localDate(f.validAt, place.timezone) === date,
  );
  const times = [
    day.lastModified,
    weather[0]?.lastModified,
    climatology.receivedAt,
    records.receivedAt,
  ].filter((t): t is Date => t instanceof Date);
  return {
    forecast,
    climatology,
    records,
    lastModified: new Date(Math.max(...times.map((t) => t.getTime()))),
  };
}
