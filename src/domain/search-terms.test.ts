import { describe, expect, it } from 'vitest';
import { Invalid } from '../contract/protocol/request-errors.ts';
import { SEARCH_LIMITS, searchPrefix } from './search-terms.ts';

describe('searchPrefix', () => {
  it('folds case, diacritics, punctuation and runs of spaces', () => {
    expect(searchPrefix('  München--OST  ')).toBe('munchen ost');
  });

  it('keeps word order and repeated words, which change the answer', () => {
    expect(searchPrefix('York New')).toBe('york new');
    expect(searchPrefix('bad bad')).toBe('bad bad');
  });

  it(`takes ${SEARCH_LIMITS.words} words, and refuses one more naming the limit`, () => {
    const words = (n: number) => Array.from({ length: n }, () => 'a').join(' ');
    expect(searchPrefix(words(SEARCH_LIMITS.words))).toBe(words(SEARCH_LIMITS.words));
    expect(() => searchPrefix(words(41))).toThrow(Invalid);
    expect(() => searchPrefix(words(SEARCH_LIMITS.words + 1))).toThrow(
      `query parameter "q" has ${SEARCH_LIMITS.words + 1} words; a search takes at most ${SEARCH_LIMITS.words}`,
    );
  });

  it('measures the folded key, which can be longer than what was typed', () => {
    // 25 characters typed, 100 folded: still within the limit; one more is not.
    expect(searchPrefix('㎉'.repeat(25))).toHaveLength(100);
    expect(() => searchPrefix('㎉'.repeat(26))).toThrow(
      `query parameter "q" folds to 104 characters; a search takes at most ${SEARCH_LIMITS.characters}`,
    );
  });

  it('refuses a query with no letter or digit', () => {
    expect(() => searchPrefix(' -- ')).toThrow('must contain a letter or digit');
  });
});
