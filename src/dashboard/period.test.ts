import { describe, expect, it } from 'vitest';
import { pageFreshness } from './page-freshness.ts';
import { BadQuery, defaultPeriod, localDate, readPeriod } from './period.ts';

describe('dashboard periods', () => {
  it('reads a period in any spelling of its dates, and `from` alone as 31 days', () => {
    expect(readPeriod(undefined, undefined)).toBeNull();
    expect(readPeriod('2026-2-1', '2026-02-28')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(readPeriod('2026-01-01', undefined)).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(readPeriod('2024-01-01', '2024-12-31')).toEqual({
      from: '2024-01-01',
      to: '2024-12-31',
    });
  });

  it.each([
    [undefined, '2026-01-01', 'give "from"'],
    ['2026-01-10', '2026-01-09', 'comes before'],
    ['2025-01-01', '2026-01-02', '367 days'],
    ['2026-02-29', '2026-03-01', 'there is no 2026-02-29'],
    ['01/02/2026', '2026-03-01', 'YYYY-MM-DD'],
  ])('refuses from=%s to=%s, saying %s', (from, to, message) => {
    expect(() => readPeriod(from, to)).toThrow(BadQuery);
    expect(() => readPeriod(from, to)).toThrow(message);
  });

  it("counts the default period in the place's own calendar", () => {
    const at = Date.parse('2026-11-22T23:30:00Z');
    expect(localDate(at, 'Europe/London')).toBe('2026-11-22');
    expect(localDate(at, 'Pacific/Auckland')).toBe('2026-11-23');
    expect(defaultPeriod('2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('keeps a page as long as its shortest-lived answer, immutable only when all are', () => {
    const year = 'public, max-age=31536000, immutable';
    const hour = 'public, max-age=3600, stale-while-revalidate=3600, stale-if-error=604800';
    expect(pageFreshness([year, year])).toEqual({
      maxAge: 31536000,
      staleWhileRevalidate: 0,
      staleIfError: 0,
      immutable: true,
    });
    expect(pageFreshness([year, hour])).toEqual({
      maxAge: 3600,
      staleWhileRevalidate: 0,
      staleIfError: 0,
    });
    expect(pageFreshness([hour], 60)).toMatchObject({ maxAge: 60 });
    expect(pageFreshness([hour, 'no-store'])).toBeUndefined();
  });
});
