import { Hono } from 'hono';
import { distanceKm, formatCoordinate, readPoint } from '../../domain/coordinates.ts';
import { Invalid } from '../../domain/errors.ts';
import { catalogFreshness } from '../../domain/freshness.ts';
import { placePath } from '../../domain/place.ts';
import { searchKey } from '../../domain/slug.ts';
import { findPlaceByKey, nearestPlace, searchPlaces } from '../../store/repositories/locations.ts';
import { jsonDocument, movedTo, notFound, serveCached } from '../answers.ts';
import type { AppEnv, RouteDeps } from '../context.ts';
import { readInt, readQuery } from '../middleware/query.ts';
import { parsePlacePath } from '../place-path.ts';
import { locationJson } from '../render/place-document.ts';

/** Reads `q` (and `country`) for a prefix search; Invalid names what is wrong. */
export function readSearch(query: Map<string, string>) {
  const q = query.get('q');
  if (q === undefined) throw new Invalid('query parameter "q" is required', { parameter: 'q' });
  if (q.length > 100)
    throw new Invalid('query parameter "q" is longer than 100 characters', { parameter: 'q' });
  const prefix = searchKey(q);
  if (!prefix)
    throw new Invalid('query parameter "q" must contain a letter or digit', { parameter: 'q' });
  const country = query.get('country')?.toUpperCase() ?? null;
  if (country !== null && !/^[A-Z]{2}$/.test(country)) {
    throw new Invalid('query parameter "country" must be an ISO 3166-1 alpha-2 code', {
      parameter: 'country',
    });
  }
  return { q, prefix, country };
}

/** The JSON API over the catalog: `/v1/locations`, `/v1/locations/{CC}/{Name}`, `/v1/nearest`. */
export function locationRoutes(deps: RouteDeps) {
  const app = new Hono<AppEnv>();

  app.get('/v1/locations', (c) => {
    c.set('route', 'search');
    const url = new URL(c.req.url);
    const query = readQuery(url, ['q', 'limit', 'country']);
    const { q, prefix, country } = readSearch(query);
    const limit = readInt(query, 'limit', 1, 50, 10);
    return serveCached(c, deps, url, async () => {
      const places = await searchPlaces(deps.db, prefix, limit, country);
      return jsonDocument(
        { query: q, results: places.map(locationJson) },
        catalogFreshness,
        deps.now(),
      );
    });
  });

  app.get('/v1/locations/*', (c) => {
    c.set('route', 'location');
    const url = new URL(c.req.url);
    readQuery(url, []);
    const req = parsePlacePath(url.pathname.slice('/v1/locations'.length));
    if (!req || req.format !== 'html')
      throw new Invalid('location metadata lives at /v1/locations/{CC}/{Name}');
    const { countryCode, key } = req;
    return serveCached(c, deps, url, async () => {
      const now = deps.now();
      const place = await findPlaceByKey(deps.db, countryCode, key);
      if (!place)
        return notFound(c, 'unknown-place', `no place "${key}" is known in ${countryCode}`, now);
      const canonical = `/v1/locations${placePath(place)}`;
      const tags = [`place:${place.countryCode}/${place.slug}`];
      if (url.pathname !== canonical) return movedTo(canonical, now, tags);
      return jsonDocument({ location: locationJson(place) }, catalogFreshness, now, tags);
    });
  });

  app.get('/v1/nearest', (c) => {
    c.set('route', 'nearest');
    const url = new URL(c.req.url);
    const query = readQuery(url, ['lat', 'lon']);
    const lat = query.get('lat');
    const lon = query.get('lon');
    if (lat === undefined || lon === undefined)
      throw new Invalid('query parameters "lat" and "lon" are both required');
    const point = readPoint(lat, lon);
    const canonical = `/v1/nearest?lat=${formatCoordinate(point.latitude)}&lon=${formatCoordinate(point.longitude)}`;
    return serveCached(c, deps, url, async () => {
      const now = deps.now();
      if (url.pathname + url.search !== canonical) return movedTo(canonical, now);
      const place = await nearestPlace(deps.db, point.latitude, point.longitude);
      if (!place) return notFound(c, 'empty-catalog', 'the place catalog is empty', now);
      const distance = Math.round(distanceKm(point, place) * 10) / 10;
      return jsonDocument(
        {
          query: { lat: point.latitude, lon: point.longitude },
          distance_km: distance,
          location: locationJson(place),
        },
        catalogFreshness,
        now,
      );
    });
  });

  return app;
}
