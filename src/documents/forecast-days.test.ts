import { describe, expect, it } from 'vitest';
import { forecastDays, type SummaryStep } from './forecast-days.ts';

const step = (time: string, over: Partial<SummaryStep> = {}): SummaryStep => ({
  time,
  period_hours: 1,
  condition: 'cloudy',
  temperature: 5,
  precipitation: 0,
  wind_speed: 10,
  ...over,
});

describe('forecastDays', () => {
  it("groups steps by the place's local date, with extremes and totals", () => {
    const days = forecastDays(
      [
        step('2026-11-22T22:00:00Z', { temperature: 3, precipitation: 0.25 }),
        step('2026-11-22T22:30:00Z', { temperature: -1.5, precipitation: 0.1 }),
        step('2026-11-22T23:00:00Z', { temperature: 7, wind_speed: 30 }),
      ],
      'Europe/Helsinki', // UTC+2: 23:00Z is already the 23rd
    );
    expect(days).toEqual([
      {
        date: '2026-11-23',
        condition: 'cloudy',
        temperature_min: -1.5,
        temperature_max: 7,
        precipitation: 0.35,
        wind_speed_max: 30,
        hours_covered: 3,
      },
    ]);
    expect(forecastDays([step('2026-11-22T21:00:00Z')], 'Europe/Helsinki')[0]!.date).toBe(
      '2026-11-22',
    );
  });

  it('counts a 6-hour step as six hours: its amount once, its sky for six', () => {
    const [day] = forecastDays(
      [
        step('2026-11-22T00:00:00Z', { condition: 'clear', precipitation: 0 }),
        step('2026-11-22T01:00:00Z', { condition: 'clear', precipitation: 0 }),
        step('2026-11-22T02:00:00Z', { condition: 'clear', precipitation: 0.2 }),
        // One step standing for 06:00-12:00: outweighs three clear hours.
        step('2026-11-22T06:00:00Z', { period_hours: 6, condition: 'rain', precipitation: 4.2 }),
        step('2026-11-22T12:00:00Z', { period_hours: 6, condition: 'rain', precipitation: 1.1 }),
      ],
      'UTC',
    );
    expect(day).toMatchObject({ condition: 'rain', precipitation: 5.5, hours_covered: 15 });
  });

  it('names a day by its commonest sky, the more severe on a tie, and copes with no values', () => {
    const [day] = forecastDays(
      [
        step('2026-11-22T10:00:00Z', {
          condition: 'clear',
          temperature: null,
          precipitation: null,
          wind_speed: null,
        }),
        step('2026-11-22T11:00:00Z', {
          condition: 'rain',
          temperature: null,
          precipitation: null,
          wind_speed: null,
        }),
      ],
      'UTC',
    );
    expect(day).toMatchObject({
      condition: 'rain',
      temperature_min: null,
      temperature_max: null,
      precipitation: null,
      wind_speed_max: null,
    });
  });

  it('makes no days of no steps', () => {
    expect(forecastDays([], 'UTC')).toEqual([]);
  });
});
