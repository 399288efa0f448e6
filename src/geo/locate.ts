import type { Place } from '../domain/place.ts';
import type { Queryable } from '../store/index.ts';
import { mostPopulousPlace, nearestPlace } from '../store/repositories/locations.ts';
import type { GeoDatabase, GeoHit } from './geo-database.ts';

export interface Located {
  place: Place;
  hit: GeoHit;
}

/**
 * The catalog place for an IP address: nearest to the record's coordinates when it names a
 * city, else the most populous place of its country (a country-level record's coordinates
 * are the country's centre, which says nothing about where people are); null when unknown.
 */
export async function locateAddress(db: Queryable, geo: GeoDatabase, ip: string): Promise<Located | null> {
  const hit = geo.lookup(ip);
  if (!hit) return null;
  let place: Place | null = null;
  const hasPoint = hit.latitude !== null && hit.longitude !== null;
  if (hasPoint && (hit.city !== null || hit.countryCode === null)) {
    place = await nearestPlace(db, hit.latitude!, hit.longitude!);
  } else if (hit.countryCode) {
    place = await mostPopulousPlace(db, hit.countryCode);
  }
  return place ? { place, hit } : null;
}
