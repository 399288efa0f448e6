import { z } from '@hono/zod-openapi';
import type { RouteDeps } from '../context.ts';
import { placeBeneathParams } from '../schemas/params.ts';
import { unitsQuery } from '../schemas/queries.ts';
import { movedPermanently, notModified, problemOrPage } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { placeLine } from './place-line.ts';
import { type PlaceView, servePlace } from './places-route.ts';

// The line is text: its default units are those of the place's text view.
const lineParams = placeBeneathParams('the line is /{CC}/{Name}/line.txt', 'txt');

const route = defineRoute('place-line', {
  summary: "A place's weather now on one line, for status bars",
  description:
    '`London: ⛅ +12°C ↙ 11 km/h`: a symbol, the temperature and the wind (the arrow points ' +
    'where it blows), one line of `text/plain` ending in a newline. Fresh until the source next ' +
    'updates, purged with the place, like every representation of it.',
  request: { params: lineParams, query: unitsQuery },
  responses: {
    200: { description: 'The line', content: { 'text/plain': { schema: z.string() } } },
    301: movedPermanently,
    304: notModified,
    400: problemOrPage('A malformed path, or a query parameter that is unknown or repeated'),
    404: problemOrPage('No such place in that country (cached for a minute)'),
  },
});

const LINE: PlaceView = {
  path: (countryCode, slug) => `/${countryCode}/${slug}/line.txt`,
  body: (doc) => placeLine(doc),
};

/** `/{CC}/{Name}/line.txt`: the place's weather now, on one line. */
export function placeLineRoutes(deps: RouteDeps) {
  return createRouter().openapi(route, (c) =>
    servePlace(c, deps, c.req.valid('param'), c.req.valid('query').units, LINE),
  );
}
