import { YEAR_S } from '../durations.ts';
import { isPlaceRef } from './place-uri.ts';

/** The one cookie isobar sets: the visitor's place, `place=GB/London`. */
export const PLACE_COOKIE = 'place';

const SOLE_PREFIX = `${PLACE_COOKIE}=`;
const NEEDS_PARSING = /[;%"\s]/;

/**
 * The first `place` cookie in a Cookie header that has the canonical shape, else null. Even then
 * it names a place only once the catalog knows it; the shape alone keeps a redirect on this site.
 */
export function readPlaceCookie(header: string | null | undefined): string | null {
  // The edge forwards the place cookie alone, so the usual header is exactly `place=CC/Name`:
  // read without splitting when nothing in it needs trimming, unquoting or decoding.
  if (header?.startsWith(SOLE_PREFIX) && !NEEDS_PARSING.test(header)) {
    const value = header.slice(SOLE_PREFIX.length);
    return isPlaceRef(value) ? value : null;
  }
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== PLACE_COOKIE) continue;
    const value = decoded(
      pair
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
    if (value !== null && isPlaceRef(value)) return value;
  }
  return null;
}

/** The Set-Cookie that remembers a place for a year; `Secure` when the visitor came over https. */
export function placeCookie(ref: string, secure: boolean): string {
  const attributes = `Max-Age=${YEAR_S}; Path=/; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;
  return `${PLACE_COOKIE}=${ref}; ${attributes}`;
}

/**
 * Keeps only the place cookie of a Cookie header (all the origin reads), or null if it has none.
 */
export function originCookies(header: string | null): string | null {
  const kept = (header ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.slice(0, pair.indexOf('=')).trim() === PLACE_COOKIE);
  return kept.length > 0 ? kept.join('; ') : null;
}

function decoded(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
