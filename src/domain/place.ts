import { slugKey } from './slug.ts';

/** A catalog place, as every part of isobar sees it. */
export interface Place {
  id: number;
  geonamesId: number;
  countryCode: string;
  countryName: string;
  regionCode: string;
  name: string;
  /** Unique inside the country; assigned once, never recomputed. */
  slug: string;
  population: number;
  latitude: number;
  longitude: number;
  /** IANA time zone, e.g. Europe/London. */
  timezone: string;
}

/** The canonical path of a place: `/GB/London`. */
export function placePath(place: Pick<Place, 'countryCode' | 'slug'>): string {
  return `/${place.countryCode}/${place.slug}`;
}

// Codes people write that are not ISO 3166-1 but mean one that is.
const COUNTRY_ALIASES: Record<string, string> = { UK: 'GB' };

/** An ISO 3166-1 alpha-2 code in capitals (UK read as GB); null when the text is not two letters. */
export function countryCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? (COUNTRY_ALIASES[code] ?? code) : null;
}

/** A place reference as cookies and settings hold it (`GB/London`, any case): what to look up; null if malformed. */
export function readPlaceRef(ref: string): { countryCode: string; key: string } | null {
  const match = /^([A-Za-z]{2})\/([A-Za-z0-9-]{1,100})$/.exec(ref);
  const code = match ? countryCode(match[1]!) : null;
  return code ? { countryCode: code, key: slugKey(match![2]!) } : null;
}
