import { Invalid } from '../contract/protocol/request-errors.ts';
import { searchKey } from '../contract/uris/slug.ts';

/**
 * What one search may ask of the catalog. Every word boundary is one more way to read the words as
 * a place and its region, each a range to look up (src/store/catalog/place-search.ts), so the
 * words are counted; the folded key is measured after folding, which can lengthen text (`㎉` folds
 * to `kcal`). The longest names stored: 9 words in a place's own name, 8 in a region's, 75
 * letters in another name.
 */
export const SEARCH_LIMITS = { words: 8, characters: 100 } as const;

/**
 * The folded key of a search (`searchKey`): case, diacritics, punctuation and runs of spaces never
 * change the answer. Word order and repeated words do (`york new` is York in New Brunswick, `new
 * york` New York), so they are kept. Throws Invalid naming the limit a search passes.
 */
export function searchPrefix(text: string): string {
  const prefix = searchKey(text);
  if (!prefix) throw new Invalid('query parameter "q" must contain a letter or digit');
  checkSearchPrefix(prefix);
  return prefix;
}

/** Throws Invalid when an already folded search key passes one of SEARCH_LIMITS. */
export function checkSearchPrefix(prefix: string): void {
  const words = prefix.split(' ').length;
  if (words > SEARCH_LIMITS.words) {
    throw new Invalid(
      `query parameter "q" has ${words} words; a search takes at most ${SEARCH_LIMITS.words}`,
      { parameter: 'q' },
    );
  }
  if (prefix.length > SEARCH_LIMITS.characters) {
    throw new Invalid(
      `query parameter "q" folds to ${prefix.length} characters; a search takes at most ${SEARCH_LIMITS.characters}`,
      { parameter: 'q' },
    );
  }
}
