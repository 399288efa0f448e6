import { describe, expect, it } from 'vitest';
import { compass, windArrow } from './compass.ts';

describe('wind directions', () => {
  it.each([
    [0, 'N', '↓'],
    [52, 'NE', '↙'],
    [90, 'E', '←'],
    [170, 'S', '↑'],
    [225, 'SW', '↗'],
    [292.4, 'W', '→'],
    [337.6, 'N', '↓'],
    [-45, 'NW', '↘'],
    [720, 'N', '↓'],
  ])('a wind from %d° is from %s and drawn %s', (deg, word, arrow) => {
    expect(compass(deg)).toBe(word);
    expect(windArrow(deg)).toBe(arrow);
  });
});
