import type { Place } from '../../domain/place.ts';
import { type Queryable, statement } from '../database.ts';

/** A catalog row ready to write; `slug` and `slugKey` are only ever written on insert. */
export interface CatalogRow extends Omit<Place, 'id' | 'regionName'> {
  slugKey: string;
  searchKey: string;
}

/**
 * What a load must know of the places already stored, as parallel columns: who they are, which keys
 * they hold.
 */
export interface StoredKeys {
  geonamesIds: number[];
  countryCodes: string[];
  slugKeys: string[];
}

// Serialises catalog loads, so two imports cannot both hand out the same free slug.
const lockCatalog = statement('catalog_lock', 'SELECT pg_advisory_xact_lock(7355609)');

// One row of three arrays: PGlite builds a JS object per result row, which costs more than the
// query.
const storedKeys = statement(
  'catalog_stored_keys',
  `SELECT coalesce(array_agg(geonames_id), '{}') AS "geonamesIds",
          coalesce(array_agg(country_code), '{}') AS "countryCodes",
          coalesce(array_agg(slug_key), '{}') AS "slugKeys"
     FROM locations`,
);

const insertPlaces = statement(
  'catalog_insert_places',
  `INSERT INTO locations (geonames_id, country_code, country_name, region_code, name, slug,
                          slug_key, search_key, population, latitude, longitude, timezone)
   SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                        $7::text[], $8::text[], $9::bigint[], $10::float8[], $11::float8[],
                        $12::text[])`,
);

// Slug, slug key and country are deliberately absent: a published URI never moves.
// Rows that have not changed are left alone, so a re-run writes (and counts) only real changes.
const updatePlaces = statement(
  'catalog_update_places',
  `UPDATE locations AS l
      SET country_name = u.country_name, region_code = u.region_code, name = u.name,
          search_key = u.search_key, population = u.population, latitude = u.latitude,
          longitude = u.longitude, timezone = u.timezone, updated_at = now()
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
                 $7::float8[], $8::float8[], $9::text[])
          AS u(geonames_id, country_name, region_code, name, search_key, population, latitude,
               longitude, timezone)
    WHERE l.geonames_id = u.geonames_id
      AND (l.country_name, l.region_code, l.name, l.search_key, l.population, l.latitude,
           l.longitude, l.timezone)
          IS DISTINCT FROM
          (u.country_name, u.region_code, u.name, u.search_key, u.population, u.latitude,
           u.longitude, u.timezone)`,
);

const anyPlace = statement('catalog_any_place', 'SELECT 1 AS found FROM locations LIMIT 1');

/** Whether the catalog holds any place at all: false only on a fresh install. */
export async function hasAnyPlace(q: Queryable): Promise<boolean> {
  return (await q.one(anyPlace)) !== undefined;
}

/** Takes the catalog's transaction-scoped lock; call inside the load's transaction. */
export async function lockCatalogForLoad(q: Queryable): Promise<void> {
  await q.run(lockCatalog);
}

/** Every stored place's GeoNames id, country and slug key. */
export async function readStoredKeys(q: Queryable): Promise<StoredKeys> {
  return (await q.one<StoredKeys>(storedKeys))!;
}

/** Inserts new places in one statement; returns how many were inserted. */
export async function insertCatalogRows(
  q: Queryable,
  rows: readonly CatalogRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <K extends keyof CatalogRow>(k: K) => rows.map((r) => r[k]);
  const res = await q.run(insertPlaces, [
    col('geonamesId'),
    col('countryCode'),
    col('countryName'),
    col('regionCode'),
    col('name'),
    col('slug'),
    col('slugKey'),
    col('searchKey'),
    col('population'),
    col('latitude'),
    col('longitude'),
    col('timezone'),
  ]);
  return res.rowCount;
}

/** Refreshes stored places matched by GeoNames id, never their slug; returns how many changed. */
export async function updateCatalogRows(
  q: Queryable,
  rows: readonly CatalogRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <K extends keyof CatalogRow>(k: K) => rows.map((r) => r[k]);
  const res = await q.run(updatePlaces, [
    col('geonamesId'),
    col('countryName'),
    col('regionCode'),
    col('name'),
    col('searchKey'),
    col('population'),
    col('latitude'),
    col('longitude'),
    col('timezone'),
  ]);
  return res.rowCount;
}
