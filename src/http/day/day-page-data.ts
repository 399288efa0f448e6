import type { DateClimate } from '../../domain/weather/date-climate.ts';
import { localDate } from '../../domain/weather/day.ts';
import type { ForecastHour } from '../../domain/weather/weather.ts';
import type { Queryable } from '../../store/index.ts';
import { findDateClimates } from '../../store/statistics/date-climate.ts';
import { findRecords, type Records } from '../../store/statistics/place-stats.ts';
import type { PlaceDay } from '../../store/weather/place-day.ts';
import { findPlaceWeatherByIds } from '../../store/weather/place-weather.ts';

/**
 * What a day's page (and its text view) shows beyond its document: the rest of its forecast,
 * and its history.
 */
export interface DayPageData {
  /** The day's hourly forecast after its last observed hour; empty once the day is over. */
  forecast: ForecastHour[];
  /** The normal and records of the day's calendar date; null under ten years held near it. */
  climate: DateClimate | null;
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
  const [weather, climates, records] = await Promise.all([
    open ? findPlaceWeatherByIds(db, [place.id], now) : Promise.resolve([]),
    findDateClimates(db, [{ locationId: place.id, date }]),
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
  // The records' newest received_at is that of every day of the primary source: the normal's too.
  const times = [day.lastModified, weather[0]?.lastModified, records.receivedAt].filter(
    (t): t is Date => t instanceof Date,
  );
  return {
    forecast,
    climate: climates.get(place.id)?.[0] ?? null,
    records,
    lastModified: new Date(Math.max(...times.map((t) => t.getTime()))),
  };
}
