import { describe, expect, it } from 'vitest';
import { COARSE_AFTER, placeTags, purgeTags } from './cache-tags.ts';

describe('purgeTags', () => {
  it("purges each changed place and its country's rankings, each tag once", () => {
    expect(purgeTags({ places: ['GB/London', 'FR/Paris', 'GB/Leeds', 'GB/London'] })).toEqual([
      'place:GB/London',
      'place:GB/Leeds',
      'ranking:GB',
      'place:FR/Paris',
      'ranking:FR',
    ]);
  });

  it("purges a country's tag instead of its places past COARSE_AFTER of them", () => {
    const many = Array.from({ length: COARSE_AFTER + 1 }, (_, i) => `NO/Place-${i}`);
    expect(purgeTags({ places: [...many, 'SE/Kiruna'] })).toEqual([
      'country:NO',
      'ranking:NO',
      'place:SE/Kiruna',
      'ranking:SE',
    ]);
    expect(purgeTags({ places: many.slice(0, COARSE_AFTER) })).toHaveLength(COARSE_AFTER + 1);
  });

  it('purges nothing for no change', () => {
    expect(purgeTags({ places: [] })).toEqual([]);
  });

  it("tags an answer about a place with the place's and its country's tags", () => {
    expect(placeTags('GB/London')).toEqual(['place:GB/London', 'country:GB']);
  });
});
