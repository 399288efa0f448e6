import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { readPlaceRef } from '../domain/place.ts';

export const PLACE_COOKIE = 'place';
const ONE_YEAR = 365 * 24 * 3600;

/**
 * The cookie value if it has the one shape isobar writes (`GB/London`), else null. Even a
 * well-shaped value is only used after it is found in the catalog: see first-visit.
 */
export function readPlaceCookie(c: Context): string | null {
  const value = getCookie(c, PLACE_COOKIE);
  return value !== undefined && readPlaceRef(value) ? value : null;
}

/** Remembers a place for a year. The value is a catalog path, so `/` is left as it is. */
export function placeCookie(value: string, secure: boolean): string {
  return `${PLACE_COOKIE}=${value}; Max-Age=${ONE_YEAR}; Path=/; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;
}
