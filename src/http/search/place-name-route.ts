import { z } from '@hono/zod-openapi';
import { CATALOG_TAG, placeTags } from '../../contract/protocol/cache-tags.ts';
import { placePath, readNameSegment, representationPath } from '../../contract/uris/place-uri.ts';
import { defaultUnits, unitsQueryFor } from '../../domain/weather/units.ts';
import { findPlaceByNameAnywhere } from '../../store/catalog/place-names.ts';
import { movedTo, notFound, serveCached } from '../answers.ts';
import type { RouteDeps } from '../context.ts';
import { parsedBy } from '../schemas/parsed-by.ts';
import { unitsQuery } from '../schemas/queries.ts';
import { badRequestOrPage, movedPermanently, problemOrPage } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';

const nameParams = z.object({
  name: z
    .string()
    .openapi({
      description:
        'A place name in any spelling (case, diacritics, spaces, `_`, `+`), or one of its other ' +
        'names, plus `.json` or `.txt` for those representations',
      example: 'London',
    })
    .transform(parsedBy(readNameSegment)),
});

const route = defineRoute('place-name', {
  summary: 'A place by its name alone, by redirect',
  description:
    'Answers 301 to the most populous place of that name in any country, keeping the ' +
    'representation: `/London` to `/GB/London`, `/paris.txt` to `/FR/Paris.txt`. One-segment ' +
    'paths of the site itself (`/search`, `/api`…) keep their own meaning.',
  request: { params: nameParams, query: unitsQuery },
  responses: {
    301: movedPermanently,
    400: badRequestOrPage,
    404: problemOrPage('No place has that name (cached for a minute)'),
  },
});

/** `/{Name}`: a cacheable 301 to `/{CC}/{Name}` of the most populous place so named. */
export function placeNameRoutes(deps: RouteDeps) {
  return createRouter().openapi(route, (c) => {
    const url = new URL(c.req.url);
    const { key, format } = c.req.valid('param').name;
    const { units } = c.req.valid('query');
    return serveCached(c, deps, async () => {
      const now = deps.now();
      const place = await findPlaceByNameAnywhere(deps.db, key);
      if (!place) return notFound(url, 'unknown-place', `no place is named "${key}"`, now);
      const { countryCode, slug } = place;
      const target =
        representationPath(countryCode, slug, format) +
        unitsQueryFor(countryCode, format, units ?? defaultUnits(countryCode, format));
      // Which place a name leads to is the catalog's decision, like the place's own URIs.
      return movedTo(target, now, [CATALOG_TAG, ...placeTags(placePath(place).slice(1))]);
    });
  });
}
