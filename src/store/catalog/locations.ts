import type { Place } from '../../domain/place.ts';
import { type Queryable, statement } from '../database.ts';
import { PLACE_COLUMNS, type PlaceRow, toPlace } from './place-columns.ts';

const byKey = statement(
  'location_by_key',
  `SELECT ${PLACE_COLUMNS} FROM locations l WHERE l.country_code = $1 AND l.slug_key = $2`,
);

// `~>=~` / `~<~` are the text_pattern_ops operators, so the prefix range uses the index even in
// a generic plan of the prepared statement (LIKE $1 || '%' would not). search keys hold only
// [a-z0-9 ], and '~' sorts after all of them.
// A place matches by its own name, by one of its other names (place_names), or by a name and its
// region's name together, in either order ($4/$5: the ways the words split into the two). Most
// populous first, except that a place found only by the start of another name (not all of it)
// counts a tenth of its population: "munch" still offers Munich (München) first, but "a" offers
// places called A… before Mumbai ("Amchi Mumbai"). Other names count from the third letter typed:
// before that they would only add thousands of rows to sort for answers no one wants.
const search = statement(
  'location_search',
  `WITH hits (id, score) AS (
       SELECT m.id, m.population::float8 FROM locations m
        WHERE m.search_key ~>=~ $1 AND m.search_key ~<~ ($1 || '~')
          AND ($3::text IS NULL OR m.country_code = $3)
       UNION ALL
       SELECT m.id, m.population * CASE WHEN n.search_key = $1 THEN 1.0 ELSE 0.1 END::float8
         FROM place_names n JOIN locations m ON m.id = n.location_id
        WHERE length($1) >= 3 AND n.search_key ~>=~ $1 AND n.search_key ~<~ ($1 || '~')
          AND ($3::text IS NULL OR m.country_code = $3)
       UNION ALL
       SELECT m.id, m.population::float8 FROM unnest($4::text[], $5::text[]) AS s(place, region)
         JOIN regions r ON r.search_key ~>=~ s.region AND r.search_key ~<~ (s.region || '~')
         JOIN locations m ON m.country_code = r.country_code AND m.region_code = r.code
        WHERE m.search_key ~>=~ s.place AND m.search_key ~<~ (s.place || '~')
          AND ($3::text IS NULL OR m.country_code = $3)),
     best AS (SELECT id, max(score) AS score FROM hits GROUP BY id
               ORDER BY max(score) DESC, id LIMIT $2)
   SELECT ${PLACE_COLUMNS} FROM best b JOIN locations l ON l.id = b.id
    ORDER BY b.score DESC, l.id`,
);

/**
 * The ways a search of several words reads as a place name and a region name: "munich bavaria"
 * and "bavaria munich" both give place "munich", region "bavaria". Each part is a prefix.
 */
function placeAndRegion(prefix: string): { places: string[]; regions: string[] } {
  const words = prefix.split(' ');
  const places: string[] = [];
  const regions: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const head = words.slice(0, i).join(' ');
    const tail = words.slice(i).join(' ');
    places.push(head, tail);
    regions.push(tail, head);
  }
  return { places, regions };
}

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

/**
 * Places whose folded name, or one of their other names, starts with `prefix`, or whose name and
 * region name together do (in either order); most populous first (see `search` for the one
 * exception).
 */
export async function searchPlaces(
  q: Queryable,
  prefix: string,
  limit: number,
  countryCode: string | null = null,
): Promise<Place[]> {
  const { places, regions } = placeAndRegion(prefix);
  const rows = await q.all<PlaceRow>(search, [prefix, limit, countryCode, places, regions]);
  return rows.map(toPlace);
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
