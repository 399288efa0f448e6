import type { Place } from '../../domain/place.ts';
import { type Queryable, statement } from '../database.ts';
import { PLACE_COLUMNS, type PlaceRow, toPlace } from './place-columns.ts';

const byKey = statement(
  'location_by_key',
  `SELECT ${PLACE_COLUMNS} FROM locations l WHERE l.country_code = $1 AND l.slug_key = $2`,
);

// The bounding box uses the (latitude, longitude) index; the ordering is the great-circle distance.
// A box reaching past ±180° goes on at the other side: the range is repeated 360° either way.
const nearestWithin = statement(
  'location_nearest',
  `SELECT ${PLACE_COLUMNS} FROM locations l
   WHERE l.latitude BETWEEN $1::float8 - $3::float8 AND $1::float8 + $3::float8
     AND (l.longitude BETWEEN $2::float8 - $4::float8 AND $2::float8 + $4::float8
          OR l.longitude BETWEEN $2::float8 - $4::float8 + 360 AND $2::float8 + $4::float8 + 360
          OR l.longitude BETWEEN $2::float8 - $4::float8 - 360 AND $2::float8 + $4::float8 - 360
          OR $4::float8 >= 180)
   ORDER BY asin(sqrt(power(sin(radians(l.latitude - $1::float8) / 2), 2)
     + cos(radians($1::float8)) * cos(radians(l.latitude))
       * power(sin(radians(l.longitude - $2::float8) / 2), 2))),
     l.population DESC
   LIMIT 1`,
);

// Same-named places of a country, nearest first: how a geolocation record's city is matched.
const namedNearest = statement(
  'location_named_nearest',
  `SELECT ${PLACE_COLUMNS} FROM locations l WHERE l.country_code = $1 AND l.search_key = $2
   ORDER BY power(l.latitude - $3::float8, 2)
          + power((l.longitude - $4::float8) * cos(radians($3::float8)), 2)
   LIMIT 1`,
);

const mostPopulousIn = statement(
  'location_most_populous_in_country',
  `SELECT ${PLACE_COLUMNS} FROM locations l WHERE l.country_code = $1
   ORDER BY l.population DESC, l.id LIMIT 1`,
);

/** The place whose slug key (lower-case slug) is `key` in a country. */
export async function findPlaceByKey(
  q: Queryable,
  countryCode: string,
  key: string,
): Promise<Place | null> {
  const row = await q.one<PlaceRow>(byKey, [countryCode, key]);
  return row ? toPlace(row) : null;
}

// Boxes tried in turn (degrees of latitude); almost every point on land is answered by the first.
const RADII = [0.5, 2, 8, 30, 180];

/** The catalog place nearest to a point; null only when the catalog is empty. */
export async function nearestPlace(
  q: Queryable,
  latitude: number,
  longitude: number,
): Promise<Place | null> {
  const stretch = 1 / Math.max(Math.cos((Math.min(Math.abs(latitude), 89) * Math.PI) / 180), 0.01);
  for (const radius of RADII) {
    const lonRadius = radius >= 180 ? 180 : Math.min(180, radius * stretch);
    const row = await q.one<PlaceRow>(nearestWithin, [latitude, longitude, radius, lonRadius]);
    // A hit inside a box may still lose to one just outside it, across a corner: widen once more.
    if (row && (radius >= 180 || distanceWithin(row, latitude, longitude, radius)))
      return toPlace(row);
  }
  return null;
}

function distanceWithin(row: PlaceRow, lat: number, lon: number, radiusDeg: number): boolean {
  // The inscribed circle of the box: any point nearer than its radius is inside the box.
  const dLat = row.latitude - lat;
  // The shorter way round: 179.9° and -179.9° are 0.2° apart.
  const east = ((((row.longitude - lon) % 360) + 540) % 360) - 180;
  const dLon = east * Math.cos((lat * Math.PI) / 180);
  return Math.hypot(dLat, dLon) <= radiusDeg;
}

/** The place of a country with exactly this folded name, nearest to a point; null if none. */
export async function namedPlaceNear(
  q: Queryable,
  countryCode: string,
  nameKey: string,
  latitude: number,
  longitude: number,
): Promise<Place | null> {
  const row = await q.one<PlaceRow>(namedNearest, [countryCode, nameKey, latitude, longitude]);
  return row ? toPlace(row) : null;
}

/** The most populous place of a country: where a lookup that found only a country lands. */
export async function mostPopulousPlace(q: Queryable, countryCode: string): Promise<Place | null> {
  const row = await q.one<PlaceRow>(mostPopulousIn, [countryCode]);
  return row ? toPlace(row) : null;
}

const largest = statement(
  'location_largest',
  `SELECT ${PLACE_COLUMNS} FROM locations l ORDER BY l.population DESC, l.id LIMIT $1`,
);

/**
 * The most populous places anywhere: demo seeding and the place picker (a scan of the catalog, ~50
 * ms).
 */
export async function largestPlaces(q: Queryable, limit: number): Promise<Place[]> {
  return (await q.all<PlaceRow>(largest, [limit])).map(toPlace);
}

const byNames = statement(
  'location_by_names',
  `SELECT ${PLACE_COLUMNS} FROM locations l
    WHERE (l.country_code, l.slug_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       OR l.geonames_id = ANY($3::int[])`,
);

/** The places named by country and slug key, or by GeoNames id, in one query; unknown ones are absent. */
export async function findPlacesByName(
  q: Queryable,
  keys: readonly { countryCode: string; key: string }[],
  geonamesIds: readonly number[],
): Promise<Place[]> {
  if (keys.length === 0 && geonamesIds.length === 0) return [];
  const rows = await q.all<PlaceRow>(byNames, [
    keys.map((k) => k.countryCode),
    keys.map((k) => k.key),
    geonamesIds,
  ]);
  return rows.map(toPlace);
}

const refsByIds = statement(
  'location_refs_by_ids',
  `SELECT id, country_code AS "countryCode", slug FROM locations WHERE id = ANY($1::int[])`,
);

/** Each place's reference (`GB/London`), by id. */
export async function placeRefsByIds(
  q: Queryable,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.all<{ id: number; countryCode: string; slug: string }>(refsByIds, [
    [...new Set(ids)],
  ]);
  return new Map(rows.map((r) => [r.id, `${r.countryCode}/${r.slug}`]));
}

// Each country's most populous place, by a skip scan of the (country, population) index: the
// next country code after the last one, then that country's first row, about 250 index probes
// each way. A DISTINCT ON over the catalog read every row (0.8 s on PGlite with all 135k places),
// and an order the index does not have (a tie-break on id, or NULLS FIRST, DESC's default) would
// sort each country's places: a tie for a country's largest population is left to the index.
const largestPerCountry = statement(
  'location_largest_per_country',
  `WITH RECURSIVE countries (code) AS (
       (SELECT m.country_code FROM locations m ORDER BY m.country_code LIMIT 1)
       UNION ALL
       SELECT (SELECT m.country_code FROM locations m WHERE m.country_code > c.code
                ORDER BY m.country_code LIMIT 1)
         FROM countries c WHERE c.code IS NOT NULL)
   SELECT ${PLACE_COLUMNS} FROM countries c
     CROSS JOIN LATERAL (SELECT m.id FROM locations m WHERE m.country_code = c.code
                          ORDER BY m.population DESC NULLS LAST LIMIT 1) top
     JOIN locations l ON l.id = top.id
    ORDER BY l.population DESC, l.id`,
);

/** The most populous place of every country, most populous first: the landing page's choice. */
export async function largestPlacePerCountry(q: Queryable): Promise<Place[]> {
  return (await q.all<PlaceRow>(largestPerCountry)).map(toPlace);
}
