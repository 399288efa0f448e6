import type { Condition } from '../../domain/weather/weather.ts';

/**
 * Which Yr symbol (`@yr/weather-symbols`, MIT) shows each condition, by day and by night. Typed
 * as a full record, so a condition added to the domain does not compile until it has a symbol.
 */
export const SYMBOL_IDS: Record<Condition, { day: string; night: string }> = {
  clear: { day: '01d', night: '01n' },
  'partly-cloudy': { day: '03d', night: '03n' },
  cloudy: { day: '04', night: '04' },
  fog: { day: '15', night: '15' },
  drizzle: { day: '46', night: '46' },
  rain: { day: '09', night: '09' },
  snow: { day: '13', night: '13' },
  thunderstorm: { day: '22', night: '22' },
};

/** Every symbol file the pages may ask for. */
export const SYMBOL_FILES: readonly string[] = [
  ...new Set(Object.values(SYMBOL_IDS).flatMap((s) => [s.day, s.night])),
];
