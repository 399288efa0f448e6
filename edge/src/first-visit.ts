import { placeOfNearest } from '../../src/contract/api.ts';
import { placeCookie, readPlaceCookie } from '../../src/contract/uris/cookie.ts';
import { nearestPath } from '../../src/contract/uris/coordinates-uri.ts';
import type { Geo } from './geo.ts';
import { type OriginFetch, originTarget, withTimeout } from './origin.ts';
import { own } from './problem.ts';

/** How `/` was answered: from the cookie, from `request.cf`, or by the origin. */
export const FIRST_VISIT_HEADER = 'x-isobar-first-visit';

/** The place the origin names nearest to a path's point, or undefined when it names none. */
export type NearestLookup = (path: string) => Promise<string | undefined>;

export interface FirstVisitDeps {
  geo: Geo;
  nearest: NearestLookup;
  passThrough: (request: Request) => Promise<Response>;
}

/**
 * `GET /`: a valid cookie redirects with no origin request; else `request.cf` coordinates,
 * rounded so the origin's nearest-place answer is one shared cache entry per square kilometre;
 * else the origin decides (it geolocates the visitor's address itself).
 */
export async function firstVisit(request: Request, deps: FirstVisitDeps): Promise<Response> {
  const remembered = readPlaceCookie(request.headers.get('cookie'));
  if (remembered) return redirect(remembered, 'cookie');
  const position = deps.geo.locate(request);
  const place = position && (await deps.nearest(nearestPath(position)));
  if (place) {
    const secure = new URL(request.url).protocol === 'https:';
    return redirect(place, 'geo', placeCookie(place, secure));
  }
  const answer = await deps.passThrough(request);
  const response = new Response(answer.body, answer);
  response.headers.set(FIRST_VISIT_HEADER, 'origin');
  return response;
}

/**
 * Asks the origin for the nearest place with a plain subrequest. In production ORIGIN_URL is a
 * proxied host of the zone, so this fetch goes through the zone's cache like any visitor's
 * request for that URI: the Cache Rules make `/v1/nearest` eligible, the origin's
 * CDN-Cache-Control sets its lifetime and its Cache-Tag lets a catalog change purge it, tiered
 * cache applies. It sets no `cf` options on purpose: `cacheTtl`, `cacheTtlByStatus` or
 * `cacheEverything` would override the origin's headers (Workers settings take precedence over
 * Cache Rules), `cacheTags` would add tags the origin does not know of, and for an origin in
 * another zone Cloudflare ignores them anyway. Nor does it send visitor headers: a header in
 * Cloudflare's default cache key (Origin, X-Forwarded-Host…) would split the shared entry.
 */
export function createNearestLookup(options: {
  origin: OriginFetch;
  originUrl: URL;
  timeoutMs: number;
  log: (message: string, error?: unknown) => void;
}): NearestLookup {
  return async (path) => {
    try {
      return await withTimeout(options.timeoutMs, async (signal) => {
        const target = originTarget(options.originUrl, path);
        const answer = await options.origin(new Request(target, { redirect: 'manual', signal }));
        if (answer.status !== 200) {
          await answer.body?.cancel();
          return undefined;
        }
        return placeOfNearest(await answer.json());
      });
    } catch (error) {
      // Unreachable, slow or nonsense: the origin's own first visit is the fallback.
      options.log(`nearest-place lookup failed for ${path}`, error);
      return undefined;
    }
  };
}

function redirect(place: string, via: 'cookie' | 'geo', cookie?: string): Response {
  const headers = new Headers({
    location: `/${place}`,
    'cache-control': 'private, no-store',
    [FIRST_VISIT_HEADER]: via,
  });
  if (cookie) headers.set('set-cookie', cookie);
  return own(new Response(null, { status: 302, headers }));
}
