import type { Point } from '../contract/uris/coordinates-uri.ts';

/** What a geolocation lookup tells the caller; any field may be unknown. */
export interface GeoHit {
  countryCode: string | null;
  city: string | null;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
}

// Real coordinates are never finer than about a centimetre; smaller non-zero values
// are what a misencoded double decodes to (MaxMind's Broken-Double-Format test file
// answers 1.79e-52, 5.27e-91 and the like).
const GARBAGE_BELOW = 1e-7;
// 0,0 is open sea: databases write it to mean "unknown", never as a place.
const NULL_ISLAND_WITHIN = 1e-3;

/**
 * The coordinates if they can be a real place, else null so the caller falls back to the country.
 */
export function saneCoordinates(latitude: unknown, longitude: unknown): Point | null {
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const garbage = (v: number) => v !== 0 && Math.abs(v) < GARBAGE_BELOW;
  if (garbage(latitude) || garbage(longitude)) return null;
  if (Math.abs(latitude) < NULL_ISLAND_WITHIN && Math.abs(longitude) < NULL_ISLAND_WITHIN)
    return null;
  return { latitude, longitude };
}

type Fields = Partial<Record<string, unknown>>;

/**
 * Reads a record in either shape: DB-IP's flat one (`country_code`, `city`, `state1`,
 * `latitude`) or MaxMind's nested one (`country.iso_code`, `city.names.en`, …).
 * Without a `country`, MaxMind's `registered_country` stands in. Null when it names neither a
 * country nor a place, as MaxMind's trait-only records do.
 */
export function toGeoHit(record: unknown): GeoHit | null {
  const r = fields(record);
  if (!r) return null;
  // Plain property reads, not a generic path walker: this runs on every request.
  const flat = r.country_code !== undefined || r.latitude !== undefined;
  const location = flat ? r : fields(r.location);
  // MaxMind leaves `country` out where it cannot place a range (anycast, satellite, some
  // mobile networks) but still names the registry's country: a better guess than nothing.
  const countryCode = flat
    ? countryCodeOf(r.country_code)
    : (countryCodeOf(fields(r.country)?.iso_code) ??
      countryCodeOf(fields(r.registered_country)?.iso_code));
  const coordinates = saneCoordinates(location?.latitude, location?.longitude);
  if (!countryCode && !coordinates) return null;
  const subdivisions = r.subdivisions;
  return {
    countryCode,
    city: text(flat ? r.city : fields(fields(r.city)?.names)?.en),
    region: text(
      flat ? r.state1 : Array.isArray(subdivisions) ? fields(subdivisions[0])?.iso_code : undefined,
    ),
    latitude: coordinates?.latitude ?? null,
    longitude: coordinates?.longitude ?? null,
  };
}

function fields(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : undefined;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function countryCodeOf(value: unknown): string | null {
  const code = text(value)?.toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) ? code : null;
}
