import type { Place } from '../../domain/place.ts';
import { type Queryable, statement } from '../database.ts';
import { PLACE_COLUMNS, type PlaceRow, toPlace } from './place-columns.ts';

/** One other name of a place, by GeoNames id: `key` is its folded form. */
export interface PlaceNameRow {
  geonamesId: number;
  key: string;
  name: string;
}

/** A region as the catalog stores it. */
export interface RegionRow {
  countryCode: string;
  code: string;
  name: string;
  searchKey: string;
}

// Names of the listed places that the new set no longer has: gone from the data, gone here.
// An anti-join (not a correlated NOT EXISTS over the arrays), so a re-run stays one hash join.
const deleteStale = statement(
  'place_names_delete_stale',
  `DELETE FROM place_names n
    USING (SELECT o.location_id, o.search_key
             FROM place_names o
             JOIN locations l ON l.id = o.location_id AND l.geonames_id = ANY($1::int[])
             LEFT JOIN unnest($2::int[], $3::text[]) AS u(geonames_id, key)
               ON u.geonames_id = l.geonames_id AND u.key = o.search_key
            WHERE u.geonames_id IS NULL) AS stale
    WHERE n.location_id = stale.location_id AND n.search_key = stale.search_key`,
);

// Places not in the catalog are skipped by the join: names never create a place.
const insertNames = statement(
  'place_names_insert',
  `INSERT INTO place_names (location_id, search_key, name)
   SELECT l.id, u.key, u.name
     FROM unnest($1::int[], $2::text[], $3::text[]) AS u(geonames_id, key, name)
     JOIN locations l ON l.geonames_id = u.geonames_id
   ON CONFLICT (location_id, search_key) DO UPDATE SET name = excluded.name
    WHERE place_names.name IS DISTINCT FROM excluded.name`,
);

const upsertRegions = statement(
  'regions_upsert',
  `INSERT INTO regions (country_code, code, name, search_key)
   SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
   ON CONFLICT (country_code, code) DO UPDATE
     SET name = excluded.name, search_key = excluded.search_key
   WHERE (regions.name, regions.search_key) IS DISTINCT FROM (excluded.name, excluded.search_key)`,
);

const anyRegion = statement('regions_any', 'SELECT 1 AS found FROM regions LIMIT 1');

/**
 * Makes the other names of the places `geonamesIds` exactly `rows` (theirs among them); places
 * not stored are skipped. Returns how many names were added or changed.
 */
export async function replacePlaceNames(
  q: Queryable,
  geonamesIds: readonly number[],
  rows: readonly PlaceNameRow[],
): Promise<number> {
  if (geonamesIds.length === 0) return 0;
  const ids = rows.map((r) => r.geonamesId);
  const keys = rows.map((r) => r.key);
  await q.run(deleteStale, [geonamesIds, ids, keys]);
  if (rows.length === 0) return 0;
  return (await q.run(insertNames, [ids, keys, rows.map((r) => r.name)])).rowCount;
}

/** Adds or renames regions; returns how many changed. */
export async function upsertRegionRows(q: Queryable, rows: readonly RegionRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <K extends keyof RegionRow>(k: K) => rows.map((r) => r[k]);
  return (
    await q.run(upsertRegions, [col('countryCode'), col('code'), col('name'), col('searchKey')])
  ).rowCount;
}

/** Whether any region is stored: false on a database made before regions existed. */
export async function hasAnyRegion(q: Queryable): Promise<boolean> {
  return (await q.one(anyRegion)) !== undefined;
}

// The most populous place of the country with that other name; GeoNames id breaks a tie, so the
// answer never depends on the order rows were written in.
const byOtherName = statement(
  'location_by_other_name',
  `SELECT ${PLACE_COLUMNS} FROM place_names n JOIN locations l ON l.id = n.location_id
    WHERE n.search_key = $2 AND l.country_code = $1
    ORDER BY l.population DESC, l.geonames_id LIMIT 1`,
);

/**
 * The place of a country that `key` (a slug key: `munchen`, `sao-paulo`) names as one of its other
 * names; the most populous when several do. Null if none.
 */
export async function findPlaceByOtherName(
  q: Queryable,
  countryCode: string,
  key: string,
): Promise<Place | null> {
  const row = await q.one<PlaceRow>(byOtherName, [countryCode, key.replace(/-/g, ' ')]);
  return row ? toPlace(row) : null;
}

// Own names and other names alike, in every country; the GeoNames id breaks a tie. Both arms are
// equality probes on the search-key indexes, and each other name's place is read by its key (a
// LATERAL its LIMIT keeps apart): a join let the planner hash the whole catalog for the two rows
// of "london" (170–400 ms on PGlite).
const byNameAnywhere = statement(
  'location_by_name_anywhere',
  `SELECT ${PLACE_COLUMNS} FROM locations l WHERE l.id = (
     SELECT h.id FROM (
       SELECT m.id, m.population, m.geonames_id FROM locations m WHERE m.search_key = $1
       UNION ALL
       SELECT m.id, m.population, m.geonames_id FROM place_names n
        CROSS JOIN LATERAL (SELECT o.id, o.population, o.geonames_id FROM locations o
                             WHERE o.id = n.location_id LIMIT 1) m
        WHERE n.search_key = $1) h
      ORDER BY h.population DESC, h.geonames_id LIMIT 1)`,
);

/**
 * The most populous place anywhere that `key` (a slug key: `london`, `sao-paulo`) names, by its
 * own name or one of its other names; null if none. What `/London` leads to.
 */
export async function findPlaceByNameAnywhere(q: Queryable, key: string): Promise<Place | null> {
  const row = await q.one<PlaceRow>(byNameAnywhere, [key.replace(/-/g, ' ')]);
  return row ? toPlace(row) : null;
}
