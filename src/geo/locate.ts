import { searchKey } from '../contract/uris/slug.ts';
import { distanceKm } from '../domain/coordinates.ts';
import type { Place } from '../domain/place.ts';
import { mostPopulousPlace, namedPlaceNear, nearestPlace } from '../store/catalog/locations.ts';
import type { Queryable } from '../store/index.ts';
import type { GeoDatabase, GeoHit } from './geo-database.ts';

export interface Located {
  /** What the database says of the address; null when it knows nothing. */
  hit: GeoHit | null;
  /** The catalog place chosen; null when the record leads nowhere. */
  place: Place | null;
}

/** How far a same-named catalog place may lie from the record's point and still be its city. */
const SAME_CITY_KM = 50;

/**
 * The catalog place for an IP address. A record naming a city lands on the catalog place of
 * that name near its point (a database's "London" point may sit nearer a smaller neighbour
 * such as the City of London), else on the nearest place. A record with only a country lands
 * on the country's most populous place (its coordinates are the country's centre, which says
 * nothing about where people are).
 */
export async function locateAddress(db: Queryable, geo: GeoDatabase, ip: string): Promise<Located> {
  const hit = geo.lookup(ip);
  return { hit, place: hit ? await placeForRecord(db, hit) : null };
}

/** The catalog place a geolocation record leads to (see locateAddress); null if none. */
export async function placeForRecord(db: Queryable, hit: GeoHit): Promise<Place | null> {
  const { latitude, longitude, city, countryCode } = hit;
  if (latitude !== null && longitude !== null && (city !== null || countryCode === null)) {
    const named =
      city && countryCode ? await namedNear(db, countryCode, city, latitude, longitude) : null;
    return named ?? nearestPlace(db, latitude, longitude);
  }
  return countryCode ? mostPopulousPlace(db, countryCode) : null;
}

async function namedNear(
  db: Queryable,
  countryCode: string,
  city: string,
  latitude: number,
  longitude: number,
) {
  // DB-IP writes districts in brackets ("Berkeley (North Berkeley)"): the city is what precedes
  // them.
  const key = searchKey(city.replace(/\s*\(.*$/, ''));
  if (!key) return null;
  const place = await namedPlaceNear(db, countryCode, key, latitude, longitude);
  return place && distanceKm(place, { latitude, longitude }) <= SAME_CITY_KM ? place : null;
}
