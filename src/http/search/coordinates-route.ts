import { CATALOG_TAG } from '../../contract/protocol/cache-tags.ts';
import { coordinatesPath } from '../../contract/uris/coordinates-uri.ts';
import { placePath } from '../../contract/uris/place-uri.ts';
import { nearestPlace } from '../../store/catalog/locations.ts';
import { movedTo, notFound, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { coordinatesParams } from '../schemas/params.ts';
import { badRequestOrPage, movedPermanently, problemOrPage } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';

const route = defineRoute('coordinates', {
  summary: 'The place nearest to a point, by redirect',
  description:
    'Answers 301 to the spelling rounded to two decimals (about 1 km), which answers 301 to the ' +
    'nearest place, so that nearby requests share cache entries.',
  request: { params: coordinatesParams },
  responses: {
    301: movedPermanently,
    400: badRequestOrPage,
    404: problemOrPage('The place catalog is empty'),
  },
});

/** `/@{lat},{lon}`: 301 to the rounded spelling, which answers 301 to the nearest place. */
export function coordinateRoutes(deps: RouteDeps) {
  return createRouter().openapi(route, (c) => {
    const url = new URL(c.req.url);
    const point = c.req.valid('param').coordinates;
    return serveCached(c, deps, async () => {
      const now = deps.now();
      const canonical = coordinatesPath(point);
      if (url.pathname !== canonical) return movedTo(canonical, now);
      const place = await nearestPlace(deps.db, point.latitude, point.longitude);
      return place
        ? movedTo(placePath(place), now, [CATALOG_TAG])
        : notFound(url, 'empty-catalog', 'the place catalog is empty', now);
    });
  });
}
