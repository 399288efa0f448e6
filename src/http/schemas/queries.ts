import { z } from '@hono/zod-openapi';
import { readCursor } from '../../contract/uris/changes-uri.ts';
import { readLatitude, readLongitude } from '../../contract/uris/coordinates-uri.ts';
import {
  HISTORY_DEFAULT_DAYS,
  HISTORY_MAX_DAYS,
  readCalendarDate,
} from '../../contract/uris/day-uri.ts';
import { searchKey } from '../../contract/uris/slug.ts';
import { checkSearchPrefix, SEARCH_LIMITS, searchPrefix } from '../../domain/search-terms.ts';
import { UNIT_SYSTEMS } from '../../domain/weather/units.ts';
import { parsedBy } from './parsed-by.ts';

/** The message a missing required parameter gets; other issues keep their own. */
const required = (message: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? message : undefined),
});

/**
 * `units`: metric or imperial; absent means the representation's default (`defaultUnits`), and
 * spelling that default out answers 301.
 */
const unitSystem = z.enum(UNIT_SYSTEMS, {
  error: `query parameter "units" must be one of: ${UNIT_SYSTEMS.join(', ')}`,
});

export const unitsQuery = z.object({
  units: unitSystem.optional().openapi({
    description:
      'Units of the values shown. The default is `metric`, except on the HTML and text pages ' +
      'of places in the US, Liberia and Myanmar, where it is `imperial`',
  }),
});

/** `units` on JSON-only resources (statistics, rankings): `metric` unless asked. */
export const apiUnitsQuery = z.object({
  units: unitSystem
    .default('metric')
    .openapi({ description: 'Units of the values shown; `metric` is the default' }),
});

const q = z
  .string(required('query parameter "q" is required'))
  .max(100, 'query parameter "q" is longer than 100 characters')
  .transform(parsedBy((text: string) => ({ text, prefix: searchPrefix(text) })))
  .openapi({
    description: `The start of a place name, any case, diacritics optional; at most ${SEARCH_LIMITS.words} words and ${SEARCH_LIMITS.characters} characters once folded`,
    example: 'lon',
  });

const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'query parameter "country" must be an ISO 3166-1 alpha-2 code')
  .transform((code) => code.toUpperCase())
  .optional()
  .openapi({ description: 'Only places in this country', example: 'GB' });

const LIMIT = 'query parameter "limit" must be a whole number from 1 to 50';
/** The number of results a search gives when `limit` is left out. */
export const SEARCH_DEFAULT_LIMIT = 10;

/** The location search (`/v1/locations`). */
export const searchQuery = z.object({
  q,
  country,
  limit: z
    .string()
    .regex(/^\d{1,3}$/, LIMIT)
    .transform(Number)
    .pipe(z.number().min(1, LIMIT).max(50, LIMIT))
    .default(SEARCH_DEFAULT_LIMIT)
    .openapi({ description: 'How many places at most (1–50)', example: '10' }),
});

/**
 * The search page for people (`/search`): the same, with a fixed number of results, and `q` may
 * be left out or say nothing (no letter or digit): the landing page then, not a 400.
 */
export const searchPageQuery = z.object({
  q: z
    .string()
    .max(100, 'query parameter "q" is longer than 100 characters')
    .optional()
    .transform(parsedBy(readPageSearch))
    .openapi({
      description:
        'The start of a place name, any case, diacritics optional; empty or left out: the landing page',
      example: 'lon',
    }),
  country,
});

/** A person's search as typed; undefined when it holds nothing to search by. */
function readPageSearch(text: string | undefined) {
  const prefix = text === undefined ? '' : searchKey(text);
  if (!prefix) return undefined;
  checkSearchPrefix(prefix);
  return { text: text!, prefix };
}

/**
 * The one spelling of a search, so `q=KRA`, `q=kra%20` and `limit=03` share a cache entry: `q` as
 * the search folds it (case, diacritics and punctuation never change the answer), the country in
 * upper case, the default limit left out. Parameters go in the edge's cache-key form (sorted by
 * name, spaces as `+`), or an edge that forwards that form would be sent round in a loop.
 */
export function canonicalSearch(
  path: string,
  query: { q: { prefix: string }; country?: string | undefined; limit?: number },
): string {
  const pairs: [string, string][] = [];
  if (query.country) pairs.push(['country', query.country]);
  if (query.limit !== undefined && query.limit !== SEARCH_DEFAULT_LIMIT)
    pairs.push(['limit', String(query.limit)]);
  pairs.push(['q', query.q.prefix]);
  return `${path}?${new URLSearchParams(pairs).toString()}`;
}

const both = required('query parameters "lat" and "lon" are both required');

/** The nearest place (`/v1/nearest`). */
export const nearestQuery = z.object({
  lat: z
    .string(both)
    .transform(parsedBy(readLatitude))
    .openapi({ description: 'Latitude in decimal degrees', example: '51.51' }),
  lon: z
    .string(both)
    .transform(parsedBy(readLongitude))
    .openapi({ description: 'Longitude in decimal degrees', example: '-0.13' }),
});

/** `/?place=`: the visitor's choice of place. */
export const firstVisitQuery = z.object({
  place: z.string().optional().openapi({
    description: "Make this place the visitor's own: `{CC}/{Name}`",
    example: 'GB/London',
  }),
});

const HISTORY_LIMIT = `query parameter "limit" must be a whole number from 1 to ${HISTORY_MAX_DAYS}`;
const dateQuery = (name: string) =>
  z
    .string(required(`query parameter "${name}" is required`))
    .transform(parsedBy((text: string) => readCalendarDate(text, `query parameter "${name}"`)));

/** A place's history (`/v1/locations/{CC}/{Name}/history`): a range of days, by pages. */
export const historyQuery = unitsQuery.extend({
  from: dateQuery('from').openapi({
    description: 'The first local date, YYYY-MM-DD (required)',
    example: '2026-11-01',
  }),
  to: dateQuery('to')
    .optional()
    .openapi({
      description: `The last local date, at most ${HISTORY_MAX_DAYS} days on from \`from\`; \`from\` + ${HISTORY_DEFAULT_DAYS - 1} days if left out`,
      example: '2026-11-30',
    }),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, HISTORY_LIMIT)
    .transform(Number)
    .pipe(z.number().min(1, HISTORY_LIMIT).max(HISTORY_MAX_DAYS, HISTORY_LIMIT))
    .default(HISTORY_DEFAULT_DAYS)
    .openapi({ description: 'Days per page (1–366)', example: '31' }),
});

/** The change feed (`/v1/changes`): where to continue. */
export const changesQuery = z.object({
  after: z.string().transform(parsedBy(readCursor)).optional().openapi({
    description:
      "The cursor to continue after (an entry's `cursor`, or a page's `next`); `0` for the oldest change kept. Left out: 302 to the newest position.",
    example: '0',
  }),
});
