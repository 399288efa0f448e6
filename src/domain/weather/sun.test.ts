import { describe, expect, it } from 'vitest';
import { isDaylight, sunAltitude, sunDay } from './sun.ts';

const LONDON = [51.5085, -0.1257, 'Europe/London'] as const;
const NEW_YORK = [40.7143, -74.006, 'America/New_York'] as const;
const TROMSO = [69.6496, 18.957, 'Europe/Oslo'] as const;

/** `HH:MM` of an instant in a zone. */
const local = (at: Date | null, timeZone: string) =>
  at?.toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }) ?? null;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

describe('sunDay', () => {
  // Published almanac times (rounded to the minute); the formula is good to a couple of minutes.
  it.each([
    ['2026-06-21', LONDON, '04:43', '21:21'],
    ['2026-12-21', LONDON, '08:04', '15:53'],
    ['2026-11-22', NEW_YORK, '06:52', '16:33'],
  ])('on %s at %j rises at %s and sets at %s, local time', (date, [lat, lon, tz], rise, set) => {
    const sun = sunDay(date, lat, lon, tz);
    expect(sun.polar).toBeNull();
    expect(Math.abs(minutes(local(sun.sunrise, tz)!) - minutes(rise))).toBeLessThanOrEqual(2);
    expect(Math.abs(minutes(local(sun.sunset, tz)!) - minutes(set))).toBeLessThanOrEqual(2);
    expect(sun.dayLengthS).toBe(
      Math.round((sun.sunset!.getTime() - sun.sunrise!.getTime()) / 1000),
    );
  });

  it('gives the events of the local date asked for, not of the UTC date', () => {
    // Auckland is 13 hours ahead: its 22 November starts on the 21st in UTC.
    const sun = sunDay('2026-11-22', -36.8485, 174.7633, 'Pacific/Auckland');
    const date = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: 'Pacific/Auckland' });
    expect(date(sun.sunrise!)).toBe('2026-11-22');
    expect(date(sun.sunset!)).toBe('2026-11-22');
  });

  it('has neither sunrise nor sunset in the polar day and night', () => {
    expect(sunDay('2026-06-21', ...TROMSO)).toEqual({
      sunrise: null,
      sunset: null,
      dayLengthS: 86_400,
      polar: 'day',
    });
    expect(sunDay('2026-12-21', ...TROMSO)).toEqual({
      sunrise: null,
      sunset: null,
      dayLengthS: 0,
      polar: 'night',
    });
  });

  it('moves sunrise an hour on the day the clocks go forward, not the day length', () => {
    const before = sunDay('2026-03-28', ...LONDON);
    const after = sunDay('2026-03-29', ...LONDON);
    expect(local(before.sunrise, 'Europe/London')).toMatch(/^05:4\d$/);
    expect(local(after.sunrise, 'Europe/London')).toMatch(/^06:4\d$/);
    // Days lengthen by about 3.7 minutes a day in London near the equinox.
    const gained = (after.dayLengthS - before.dayLengthS) / 60;
    expect(gained).toBeGreaterThan(3);
    expect(gained).toBeLessThan(4.5);
  });
});

describe('sunAltitude and isDaylight', () => {
  it('puts the sun high at noon and below the horizon at midnight', () => {
    const noon = new Date('2026-06-21T12:00:00Z');
    const midnight = new Date('2026-06-21T00:00:00Z');
    // 90° − 51.5° + 23.4° ≈ 62° at the summer solstice.
    expect(sunAltitude(noon, 51.5085, -0.1257)).toBeCloseTo(62, 0);
    expect(isDaylight(noon, 51.5085, -0.1257)).toBe(true);
    expect(isDaylight(midnight, 51.5085, -0.1257)).toBe(false);
    expect(isDaylight(midnight, 69.6496, 18.957)).toBe(true);
  });
});
