import { Invalid } from './errors.ts';

/** Decimals kept: about a kilometre, so every request nearby shares one cache entry. */
export const COORDINATE_DECIMALS = 2;

export interface Point {
  latitude: number;
  longitude: number;
}

const NUMBER = /^[+-]?(\d{1,3})(\.\d{1,12})?$/;

function readCoordinate(text: string, name: string, limit: number): number {
  const value = Number(text);
  if (!NUMBER.test(text) || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw new Invalid(`${name} must be a decimal number from -${limit} to ${limit}`, {
      parameter: name,
    });
  }
  return value;
}

/** Reads a latitude and longitude given as decimal text; Invalid names the bad one. */
export function readPoint(latText: string, lonText: string): Point {
  return {
    latitude: readCoordinate(latText, 'latitude', 90),
    longitude: readCoordinate(lonText, 'longitude', 180),
  };
}

/** The canonical spelling of a coordinate: rounded, no trailing zeros, no "-0". */
export function formatCoordinate(value: number): string {
  const rounded = Number(value.toFixed(COORDINATE_DECIMALS));
  return String(rounded === 0 ? 0 : rounded);
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 +
    Math.cos(a.latitude * rad) *
      Math.cos(b.latitude * rad) *
      Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
