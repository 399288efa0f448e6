import { describe, expect, it } from 'vitest';
import { forecastDays, type SummaryHour } from './forecast-days.ts';

const hour = (time: string, over: Partial<SummaryHour> = {}): SummaryHour => ({
  time,
  condition: 'cloudy',
  temperature: 5,
  precipitation: 0,
  wind_speed: 10,
  ...over,
});

describe('forecastDays', () => {
  it("groups hours by the place's local date, with extremes and totals", () => {
    const days = forecastDays(
      [
        hour('2026-11-22T22:00:00Z', { temperature: 3, precipitation: 0.25 }),
        hour('2026-11-22T22:30:00Z', { temperature: -1.5, precipitation: 0.1 }),
        hour('2026-11-22T23:00:00Z', { temperature: 7, wind_speed: 30 }),
      ],
      'Europe/Helsinki', // UTC+2: 23:00Z is already the 23rd
    );
    expect(days).toEqual([
      {
        date: '2026-11-23',
        hours: 3,
        low: -1.5,
        high: 7,
        precipitation: 0.35,
        windMax: 30,
        condition: 'cloudy',
      },
    ]);
    expect(forecastDays([hour('2026-11-22T21:00:00Z')], 'Europe/Helsinki')[0]!.date).toBe(
      '2026-11-22',
    );
  });

  it('names a day by its commonest sky, the more severe on a tie, and copes with no values', () => {
    const [day] = forecastDays(
      [
        hour('2026-11-22T10:00:00Z', {
          condition: 'clear',
          temperature: null,
          precipitation: null,
          wind_speed: null,
        }),
        hour('2026-11-22T11:00:00Z', {
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
      low: null,
      high: null,
      precipitation: null,
      windMax: null,
    });
  });

  it('makes no days of no hours', () => {
    expect(forecastDays([], 'UTC')).toEqual([]);
  });
});
