import { zonedFormatter } from '../../domain/weather/time.ts';

const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
const DAY_TIME = { ...TIME, weekday: 'short' } as const;

/** "14:00" in the place's own time zone. */
export const localTime = (at: Date, timeZone: string) =>
  zonedFormatter('time', timeZone, 'en-GB', TIME).format(at);

/** "Sun 14:00" in the place's own time zone. */
export const localDayTime = (at: Date, timeZone: string) =>
  zonedFormatter('day-time', timeZone, 'en-GB', DAY_TIME).format(at);
