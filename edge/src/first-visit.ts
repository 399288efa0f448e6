import { placeOfNearest } from '../../src/contract/api.ts';
import { placeCookie, readPlaceCookie } from '../../src/contract/uris/cookie.ts';
import { nearestPath } from '../../src/contract/uris/coordinates-uri.ts';
import { cacheKey } from './cache/cache-key.ts';
import type { StoredEntry } from './cache/cache-store.ts';
import type { Lookup } from './cache/cached-fetch.ts';
import { EDGE_STATUS_HEADER } from './cache/respond.ts';
import type { Geo } from './geo.ts';

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
  const remembered = readPlaceCookie(request.headers.get('cookie'));
  if (remembered) return redirect(remembered, { via: 'cookie', edge: 'bypass' });
  const position = deps.geo.locate(request);
  if (position) {
    const found = await deps.lookup(cacheKey(new URL(nearestPath(position), request.url)));
    const place = 'entry' in found ? nearestPlace(found.entry) : undefined;
    if (place && 'entry' in found) {
      const secure = new URL(request.url).protocol === 'https:';
      return redirect(place, {
        via: 'geo',
        edge: found.status,
        cookie: placeCookie(place, secure),
      });
    }
  }
  const response = await deps.passThrough(request);
  response.headers.set(FIRST_VISIT_HEADER, 'origin');
  return response;
}

/** The place in the origin's `/v1/nearest` answer, if it is one the edge may redirect to. */
function nearestPlace(entry: StoredEntry): string | undefined {
  if (entry.status !== 200) return undefined;
  try {
    return placeOfNearest(JSON.parse(new TextDecoder().decode(entry.body)));
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
