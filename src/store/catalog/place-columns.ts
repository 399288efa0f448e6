import type { Place } from '../../domain/place.ts';

/** The column list every place read selects, aliased to the domain's names. */
export const PLACE_COLUMNS = `l.id, l.geonames_id AS "geonamesId", l.country_code AS "countryCode",
  l.country_name AS "countryName", l.region_code AS "regionCode", l.name, l.slug, l.population,
  l.latitude, l.longitude, l.timezone,
  (SELECT r.name FROM regions r WHERE r.country_code = l.country_code AND r.code = l.region_code)
    AS "regionName"`;

export type PlaceRow = Place;

export function toPlace(row: PlaceRow): Place {
  return {
    id: row.id,
    geonamesId: row.geonamesId,
    countryCode: row.countryCode,
    countryName: row.countryName,
    regionCode: row.regionCode,
    regionName: row.regionName ?? null,
    name: row.name,
    slug: row.slug,
    population: Number(row.population),
    latitude: row.latitude,
    longitude: row.longitude,
    timezone: row.timezone,
  };
}
