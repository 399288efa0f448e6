import type { Point } from '../../src/contract/uris/coordinates-uri.ts';

/**
 * Where a visitor is. At the edge that is Cloudflare's `request.cf`; the twin answers a fixed
 * position (or none), for tests and for any runtime without `request.cf`.
 */
export interface Geo {
  locate(request: Request): Point | undefined;
}

/**
 * Reads `request.cf.latitude/longitude` (strings on Cloudflare); undefined when absent or nonsense.
 */
export const cfGeo: Geo = {
  locate(request) {
    const cf = (request as { cf?: { latitude?: unknown; longitude?: unknown } }).cf;
    const latitude = degrees(cf?.latitude, 90);
    const longitude = degrees(cf?.longitude, 180);
    if (latitude === undefined || longitude === undefined) return undefined;
    return { latitude, longitude };
  },
};

export function fixedGeo(position?: Point): Geo {
  return { locate: () => position };
}

function degrees(value: unknown, limit: number): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}
