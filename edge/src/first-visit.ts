import { cacheKey } from './cache/cache-key.ts';
import type { StoredEntry } from './cache/cache-store.ts';
import type { Lookup } from './cache/cached-fetch.ts';
import { EDGE_STATUS_HEADER } from './cache/respond.ts';
import { type Geo, roundCoordinate } from './geo.ts';
import { isPlace } from './place.ts';

export const COOKIE_NAME = 'place';
const ONE_YEAR_SECONDS = 31_536_000;
/** How `/` was answered: from the cookie, from `request.cf`, or by the origin. */
export const FIRST_VISIT_HEADER = 'x-isobar-first-visit';

export interface FirstVisitDeps {
  geo: Geo;
  /** The cached lookup, so the nearest-place answer is shared by every visitor near that point. */
  lookup: (key: string) => Promise<Lookup>;
  passThrough: (request: Request) => Promise<Response>;
}

/**
 * `GET /`: a valid cookie redirects with no origin request; else `request.cf` coordinates,
 * rounded so the origin's nearest-place answer is a shared cache entry; else the origin decides.
 */
export async function firstVisit(request: Request, deps: FirstVisitDeps): Promise<Response> {
  const remembered = placeFromCookie(request.headers.get('cookie'));
  if (remembered) return redirect(remembered, { via: 'cookie', edge: 'bypass' });
  const position = deps.geo.locate(request);
  if (position) {
    const nearest = new URL('/v1/nearest', request.url);
    nearest.searchParams.set('lat', roundCoordinate(position.latitude));
    nearest.searchParams.set('lon', roundCoordinate(position.longitude));
    const found = await deps.lookup(cacheKey(nearest));
    const place = 'entry' in found ? nearestPlace(found.entry) : undefined;
    if (place && 'entry' in found) {
      const secure = new URL(request.url).protocol === 'https:';
      return redirect(place, { via: 'geo', edge: found.status, cookie: setCookie(place, secure) });
    }
  }
  const response = await deps.passThrough(request);
  response.headers.set(FIRST_VISIT_HEADER, 'origin');
  return response;
}

/** The first `place` cookie that is a valid place; anything else counts as no cookie. */
export function placeFromCookie(header: string | null): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== COOKIE_NAME) continue;
    const value = decoded(
      pair
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
    if (value !== undefined && isPlace(value)) return value;
  }
  return undefined;
}

/** The place in the origin's `/v1/nearest` answer, if it is one the edge may redirect to. */
function nearestPlace(entry: StoredEntry): string | undefined {
  if (entry.status !== 200) return undefined;
  try {
    const { location } = JSON.parse(new TextDecoder().decode(entry.body)) as {
      location?: { path?: unknown; country_code?: unknown; slug?: unknown };
    };
    const fromPath =
      typeof location?.path === 'string' ? location.path.replace(/^\//, '') : undefined;
    const place = fromPath ?? `${location?.country_code}/${location?.slug}`;
    return isPlace(place) ? place : undefined;
  } catch {
    return undefined;
  }
}

function redirect(
  place: string,
  how: { via: 'cookie' | 'geo'; edge: string; cookie?: string },
): Response {
  const headers = new Headers({
    location: `/${place}`,
    'cache-control': 'private, no-store',
    [FIRST_VISIT_HEADER]: how.via,
    [EDGE_STATUS_HEADER]: how.edge,
  });
  if (how.cookie) headers.set('set-cookie', how.cookie);
  return new Response(null, { status: 302, headers });
}

/** The same cookie the origin sets on its own first-visit redirect. */
function setCookie(place: string, secure: boolean): string {
  return `${COOKIE_NAME}=${place}; Max-Age=${ONE_YEAR_SECONDS}; Path=/; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;
}

function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
