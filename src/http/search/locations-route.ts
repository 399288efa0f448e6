import { CATALOG_TAG, placeTags } from '../../contract/protocol/cache-tags.ts';
import { catalogFreshness } from '../../contract/protocol/freshness.ts';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import { nearestPath } from '../../contract/uris/coordinates-uri.ts';
import { locationPath, placePath } from '../../contract/uris/place-uri.ts';
import {
  locationDocumentSchema,
  nearestSchema,
  searchSchema,
} from '../../documents/document-schemas.ts';
import { locationJson } from '../../documents/place-document.ts';
import { distanceKm } from '../../domain/coordinates.ts';
import { findPlaceByKey, nearestPlace } from '../../store/catalog/locations.ts';
import { findPlaceByOtherName } from '../../store/catalog/place-names.ts';
import { searchPlaces } from '../../store/catalog/place-search.ts';
import { jsonDocument, movedTo, notFound, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { placeParams } from '../schemas/params.ts';
import { canonicalSearch, nearestQuery, searchQuery } from '../schemas/queries.ts';
import {
  badRequest,
  jsonBody,
  movedPermanently,
  notModified,
  problem,
} from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';

const search = defineRoute('search', {
  summary: 'Find places by the start of their name',
  description:
    'Matches the start of a place name, of one of its other names (GeoNames alternate names, from the third letter), or of a name and its region name in either order (`bavaria munich`). Most populous first; a place matched only by the start of another name counts a tenth of its population. Diacritics and case do not matter (`ue` also stands for `ü`). Any spelling but the canonical one (`q` lower case without diacritics or punctuation, parameters by name, default limit left out) answers 301 to it.',
  request: { query: searchQuery },
  responses: {
    200: jsonBody(searchSchema, 'Matching places'),
    301: movedPermanently,
    304: notModified,
    400: badRequest,
  },
});

const location = defineRoute('location', {
  summary: "A place's metadata",
  request: { params: placeParams },
  responses: {
    200: jsonBody(locationDocumentSchema, 'The place'),
    301: movedPermanently,
    304: notModified,
    400: badRequest,
    404: problem('No such place in that country (cached for a minute)'),
  },
});

const nearest = defineRoute('nearest', {
  summary: 'The place nearest to a point',
  description: 'Coordinates with more than two decimals answer 301 to the rounded spelling.',
  request: { query: nearestQuery },
  responses: {
    200: jsonBody(nearestSchema, 'The nearest place and its distance'),
    301: movedPermanently,
    304: notModified,
    400: badRequest,
    404: problem('The place catalog is empty'),
  },
});

/** The JSON API over the catalog: `/v1/locations`, `/v1/locations/{CC}/{Name}`, `/v1/nearest`. */
export function locationRoutes(deps: RouteDeps) {
  return createRouter()
    .openapi(search, (c) => {
      const url = new URL(c.req.url);
      const query = c.req.valid('query');
      const { q, limit, country } = query;
      return serveCached(c, deps, async () => {
        const canonical = canonicalSearch(url.pathname, query);
        if (url.pathname + url.search !== canonical) return movedTo(canonical, deps.now());
        const places = await searchPlaces(deps.db, q.prefix, limit, country ?? null);
        const results = places.map((p) => ({ ...locationJson(p), matched_name: p.matchedName }));
        const body = { query: q.text, results };
        return jsonDocument(body, catalogFreshness, deps.now(), [CATALOG_TAG]);
      });
    })
    .openapi(location, (c) => {
      const url = new URL(c.req.url);
      const { countryCode, key, format } = c.req.valid('param');
      if (format !== 'html')
        throw new Invalid('location metadata lives at /v1/locations/{CC}/{Name}');
      return serveCached(c, deps, async () => {
        const now = deps.now();
        // Another name of a place is one more spelling of its URI: it answers 301 below.
        const place =
          (await findPlaceByKey(deps.db, countryCode, key)) ??
          (await findPlaceByOtherName(deps.db, countryCode, key));
        if (!place) {
          return notFound(
            url,
            'unknown-place',
            `no place "${key}" is known in ${countryCode}`,
            now,
          );
        }
        const ref = placePath(place).slice(1);
        const tags = placeTags(ref);
        if (url.pathname !== locationPath(ref)) return movedTo(locationPath(ref), now, tags);
        return jsonDocument({ location: locationJson(place) }, catalogFreshness, now, tags);
      });
    })
    .openapi(nearest, (c) => {
      const url = new URL(c.req.url);
      const { lat, lon } = c.req.valid('query');
      const point = { latitude: lat, longitude: lon };
      return serveCached(c, deps, async () => {
        const now = deps.now();
        const canonical = nearestPath(point);
        if (url.pathname + url.search !== canonical) return movedTo(canonical, now);
        const place = await nearestPlace(deps.db, lat, lon);
        if (!place) return notFound(url, 'empty-catalog', 'the place catalog is empty', now);
        const body = {
          query: { lat, lon },
          distance_km: Math.round(distanceKm(point, place) * 10) / 10,
          location: locationJson(place),
        };
        return jsonDocument(body, catalogFreshness, now, [CATALOG_TAG]);
      });
    });
}
