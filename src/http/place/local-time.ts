import { zonedFormatter } from '../../domain/weather/time.ts';

const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
const DAY_TIME = { ...TIME, weekday: 'short' } as const;

/** "14:00" in the place's own time zone. */
export const localTime = (at: Date, timeZone: string) =>
  zonedFormatter('time', timeZone, 'en-GB', TIME).format(at);

/** "Sun 14:00" in the place's own time zone. */
export const localDayTime = (at: Date, timeZone: string) =>
  zonedFormatter('day-time', timeZone, 'en-GB', DAY_TIME).format(at);

const zonePart = (style: string, at: Date, timeZone: string, name: 'long' | 'shortOffset') =>
  zonedFormatter(style, timeZone, 'en-GB', { timeZoneName: name })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value ?? '';

/**
 * A time zone in words at an instant, for people: `Central European Standard Time (UTC+1)`, or
 * `UTC+3` alone where the zone has no name of its own. Not a clock: a page is cached for hours.
 */
export function zoneWords(at: Date, timeZone: string): string {
  const offset = zonePart('zone-offset', at, timeZone, 'shortOffset').replace(/^GMT/, 'UTC');
  const utc = offset === 'UTC' ? 'UTC+0' : offset.replace('-', '−');
  const name = zonePart('zone-name', at, timeZone, 'long');
  return name.startsWith('GMT') || name === '' ? utc : `${name} (${utc})`;
}
