import { cacheKey } from './cache/cache-key.ts';
import { type Route, type Routed, route, type Target, targetOf } from './routes.ts';

/** What the edge makes of a request's method and URL: its route, the URL's parts, its key. */
export interface Reading {
  method: string;
  route: Route;
  url: Target;
  /** The cache key, for a cached route. */
  key: string | undefined;
}

export function read(request: Routed): Reading {
  const url = targetOf(request.url);
  const decided = route(request, url);
  const key = decided === 'cached' ? cacheKey(url) : undefined;
  return { method: request.method, route: decided, url, key };
}

/** The longest URL whose reading is kept: place URIs are far shorter. */
const LONGEST_KEPT = 256;

/**
 * Readings of the GET and HEAD URLs seen lately, kept by URL: a reading is a pure function of the
 * method and URL, and a few popular places make most requests, so a hit mostly finds its URL
 * read already (no parsing, matching or key to make). Bounded in count (a full table is emptied)
 * and in size: a longer URL is read afresh every time, so that distinct long URLs cannot fill
 * an isolate's memory (4,096 URLs of 256 characters, their parts and keys: a few MB a method).
 */
export function createReadings(limit = 4096) {
  const kept = { GET: new Map<string, Reading>(), HEAD: new Map<string, Reading>() };
  return {
    of(request: Routed): Reading {
      const known =
        request.method === 'GET' ? kept.GET : request.method === 'HEAD' ? kept.HEAD : undefined;
      if (!known || request.url.length > LONGEST_KEPT) return read(request);
      let reading = known.get(request.url);
      if (!reading) {
        reading = read(request);
        if (known.size >= limit) known.clear();
        known.set(request.url, reading);
      }
      return reading;
    },
    /** URLs kept, GET and HEAD together. */
    get size() {
      return kept.GET.size + kept.HEAD.size;
    },
  };
}
