import { isPlaceRef } from './uris/place-uri.ts';

/**
 * A place as the JSON API describes it: `location` in search results, metadata, nearest, documents.
 */
export interface LocationJson {
  country_code: string;
  country: string;
  region_code: string | null;
  /** The region's name ("England"); null when unknown. */
  region: string | null;
  name: string;
  slug: string;
  /** The canonical path of the place's HTML page: `/GB/London`. */
  path: string;
  latitude: number;
  longitude: number;
  population: number;
  timezone: string;
  geonames_id: number;
  links: { html: string; json: string; txt: string; metadata: string };
}

/** The answer of `/v1/nearest?lat=…&lon=…`: the edge reads it on a first visit. */
export interface NearestJson {
  query: { lat: number; lon: number };
  distance_km: number;
  location: LocationJson;
}

/**
 * The place (`GB/London`) a `/v1/nearest` answer names, if a redirect may go there; else undefined.
 */
export function placeOfNearest(body: unknown): string | undefined {
  const path = (body as Partial<NearestJson> | null)?.location?.path;
  const ref = typeof path === 'string' ? path.slice(1) : '';
  return path?.startsWith('/') && isPlaceRef(ref) ? ref : undefined;
}
