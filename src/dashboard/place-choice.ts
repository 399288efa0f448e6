import { searchKey } from '../contract/uris/slug.ts';
import type { Location } from './api-documents.ts';

// Which place a name typed without its country means, decided from the search API's answer
// (most populous first) as any client of it would. Shared by the server's index route and the
// browser's place field (free of Node's APIs), so both settle "London" the same way.

/** One place meant, several to choose from, or none. */
export type PlaceChoice =
  | { kind: 'one'; location: Location }
  | { kind: 'several'; locations: Location[] }
  | { kind: 'none' };

/**
 * A name names one place when exactly one result is called that (folded as the search folds it:
 * case, diacritics, punctuation), or when the search found one place only. Several of that name
 * ("London": GB, CA, US…) are offered as a choice; with none of that exact name, every result is
 * (the name was the start of others').
 */
export function choosePlace(typed: string, results: readonly Location[]): PlaceChoice {
  const key = searchKey(typed);
  const named = results.filter((l) => searchKey(l.name) === key);
  if (named.length === 1) return { kind: 'one', location: named[0]! };
  if (named.length > 1) return { kind: 'several', locations: named };
  if (results.length === 1) return { kind: 'one', location: results[0]! };
  if (results.length > 1) return { kind: 'several', locations: [...results] };
  return { kind: 'none' };
}

/** How a choice names a place so that two of one name differ: `London, England, United Kingdom`. */
export const placeWords = (l: Location) =>
  [l.name, l.region, l.country].filter((w): w is string => Boolean(w)).join(', ');
