import type { z } from '@hono/zod-openapi';
import {
  type DateClimate,
  dayStanding,
  type RecordValue,
  standingNote,
} from '../domain/weather/date-climate.ts';
import { TEMPERATURES, type UnitSystem } from '../domain/weather/units.ts';
import type { currentClimateSchema, dayClimateSchema } from './document-schemas.ts';

export type DayClimateJson = NonNullable<z.infer<typeof dayClimateSchema>>;
export type CurrentClimateJson = NonNullable<z.infer<typeof currentClimateSchema>>;

/** A forecast day's extremes in °C (rounded as the metric document shows them). */
export interface DayExtremes {
  date: string;
  max: number | null;
  min: number | null;
  /** The forecast covers every hour of the day: only then are its extremes the day's. */
  whole: boolean;
}

const normalJson = (c: DateClimate, temp: (c: number) => number) => ({
  temperature_max: temp(c.normal.max),
  temperature_min: temp(c.normal.min),
});

/**
 * A forecast day against its date's climate, in a unit system. The difference and the note
 * compare the metric day's extremes with the history in °C, so both documents say the same.
 */
export function dayClimateJson(
  c: DateClimate,
  day: DayExtremes,
  units: UnitSystem,
): DayClimateJson {
  const { temp, delta } = TEMPERATURES[units];
  const record = (r: RecordValue | null) => r && { value: temp(r.value), year: r.year };
  const compared = day.whole && day.max !== null && day.min !== null;
  const standing = compared ? dayStanding(day.date, day.max, day.min, c.history) : null;
  return {
    source: c.source,
    years: c.years,
    normal: normalJson(c, temp),
    difference: compared
      ? {
          temperature_max: delta(day.max! - c.normal.max),
          temperature_min: delta(day.min! - c.normal.min),
        }
      : null,
    record: { temperature_max: record(c.record.max), temperature_min: record(c.record.min) },
    note: standing && standingNote(day.date, standing),
  };
}

/** The current temperature (°C) against today's normal range, in a unit system. */
export function currentClimateJson(
  c: DateClimate,
  temperatureC: number,
  units: UnitSystem,
): CurrentClimateJson {
  const { temp, delta } = TEMPERATURES[units];
  const beyond =
    temperatureC > c.normal.max
      ? temperatureC - c.normal.max
      : temperatureC < c.normal.min
        ? temperatureC - c.normal.min
        : 0;
  return {
    source: c.source,
    years: c.years,
    normal: normalJson(c, temp),
    difference: delta(beyond),
  };
}
