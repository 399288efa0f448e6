import { ConfigError } from '../../config/env.ts';
import { readPlaceRef } from '../../contract/uris/place-uri.ts';
import { findPlacesByName } from '../../store/catalog/locations.ts';
import type { Queryable } from '../../store/database.ts';

/** The catalog ids of places named `GB/London`; a ConfigError naming `variable` for one unknown. */
export async function configuredPlaces(
  db: Queryable,
  refs: readonly string[],
  variable: string,
): Promise<number[]> {
  const keys = refs.map((ref) => {
    const key = readPlaceRef(ref);
    if (!key) throw new ConfigError(`${variable}: "${ref}" is not a place path such as GB/London`);
    return { ref, ...key };
  });
  const found = await findPlacesByName(db, keys, []);
  return keys.map(({ ref, countryCode, key }) => {
    const place = found.find((p) => p.countryCode === countryCode && p.slug.toLowerCase() === key);
    if (!place) throw new ConfigError(`${variable}: no place "${ref}" in the catalog`);
    return place.id;
  });
}
