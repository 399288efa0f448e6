import { Invalid } from '../protocol/request-errors.ts';

/** A position on Earth in decimal degrees. */
export interface Point {
  latitude: number;
  longitude: number;
}

/** Decimals kept: about a kilometre, so every request nearby shares one cache entry. */
export const COORDINATE_DECIMALS = 2;

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

/** A latitude given as decimal text; Invalid says what it must be. */
export const readLatitude = (text: string) => readCoordinate(text, 'latitude', 90);

/** A longitude given as decimal text; Invalid says what it must be. */
export const readLongitude = (text: string) => readCoordinate(text, 'longitude', 180);

/** Reads a latitude and longitude given as decimal text; Invalid names the bad one. */
export function readPoint(latText: string, lonText: string): Point {
  return { latitude: readLatitude(latText), longitude: readLongitude(lonText) };
}

/** Reads the segment of a coordinate URI, `@51.51,-0.13` (a trailing slash allowed). */
export function readCoordinatesSegment(segment: string): Point {
  const match = /^@([^,/]*),([^,/]*)\/?$/.exec(segment);
  if (!match) {
    throw new Invalid('coordinates must be written /@{latitude},{longitude}, e.g. /@51.51,-0.13');
  }
  return readPoint(match[1]!, match[2]!);
}

/** The canonical spelling of a coordinate: rounded, no trailing zeros, no "-0". */
export function formatCoordinate(value: number): string {
  const rounded = Number(value.toFixed(COORDINATE_DECIMALS));
  return String(rounded === 0 ? 0 : rounded);
}

/** The canonical coordinate URI of a point: `/@51.51,-0.13`. */
export function coordinatesPath(point: Point): string {
  return `/@${formatCoordinate(point.latitude)},${formatCoordinate(point.longitude)}`;
}

/** The canonical nearest-place URI of a point: what the edge asks on a first visit. */
export function nearestPath(point: Point): string {
  const [lat, lon] = [formatCoordinate(point.latitude), formatCoordinate(point.longitude)];
  return `/v1/nearest?lat=${lat}&lon=${lon}`;
}
