import { describe, expect, it } from 'vitest';
import {
  type DateClimateSums,
  dateClimate,
  dayStanding,
  standingNote,
  standingOf,
  type YearValues,
} from './date-climate.ts';

/** Years 2000 to 2000 + n - 1, each with a high of `max` and a low of `min` unless told. */
const years = (n: number, at: Partial<Record<number, Partial<YearValues>>> = {}): YearValues[] =>
  Array.from({ length: n }, (_, i) => ({ year: 2000 + i, max: 10, min: 0, ...at[2000 + i] }));

const sums = (over: Partial<DateClimateSums> = {}): DateClimateSums => ({
  date: '2026-03-14',
  source: 'archive',
  maxMean: 11,
  minMean: 2,
  meanMean: 6,
  maxYears: 12,
  minYears: 12,
  years: years(12),
  ...over,
});

describe('the climate of a date', () => {
  it('needs ten years in the window for a normal, and ten on the date for a record', () => {
    expect(dateClimate(sums({ maxYears: 9 }))).toBeNull();
    expect(dateClimate(sums({ minMean: null }))).toBeNull();
    const short = dateClimate(sums({ years: years(9) }))!;
    expect(short.normal).toEqual({ max: 11, min: 2, mean: 6 });
    expect(short.record).toEqual({ max: null, min: null });
    // The earliest of equal years holds the record.
    const held = dateClimate(sums({ years: years(12, { 2003: { max: 15 }, 2007: { max: 15 } }) }));
    expect(held!.record.max).toEqual({ value: 15, year: 2003 });
  });

  it('says since when a value is the most extreme, only over ten years beaten', () => {
    const history = years(20, { 2004: { max: 14 }, 2012: { max: 16 } });
    // 2013–2019 (seven years) since 2012: not news.
    expect(standingOf('2026-03-14', 15, history, 'warmest')).toBeNull();
    // Above 2012's 16, and so above every year held: a record.
    expect(standingOf('2026-03-14', 17, history, 'warmest')).toEqual({
      kind: 'warmest',
      since: null,
      beaten: 20,
    });
    // Equal to 2012's stops at 2012, seven years back: not news either.
    expect(standingOf('2026-03-14', 16, history, 'warmest')).toBeNull();
    const long = years(30, { 2005: { min: -8 } });
    expect(standingOf('2030-03-14', -5, long, 'coldest')).toEqual({
      kind: 'coldest',
      since: 2005,
      beaten: 24,
    });
    // Years after the date's own do not count.
    expect(standingOf('2010-03-14', 11, years(30), 'warmest')).toEqual({
      kind: 'warmest',
      since: null,
      beaten: 10,
    });
  });

  it('prefers a record, then the longer run, and words it', () => {
    const history = years(25, { 2001: { max: 20 } });
    const standing = dayStanding('2026-03-14', 12, -1, history)!;
    // Warmest since 2001 (23 years) against the coldest on record (25 years): the record.
    expect(standing).toEqual({ kind: 'coldest', since: null });
    expect(standingNote('2026-03-14', standing)).toBe('coldest 14 March on record');
    expect(standingNote('2026-03-14', { kind: 'warmest', since: 1997 })).toBe(
      'warmest 14 March since 1997',
    );
    expect(dayStanding('2026-03-14', 10, 0, history)).toBeNull();
  });
});
