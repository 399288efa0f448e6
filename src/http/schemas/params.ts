import { z } from '@hono/zod-openapi';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import { readCoordinatesSegment } from '../../contract/uris/coordinates-uri.ts';
import { readDaySegment } from '../../contract/uris/day-uri.ts';
import { readPlaceSegments } from '../../contract/uris/place-uri.ts';
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

/** `/{CC}/{Name}/{YYYY-MM-DD}`, in any spelling: the place, the date and which representation. */
export const dayParams = z
  .object({
    country: placeParams.in.shape.country,
    name: z.string().openapi({
      description: 'The place slug; other spellings answer 301 as for the place itself',
      example: 'London',
    }),
    date: z.string().openapi({
      description:
        "A local date in the place's calendar, plus `.json` or `.txt` for those " +
        'representations. `2026-6-1`, `.html`, `.JSON` and a trailing slash answer 301',
      example: '2026-11-20',
    }),
  })
  .transform(
    parsedBy(({ country, name, date }) => {
      const place = readPlaceSegments(country, name);
      if (!place) throw new Invalid(`"${country.slice(0, 10)}" is not a country code`);
      // The representation is named by the date's extension; `.html` on the name is a spelling.
      if (place.format !== 'html')
        throw new Invalid('put the extension on the date: /{CC}/{Name}/{date}.json');
      const day = readDaySegment(date);
      return { countryCode: place.countryCode, key: place.key, ...day };
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

/**
 * The place of a URI beneath it (`/{CC}/{Name}/line.txt`, `/{CC}/{Name}/widget`), in any
 * spelling; its name carries no extension (`misnamed`: the refusal when it does). `as`: the
 * representation whose default units it takes (the line is text). One transform only: OpenAPI
 * reads the parameters through it, not through a second.
 */
export const placeBeneathParams = (misnamed: string, as?: 'txt') =>
  z
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
        if (place.format !== 'html') throw new Invalid(misnamed);
        return { ...place, format: as ?? place.format };
      }),
    );
