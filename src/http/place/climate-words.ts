import type { CurrentClimateJson, DayClimateJson } from '../../documents/forecast-climate.ts';
import { v } from './place-sections.ts';

/** Under this (in the unit shown) a difference reads as "normal". */
const AS_NORMAL = 0.5;

/**
 * A forecast day against its date's normal, briefly: `3.2°C above normal` (the high against the
 * normal high), then its standing (`warmest 14 March since 1997`). Empty where the forecast
 * covers the day in part or no climate is held.
 */
export function dayClimateWords(c: DayClimateJson | undefined, unit: string): string[] {
  if (!c?.difference) return [];
  const d = c.difference.temperature_max;
  const against =
    Math.abs(d) < AS_NORMAL
      ? 'a normal high'
      : `${v(Math.abs(d), unit)} ${d > 0 ? 'above' : 'below'} normal`;
  return c.note ? [against, c.note] : [against];
}

/** The current temperature against today's normal range, in a sentence. */
export function currentClimateWords(c: CurrentClimateJson, unit: string): string {
  const { temperature_max: high, temperature_min: low } = c.normal;
  if (c.difference > 0)
    return `${v(c.difference, unit)} above today's normal high of ${v(high, unit)}.`;
  if (c.difference < 0)
    return `${v(-c.difference, unit)} below today's normal low of ${v(low, unit)}.`;
  return `Within today's normal range, ${v(low, unit)} to ${v(high, unit)}.`;
}
