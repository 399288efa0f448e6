import { localDate } from '../domain/weather/day.ts';
import { CONDITIONS, type Condition } from '../domain/weather/weather.ts';

/** A step of a forecast as the daily summary reads it (display units, rounded already). */
export interface SummaryStep {
  time: string;
  /** Hours the step covers: its precipitation is their total, its sky theirs. */
  period_hours: number;
  condition: Condition;
  temperature: number | null;
  precipitation: number | null;
  wind_speed: number | null;
}

/** A local day of a forecast, as the place document carries it: extremes and totals. */
export interface ForecastDay {
  /** `YYYY-MM-DD` in the place's zone. */
  date: string;
  /** The day's most telling sky: the one over most hours, the more severe on a tie. */
  condition: Condition;
  temperature_min: number | null;
  temperature_max: number | null;
  precipitation: number | null;
  wind_speed_max: number | null;
  /** Hours of the day the forecast covers: under 24 for today and the last day. */
  hours_covered: number;
}

/** Severity follows the domain's order: later conditions say more about a day. */
const severity = (c: Condition) => CONDITIONS.indexOf(c);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const values = (steps: readonly SummaryStep[], pick: (s: SummaryStep) => number | null) =>
  steps.flatMap((s) => {
    const v = pick(s);
    return v === null ? [] : [v];
  });

/**
 * Groups forecast steps into the place's local days, in order. A step counts for the day it
 * begins in: MET Norway's 6-hour steps begin at 00, 06, 12 and 18 UTC, so where the zone is not
 * a whole multiple of 6 hours from UTC, a step's last hours may belong to the next local day.
 */
export function forecastDays(steps: readonly SummaryStep[], timeZone: string): ForecastDay[] {
  const byDate = new Map<string, SummaryStep[]>();
  for (const s of steps) {
    const date = localDate(new Date(s.time), timeZone);
    const group = byDate.get(date);
    if (group) group.push(s);
    else byDate.set(date, [s]);
  }
  return [...byDate].map(([date, group]) => {
    const temps = values(group, (s) => s.temperature);
    const rain = values(group, (s) => s.precipitation);
    const winds = values(group, (s) => s.wind_speed);
    const hoursOf = new Map<Condition, number>();
    for (const s of group)
      hoursOf.set(s.condition, (hoursOf.get(s.condition) ?? 0) + s.period_hours);
    const [condition] = [...hoursOf].sort(
      ([a, na], [b, nb]) => nb - na || severity(b) - severity(a),
    )[0]!;
    return {
      date,
      condition,
      temperature_min: temps.length > 0 ? Math.min(...temps) : null,
      temperature_max: temps.length > 0 ? Math.max(...temps) : null,
      // Each step's amount is its whole period's, so the sum is the day's total. Summed from
      // rounded steps: two decimals, as the finest unit (inches) is shown.
      precipitation:
        rain.length > 0
          ? round(
              rain.reduce((a, b) => a + b, 0),
              2,
            )
          : null,
      wind_speed_max: winds.length > 0 ? Math.max(...winds) : null,
      hours_covered: group.reduce((n, s) => n + s.period_hours, 0),
    };
  });
}
