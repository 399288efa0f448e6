import { describe, expect, it } from 'vitest';
import { durationWords, utcSecond } from './format.ts';

describe('dashboard formats', () => {
  it.each([
    [-30, 'under 1 min'],
    [59, 'under 1 min'],
    [180, '3 min'],
    [3600, '1 h'],
    [2 * 3600 + 5 * 60 + 59, '2 h 5 min'],
    [86_400 * 3 + 4 * 3600 + 120, '3 d 4 h'],
    [86_400 * 2, '2 d'],
  ])('says %i seconds as "%s"', (seconds, words) => {
    expect(durationWords(seconds)).toBe(words);
  });

  it('writes an instant in UTC to the second', () => {
    expect(utcSecond(Date.parse('2026-11-22T10:15:00.123Z'))).toBe('2026-11-22T10:15:00Z');
  });
});
