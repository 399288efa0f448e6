import { HOUR_MS } from '../../contract/durations.ts';

/**
 * The start of the UTC hour an instant falls in: sources publish, and forecasts are kept, by the
 * hour.
 */
export function startOfHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl formatter for a style in a time zone, built once: building one costs far more than
 * using it. `style` names the locale and options, which must not differ between calls with it.
 */
export function zonedFormatter(
  style: string,
  timeZone: string,
  locale: string,
  options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>,
): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}
