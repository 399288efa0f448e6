import { describe, expect, it } from 'vitest';
import { readRow } from './row-reader.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const base = {
  place: 'GB/London',
  source: 'met-office',
  observed_at: '2026-06-01T11:00:00Z',
  condition: 'rain',
};
const read = (fields: Record<string, unknown>) => readRow('observations', fields, 7, NOW);
const readForecast = (fields: Record<string, unknown>) => readRow('forecasts', fields, 7, NOW);
const readDaily = (fields: Record<string, unknown>) => readRow('daily', fields, 7, NOW);

describe('readRow', () => {
  it('reads an observation in any documented unit and stores it in SI', () => {
    const { row, errors } = read({
      ...base,
      temperature_f: 50,
      apparent_temperature_c: '9.5',
      wind_speed_kmh: 36,
      wind_gust_kn: 20,
      pressure_inhg: 29.92,
      precipitation_in: 0.1,
      visibility_mi: 1,
      humidity_pct: 80,
    });
    expect(errors).toEqual([]);
    expect(row!.measures.temperatureC).toBeCloseTo(10, 6);
    expect(row!.measures.apparentTemperatureC).toBe(9.5);
    expect(row!.measures.windSpeedMs).toBeCloseTo(10, 6);
    expect(row!.measures.windGustMs).toBeCloseTo(10.2889, 3);
    expect(row!.measures.pressurePa).toBeCloseTo(101_321, 0);
    expect(row!.measures.precipitationMm).toBeCloseTo(2.54, 6);
    expect(row!.measures.visibilityM).toBeCloseTo(1609.344, 6);
    expect(row!.measures.cloudCoverPct).toBeNull();
    expect(row!.place).toEqual({ text: 'GB/London', countryCode: 'GB', key: 'london' });
    // No next update given: an hour after the observation.
    expect(row!.nextUpdateAt.toISOString()).toBe('2026-06-01T12:00:00.000Z');
  });

  it('reads a quantity too small for a real, which stores it, as 0; a small one as it is', () => {
    const { row, errors } = read({ ...base, precipitation_mm: 1e-50, wind_speed_ms: 1e-40 });
    expect(errors).toEqual([]);
    expect(row!.measures.precipitationMm).toBe(0);
    expect(row!.measures.windSpeedMs).toBe(1e-40);
  });

  it("takes a provider's times as Dates, checking their range as it checks text", () => {
    const at = new Date('2026-06-01T11:00:00Z');
    const { observed_at: _, ...forecastBase } = base;
    const { row, errors } = readForecast({
      ...forecastBase,
      issued_at: at,
      valid_at: new Date('2026-06-02T11:00:00Z'),
      next_update_at: new Date('2026-06-01T13:00:00Z'),
    });
    expect(errors).toEqual([]);
    expect(row!.issuedAt).toEqual(at);
    expect(row!.validAt.toISOString()).toBe('2026-06-02T11:00:00.000Z');
    expect(row!.nextUpdateAt.toISOString()).toBe('2026-06-01T13:00:00.000Z');
    const reasons = (fields: Record<string, unknown>) =>
      read({ ...base, ...fields }).errors.map((e) => `${e.field} ${e.reason}`);
    expect(reasons({ observed_at: new Date(Number.NaN) })).toEqual([
      'observed_at is not a real date and time: no such month, day, hour or minute',
    ]);
    expect(reasons({ observed_at: new Date('1799-12-31T00:00:00Z') })).toEqual([
      'observed_at is before 1800',
    ]);
    expect(reasons({ observed_at: new Date('2026-06-02T12:00:00Z') })).toEqual([
      'observed_at is in the future',
    ]);
    // Text still has to be ISO 8601 with a zone, and on the calendar.
    expect(reasons({ observed_at: '2026-02-30T10:00:00Z' })).toEqual([
      'observed_at is not a real date and time: no such month, day, hour or minute',
    ]);
  });

  it('names places by path in any case or by GeoNames id', () => {
    expect(read({ ...base, place: 'uk/london' }).row!.place).toMatchObject({ countryCode: 'GB' });
    expect(read({ ...base, place: 2643743 }).row!.place).toEqual({
      text: '2643743',
      geonamesId: 2643743,
    });
    expect(read({ ...base, place: '2643743' }).row!.place).toMatchObject({ geonamesId: 2643743 });
  });

  it('reads a place spelled again as it read it the first time, a bad one too', () => {
    for (let i = 0; i < 3; i++) {
      expect(read({ ...base, place: 'uk/London' }).row!.place).toEqual({
        text: 'uk/London',
        countryCode: 'GB',
        key: 'london',
      });
      expect(read({ ...base, place: 'Nowhere' }).errors).toEqual([
        {
          index: 7,
          field: 'place',
          reason: 'must be a place path such as GB/London, or a GeoNames id',
        },
      ]);
      expect(read({ ...base, place: '3000000000' }).errors[0]!.reason).toMatch(/GeoNames id/);
    }
  });

  it.each([
    [{ place: undefined }, 'place', 'is required'],
    [{ place: '/GB/London' }, 'place', 'must be a place path such as GB/London, or a GeoNames id'],
    [{ source: 'Met Office' }, 'source', 'must be 1 to 40 of a-z'],
    [{ source: 'demo' }, 'source', `"demo" is isobar's generated data`],
    [{ observed_at: '2026-06-01 11:00' }, 'observed_at', 'must be an ISO 8601 time with a zone'],
    [{ observed_at: '2026-06-01T11:00:00' }, 'observed_at', 'must be an ISO 8601 time with a zone'],
    [{ observed_at: '2026-06-01T13:00:00Z' }, 'observed_at', 'is in the future'],
    [{ next_update_at: '2026-06-01T10:00:00Z' }, 'next_update_at', 'must be after observed_at'],
    [{ condition: 'meatballs' }, 'condition', 'must be one of: clear, partly-cloudy'],
    [
      { temperature_c: 70 },
      'temperature_c',
      '70 is outside what is physically possible: -95 to 65 as temperature_c',
    ],
    [{ temperature_f: -200 }, 'temperature_f', 'is outside what is physically possible'],
    [{ humidity_pct: 101 }, 'humidity_pct', 'is outside'],
    [{ temperature_c: 'warm' }, 'temperature_c', 'must be a number'],
    [
      { temperature_k: 283 },
      'temperature_k',
      'is not a unit isobar takes for temperature: write temperature_c or temperature_f',
    ],
    [
      { temperature_c: 10, temperature_f: 50 },
      'temperature_f',
      'temperature is already given as temperature_c',
    ],
    [
      { wind_speed_knots: 3 },
      'wind_speed_knots',
      'write wind_speed_ms or wind_speed_kmh or wind_speed_mph or wind_speed_kn',
    ],
    [{ colour: 'blue' }, 'colour', 'is not a field of this kind of row'],
  ])('refuses %o: %s %s', (fields, field, reason) => {
    const { row, errors } = read({ ...base, ...fields });
    expect(row).toBeUndefined();
    expect(errors).toContainEqual({ index: 7, field, reason: expect.stringContaining(reason) });
  });

  it('reports every bad field of a row, not only the first', () => {
    const { errors } = read({
      place: 'x',
      source: 'A',
      observed_at: 'now',
      condition: 'x',
      temperature_k: 1,
    });
    expect(errors.map((e) => e.field)).toEqual([
      'place',
      'source',
      'observed_at',
      'condition',
      'temperature_k',
    ]);
  });

  it('checks the measures of a row whose condition is bad, as measures', () => {
    const { errors } = read({ ...base, condition: 'x', temperature_c: 12, humidity_pct: 140 });
    expect(errors.map((e) => [e.field, e.reason.split(':')[0]])).toEqual([
      ['condition', 'must be one of'],
      ['humidity_pct', '140 is outside what is physically possible'],
    ]);
    const forecast = readForecast({
      place: 'GB/London',
      source: 'x',
      issued_at: '2026-06-01T11:00:00Z',
      valid_at: '2026-06-01T12:00:00Z',
      temperature_c: 12,
    });
    expect(forecast.errors.map((e) => e.field)).toEqual(['condition']);
  });

  it('reads a forecast hour and bounds how far it reaches', () => {
    const forecast = {
      place: 'GB/London',
      source: 'x',
      issued_at: '2026-06-01T11:00:00Z',
      condition: 'cloudy',
    };
    const ok = readForecast({
      ...forecast,
      valid_at: '2026-06-05T00:00:00Z',
      precipitation_probability_pct: 40,
    });
    expect(ok.row).toMatchObject({ precipitationProbabilityPct: 40 });
    expect(readForecast({ ...forecast, valid_at: '2026-06-30T00:00:00Z' }).errors[0]).toMatchObject(
      {
        field: 'valid_at',
        reason: 'is more than 16 days after issued_at',
      },
    );
  });

  it('reads how many hours a forecast row covers: 1 unless it says, whole hours to 24', () => {
    const forecast = {
      place: 'GB/London',
      source: 'x',
      issued_at: '2026-06-01T11:00:00Z',
      valid_at: '2026-06-05T00:00:00Z',
      condition: 'rain',
      precipitation_mm: 4.2,
    };
    expect(readForecast(forecast).row).toMatchObject({ periodHours: 1 });
    expect(readForecast({ ...forecast, period_hours: 6 }).row).toMatchObject({
      periodHours: 6,
      measures: { precipitationMm: 4.2 },
    });
    // A CSV cell is text.
    expect(readForecast({ ...forecast, period_hours: '6' }).row).toMatchObject({ periodHours: 6 });
    for (const bad of [0, 25, 1.5, -6, 'six']) {
      expect(readForecast({ ...forecast, period_hours: bad }).errors).toEqual([
        {
          index: 7,
          field: 'period_hours',
          reason: 'must be a whole number of hours from 1 to 24',
        },
      ]);
    }
    // An observation is a moment: it has no period.
    expect(read({ ...base, period_hours: 6 }).errors).toEqual([
      { index: 7, field: 'period_hours', reason: 'is not a field of this kind of row' },
    ]);
  });

  it('reads a daily summary, condition optional, with its own quantities', () => {
    const day = { place: 'US/Seattle', source: 'noaa', date: '2015-06-01' };
    const { row } = readDaily({
      ...day,
      temperature_max_c: 22.8,
      temperature_min_c: 11.1,
      precipitation_mm: 0,
      condition: 'sun',
    });
    expect(row).toMatchObject({ date: '2015-06-01', condition: 'clear' });
    expect(row!.values).toMatchObject({
      temperatureMaxC: 22.8,
      temperatureMinC: 11.1,
      precipitationMm: 0,
      windGustMaxMs: null,
    });
    expect(readDaily({ ...day, date: '2015-02-30' }).errors[0]).toMatchObject({
      field: 'date',
    });
    expect(readDaily({ ...day, date: '2026-06-03' }).errors[0]).toMatchObject({
      reason: 'is in the future',
    });
    expect(readDaily({ ...day, temperature_c: 3 }).errors[0]).toMatchObject({
      field: 'temperature_c',
    });
  });

  it.each([9999999999, '2147483648', 1e300, '99999999999999999999'])(
    'refuses GeoNames id %j, past the largest id there can be, as a bad place',
    (place) => {
      const { row, errors } = read({ ...base, place });
      expect(row).toBeUndefined();
      expect(errors).toEqual([
        { index: 7, field: 'place', reason: expect.stringMatching(/1 to 2147483647/) },
      ]);
    },
  );

  it('takes the largest GeoNames id there can be', () => {
    expect(read({ ...base, place: 2147483647 }).row!.place).toMatchObject({
      geonamesId: 2147483647,
    });
  });

  it.each([
    ['observed_at', '2026-02-31T10:00:00Z'],
    ['observed_at', '1900-02-29T10:00:00Z'],
    ['observed_at', '2026-04-31T10:00:00+02:00'],
    ['observed_at', '2026-05-31T24:00:00Z'],
    ['observed_at', '2026-00-10T10:00:00Z'],
    ['next_update_at', '2026-06-31T12:00:00Z'],
  ])('refuses %s %s, a moment that is not on the calendar, naming it', (field, time) => {
    const { row, errors } = read({ ...base, [field]: time });
    expect(row).toBeUndefined();
    expect(errors).toEqual([
      { index: 7, field, reason: expect.stringMatching(/is not a real date and time/) },
    ]);
  });

  it('takes 29 February in a leap year', () => {
    const { row } = read({ ...base, observed_at: '2024-02-29T23:59:59Z' });
    expect(row!.observedAt.toISOString()).toBe('2024-02-29T23:59:59.000Z');
  });

  it('bounds next_update_at to a week after now, naming the bound', () => {
    const far = read({ ...base, next_update_at: '9999-12-31T00:00:00Z' });
    expect(far.errors).toEqual([
      {
        index: 7,
        field: 'next_update_at',
        reason: 'is more than 7 days from now; a source that is due later says so when it is',
      },
    ]);
    const forecast = {
      place: 'GB/London',
      source: 'x',
      issued_at: '2026-06-01T11:00:00Z',
      valid_at: '2026-06-02T00:00:00Z',
      condition: 'cloudy',
    };
    expect(
      readForecast({ ...forecast, next_update_at: '2026-06-08T12:00:01Z' }).errors[0],
    ).toMatchObject({ field: 'next_update_at', reason: expect.stringMatching(/more than 7 days/) });
    expect(read({ ...base, next_update_at: '2026-06-08T12:00:00Z' }).row).toBeDefined();
  });

  it('refuses a row of more fields than any row has with one error, whatever its width', () => {
    const wide: Record<string, unknown> = { ...base };
    for (let i = 0; i < 130_000; i++) wide[`f${i}`] = i;
    const { row, errors } = read(wide);
    expect(row).toBeUndefined();
    expect(errors).toEqual([
      {
        index: 7,
        field: '',
        reason: expect.stringMatching(/has 130004 fields; a row has at most/),
      },
    ]);
  });

  it('refuses what is not an object', () => {
    for (const raw of [null, 3, 'row', []]) {
      expect(readRow('observations', raw, 0, NOW).errors).toEqual([
        { index: 0, field: '', reason: 'must be an object of fields' },
      ]);
    }
  });
});
