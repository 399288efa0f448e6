import { z } from '@hono/zod-openapi';
import { readCoordinatesSegment } from '../../contract/coordinates.ts';
import { Invalid } from '../../contract/errors.ts';
import { readPlaceSegments } from '../../contract/place.ts';
import { parsedBy } from './parsed-by.ts';

/** `/{CC}/{Name}`, in any spelling: what to look up and which representation. */
export const placeParams = z
  .object({
    country: z.string().openapi({
      description: 'ISO 3166-1 alpha-2 code in capitals; `UK` and other cases answer 301',
      example: 'GB',
    }),
    name: z.string().openapi({
      description:
        'The place slug, plus `.json` or `.txt` for those representations. Any other spelling ' +
        '(case, diacritics, spaces, `_`, `+`, a trailing slash, `.html`) answers 301',
      example: 'London',
    }),
  })
  .transform(
    parsedBy(({ country, name }) => {
      const request = readPlaceSegments(country, name);
      if (!request) throw new Invalid(`"${country.slice(0, 10)}" is not a country code`);
      return request;
    }),
  );

/** `/@{lat},{lon}`: a point, in any number of decimals. */
export const coordinatesParams = z.object({
  coordinates: z
    .string()
    .openapi({
      description: '`@{latitude},{longitude}` in decimal degrees',
      example: '@51.51,-0.13',
    })
    .transform(parsedBy(readCoordinatesSegment)),
});
