import { Invalid } from '../contract/protocol/request-errors.ts';
import { readPlaceRef, readPlaceSegments } from '../contract/uris/place-uri.ts';
import {
  anomalyPath,
  climatologyPath,
  dailyStatsPath,
  RECORDS_DEFAULT_LIMIT,
  recordsPath,
} from '../contract/uris/statistics-uri.ts';
import { defaultUnits, type UnitSystem } from '../domain/weather/units.ts';
import { BadQuery, type Period } from './period.ts';

// The dashboard's own URIs and the API's it reads, written and read once for the server's pages
// and the browser's script alike (the script is bundled from this module).

export const MIN_PLACES = 2;
export const MAX_PLACES = 4;

/** A place as a person typed it, before the API names it: what to look up. */
export interface PlaceKey {
  countryCode: string;
  key: string;
}

/** The API path that looks a place up by any spelling (it answers 301 to the canonical one). */
export const lookupPath = (place: PlaceKey) =>
  `/v1/locations/${place.countryCode}/${encodeURIComponent(place.key)}`;

/** The API path of a search by the start of a name (most populous first). */
export const searchPath = (q: string, limit?: number) =>
  `/v1/locations?q=${encodeURIComponent(q)}${limit === undefined ? '' : `&limit=${limit}`}`;

/**
 * The unit system of a place's dashboard: what its public pages show (°F in the US), so the
 * dashboard and the place page never disagree.
 */
export const placeUnits = (ref: string): UnitSystem => defaultUnits(ref.slice(0, 2), 'html');

/** One system for places shown together: imperial only when every place's pages use it. */
export const sharedUnits = (refs: readonly string[]): UnitSystem =>
  refs.every((r) => placeUnits(r) === 'imperial') ? 'imperial' : 'metric';

/**
 * The API paths of a place's statistics (docs/statistics.md), in their canonical spelling, in
 * the units its pages show unless others are given.
 */
export const statsPaths = (ref: string, units: UnitSystem = placeUnits(ref)) => ({
  location: `/v1/locations/${ref}`,
  daily: (p: Period) => dailyStatsPath(ref, p, units),
  climatology: climatologyPath(ref, units),
  records: recordsPath(ref, RECORDS_DEFAULT_LIMIT, units),
  anomaly: (date: string) => anomalyPath(ref, date, units),
});

/** The canonical URI of a place's page; without a period, the default one. */
export const placePagePath = (ref: string, period: Period | null) =>
  `/dashboard/${ref}${period ? `?from=${period.from}&to=${period.to}` : ''}`;

/** The canonical query of a comparison, in the edge's cache-key form (names sorted, encoded). */
export function compareQuery(refs: readonly string[], period: Period | null): string {
  const pairs: [string, string][] = [];
  if (period) pairs.push(['from', period.from]);
  pairs.push(['places', refs.join(',')]);
  if (period) pairs.push(['to', period.to]);
  return new URLSearchParams(pairs).toString();
}

/** The canonical URI of a comparison. */
export const comparePagePath = (refs: readonly string[], period: Period | null) =>
  `/dashboard/compare?${compareQuery(refs, period)}`;

/** Reads `places` as written (`GB/London,fr/paris`): what to look up, in the order given. */
export function readPlaces(text: string | undefined): PlaceKey[] {
  if (text === undefined || text.trim() === '') {
    throw new BadQuery(
      `name ${MIN_PLACES} to ${MAX_PLACES} places, e.g. places=GB/London,FR/Paris`,
    );
  }
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const refs = parts.map((p) => {
    const ref = readPlaceRef(p);
    if (!ref)
      throw new BadQuery(`"${p.slice(0, 40)}" is not a place; write it as CC/Name, e.g. FR/Paris`);
    return ref;
  });
  if (refs.length < MIN_PLACES || refs.length > MAX_PLACES) {
    throw new BadQuery(`compare ${MIN_PLACES} to ${MAX_PLACES} places; ${refs.length} given`);
  }
  return refs;
}

/** The places a comparison found, each once (two spellings may name one place). */
export function distinctPlaces<T extends { ref: string }>(found: readonly T[]): T[] {
  const places = found.filter((p, i) => found.findIndex((q) => q.ref === p.ref) === i);
  if (places.length < MIN_PLACES) throw new BadQuery(`compare ${MIN_PLACES} different places`);
  return places;
}

/** Reads `CC/Name` as typed (spaces, accents, any case); null when it is not of that shape. */
export function readTypedPlace(text: string): PlaceKey | null {
  const trimmed = text.trim();
  const cut = trimmed.indexOf('/');
  if (cut < 0) return null;
  try {
    const place = readPlaceSegments(trimmed.slice(0, cut), trimmed.slice(cut + 1));
    return place && { countryCode: place.countryCode, key: place.key };
  } catch (err) {
    if (err instanceof Invalid) return null;
    throw err;
  }
}
