// Protects bench:memory's row "PGlite: first start (empty database) to the serving line"
// (bench/memory.ts): an empty catalog is filled by COPY, with the tables' secondary indexes and
// foreign keys rebuilt after (deferred-indexes.ts). A catalog that holds places is refreshed by
// the bound-array statements of catalog-writes.ts and place-names.ts instead, which match rows
// against what is stored.
import { copyTarget, type Queryable, statement } from '../database.ts';
import { withIndexesDeferred } from '../deferred-indexes.ts';
import type { CatalogRow } from './catalog-writes.ts';

/** One other name of a stored place, by its row id. */
export interface LocationNameRow {
  locationId: number;
  key: string;
  name: string;
}

// Each field of a catalog row and the column it is copied into.
const PLACE_COLUMNS = [
  ['geonamesId', 'geonames_id'],
  ['countryCode', 'country_code'],
  ['countryName', 'country_name'],
  ['regionCode', 'region_code'],
  ['name', 'name'],
  ['slug', 'slug'],
  ['slugKey', 'slug_key'],
  ['searchKey', 'search_key'],
  ['population', 'population'],
  ['latitude', 'latitude'],
  ['longitude', 'longitude'],
  ['timezone', 'timezone'],
] as const satisfies readonly (readonly [keyof CatalogRow, string])[];

const places = copyTarget(
  'catalog_copy_places',
  'locations',
  PLACE_COLUMNS.map(([, column]) => column),
);
const names = copyTarget('place_names_copy', 'place_names', ['location_id', 'search_key', 'name']);

const locationIds = statement(
  'catalog_location_ids',
  `SELECT coalesce(array_agg(geonames_id), '{}') AS "geonamesIds",
          coalesce(array_agg(id), '{}') AS ids
     FROM locations`,
);

/** The tables a fresh catalog fills, whose secondary indexes and foreign keys wait for the rows. */
export const CATALOG_TABLES = ['locations', 'place_names'] as const;

/**
 * Runs `fn`, which fills the empty catalog (copyCatalogRows, copyPlaceNames), with the catalog
 * tables' secondary indexes and foreign keys rebuilt after it. Call inside the load's transaction.
 */
export function fillEmptyCatalog<T>(tx: Queryable, fn: () => Promise<T>): Promise<T> {
  return withIndexesDeferred(tx, CATALOG_TABLES, fn);
}

/** Copies new places into the catalog, slug included; returns how many went in. */
export function copyCatalogRows(q: Queryable, rows: readonly CatalogRow[]): Promise<number> {
  return q.copyFrom(
    places,
    rows.map((r) => PLACE_COLUMNS.map(([field]) => r[field])),
  );
}

/** The row id of every stored place, by GeoNames id. */
export async function readLocationIds(q: Queryable): Promise<Map<number, number>> {
  const { geonamesIds, ids } = (await q.one<{ geonamesIds: number[]; ids: number[] }>(
    locationIds,
  ))!;
  return new Map(geonamesIds.map((g, i) => [g, ids[i]!]));
}

/** Copies other names of stored places, none of which may be stored yet; returns how many. */
export function copyPlaceNames(q: Queryable, rows: readonly LocationNameRow[]): Promise<number> {
  return q.copyFrom(
    names,
    rows.map((r) => [r.locationId, r.key, r.name]),
  );
}
