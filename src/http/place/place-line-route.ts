import { z } from '@hono/zod-openapi';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import { readPlaceSegments } from '../../contract/uris/place-uri.ts';
import type { RouteDeps } from '../context.ts';
import { placeParams } from '../schemas/params.ts';
import { parsedBy } from '../schemas/parsed-by.ts';
import { unitsQuery } from '../schemas/queries.ts';
import { movedPermanently, notModified, problemOrPage } from '../schemas/responses.ts';
import { createRouter, defineRoute } from '../schemas/router.ts';
import { placeLine } from './place-line.ts';
import { type PlaceView, servePlace } from './places-route.ts';

const lineParams = z
  .object({
    country: placeParams.in.shape.country,
    name: z.string().openapi({
      description: 'The place slug; other spellings answer 301 as for the place itself',
      example: 'London',
    }),
  })
  .transform(
    parsedBy(({ country, name }) => {
      const place = readPlaceSegments(country, name);
      if (!place) throw new Invalid(`"${country.slice(0, 10)}" is not a country code`);
      if (place.format !== 'html') throw new Invalid('the line is /{CC}/{Name}/line.txt');
      // The line is text: its default units are those of the place's text view.
      return { ...place, format: 'txt' as const };
    }),
  );

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
