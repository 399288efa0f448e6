import { localDate } from '../../domain/weather/day.ts';
import { CONDITIONS, type Condition } from '../../domain/weather/weather.ts';

/** An hour of a forecast as the daily summary reads it (display units, rounded already). */
export interface SummaryHour {
  time: string;
  condition: Condition;
  temperature: number | null;
  precipitation: number | null;
  wind_speed: number | null;
}

/** A local day of a forecast: its extremes and totals over the hours it has. */
export interface ForecastDay {
  /** `YYYY-MM-DD` in the place's zone. */
  date: string;
  hours: number;
  low: number | null;
  high: number | null;
  precipitation: number | null;
  windMax: number | null;
  /** The day's most telling sky: the commonest, the more severe on a tie. */
  condition: Condition;
}

/** Severity follows the domain's order: later conditions say more about a day. */
const severity = (c: Condition) => CONDITIONS.indexOf(c);
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Groups forecast hours into the place's local days, in order. */
export function forecastDays(hours: readonly SummaryHour[], timeZone: string): ForecastDay[] {
  const byDate = new Map<string, SummaryHour[]>();
  for (const h of hours) {
    const date = localDate(new Date(h.time), timeZone);
    byDate.set(date, [...(byDate.get(date) ?? []), h]);
  }
  return [...byDate].map(([date, group]) => {
    const temps = group.flatMap((h) => (h.temperature === null ? [] : [h.temperature]));
    const rain = group.flatMap((h) => (h.precipitation === null ? [] : [h.precipitation]));
    const winds = group.flatMap((h) => (h.wind_speed === null ? [] : [h.wind_speed]));
    const counts = new Map<Condition, number>();
    for (const h of group) counts.set(h.condition, (counts.get(h.condition) ?? 0) + 1);
    const [condition] = [...counts].sort(
      ([a, na], [b, nb]) => nb - na || severity(b) - severity(a),
    )[0]!;
    return {
      date,
      hours: group.length,
      low: temps.length > 0 ? Math.min(...temps) : null,
      high: temps.length > 0 ? Math.max(...temps) : null,
      // Summed from rounded hours: two decimals, as the finest unit (inches) is shown.
      precipitation:
        rain.length > 0
          ? round(
              rain.reduce((a, b) => a + b, 0),
              2,
            )
          : null,
      windMax: winds.length > 0 ? Math.max(...winds) : null,
      condition,
    };
  });
}
