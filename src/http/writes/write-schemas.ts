import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { readPlaceRef } from '../../contract/uris/place-uri.ts';
import {
  MEASURE_QUANTITIES,
  PRECIPITATION_CHANCE,
  type Quantity,
} from '../../domain/weather/quantities.ts';
import { CONDITIONS } from '../../domain/weather/weather.ts';
import { MAX_GEONAMES_ID } from '../../ingest/field-reader.ts';
import { MAX_NEXT_UPDATE_DAYS } from '../../ingest/row-reader.ts';
import { sizeText } from '../body/body-text.ts';
import { ROW_MEDIA_TYPES, WRITE_LIMITS } from '../body/rows-body.ts';
import type { AppEnv } from '../context.ts';
import { problem } from '../schemas/responses.ts';

type OpenApiRouter = OpenAPIHono<AppEnv>;

// Row schemas are plain JSON Schema, not zod: a zod body schema would make the router parse and
// judge the body itself, whole, before the handler could stream it and report every bad row.
const instant = (description: string) => ({
  type: 'string' as const,
  format: 'date-time',
  description: `${description}; ISO 8601 with a zone`,
});

/** Each quantity in each unit it may be written in: `temperature_c`, `temperature_f`… */
const quantityFields = (quantities: readonly Quantity[]) =>
  Object.fromEntries(
    quantities.flatMap((q) =>
      Object.keys(q.units).map((unit) => [
        `${q.name}_${unit}`,
        {
          type: 'number' as const,
          description: `${q.name.replace(/_/g, ' ')} in ${unit} (each quantity in one unit only)`,
        },
      ]),
    ),
  );

const common = {
  place: {
    type: ['string' as const, 'integer' as const],
    description: `A place path such as GB/London, or a GeoNames id (1 to ${MAX_GEONAMES_ID})`,
    example: 'GB/London',
  },
  source: { type: 'string' as const, pattern: '^[a-z0-9][a-z0-9._-]{0,39}$', example: 'metoffice' },
  condition: { type: 'string' as const, enum: [...CONDITIONS] },
};

const observationRow = {
  type: 'object' as const,
  required: ['place', 'source', 'observed_at', 'condition'],
  additionalProperties: false,
  properties: {
    ...common,
    observed_at: instant('When it was observed'),
    next_update_at: instant(
      `When the source publishes again (default: an hour later; at most ${MAX_NEXT_UPDATE_DAYS} days from now)`,
    ),
    ...quantityFields(MEASURE_QUANTITIES),
  },
};

const forecastRow = {
  type: 'object' as const,
  required: ['place', 'source', 'issued_at', 'valid_at', 'condition'],
  additionalProperties: false,
  properties: {
    ...common,
    issued_at: instant('When the forecast was issued'),
    valid_at: instant('The hour it is for'),
    next_update_at: instant(
      `When the next issue is due (default: an hour after issued_at; at most ${MAX_NEXT_UPDATE_DAYS} days from now)`,
    ),
    period_hours: {
      type: 'integer' as const,
      minimum: 1,
      maximum: 24,
      description:
        'Hours the row covers from valid_at (default 1); its precipitation is their total',
    },
    ...quantityFields([...MEASURE_QUANTITIES, PRECIPITATION_CHANCE]),
  },
};

/** A write's body, for the OpenAPI description: a JSON array of rows, or one row per line. */
export function rowsBody(router: OpenApiRouter, name: 'ObservationRow' | 'ForecastRow') {
  router.openAPIRegistry.registerComponent(
    'schemas',
    name,
    name === 'ObservationRow' ? observationRow : forecastRow,
  );
  const row = { $ref: `#/components/schemas/${name}` };
  const [json, ndjson] = ROW_MEDIA_TYPES;
  return {
    required: true,
    description:
      `At most ${WRITE_LIMITS.maxRows} rows and ${sizeText(WRITE_LIMITS.maxBytes)}. ` +
      'Each quantity may be written in any unit listed and is stored in SI.',
    content: {
      [json]: { schema: { type: 'array' as const, items: row, maxItems: WRITE_LIMITS.maxRows } },
      [ndjson]: { schema: row },
    },
  };
}

/** The bearer scheme every write route declares. */
export function bearerSecurity(router: OpenApiRouter) {
  router.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token made by `isobar token create`; scopes: write, purge, admin',
  });
  return [{ bearer: [] }];
}

export const writeResultSchema = z
  .object({
    read: z.number().int().openapi({ description: 'Rows sent' }),
    inserted: z.number().int().openapi({ description: 'Rows new to isobar' }),
    replaced: z.number().int().openapi({ description: 'Rows that replaced an earlier version' }),
    unchanged: z.number().int().openapi({ description: 'Rows isobar already had, as sent' }),
    places: z.array(z.string()).openapi({ description: 'Places written, as GB/London' }),
  })
  .openapi('WriteResult');

export const purgeRequestSchema = z
  .object({
    places: z
      .array(
        z
          .string()
          .refine((p) => readPlaceRef(p) !== null, 'each place must be a path such as GB/London'),
      )
      .min(1, 'places must name at least one place, e.g. ["GB/London"]')
      .max(1000, 'places may name at most 1000 places a request'),
  })
  .strict()
  .openapi('PurgeRequest');

export const purgeResultSchema = z
  .object({
    places: z.array(z.string()).openapi({ description: 'Places purged, canonically spelled' }),
    unknown: z.array(z.string()).openapi({ description: 'Places given that isobar does not know' }),
  })
  .openapi('PurgeResult');

/** The refusals every guarded route may answer. */
export const refusals = {
  401: problem('No bearer token, or one that is malformed, unknown or revoked'),
  403: problem('The token lacks the scope this needs'),
  413: problem('The body is too large'),
  415: problem('The body is not of a media type this takes'),
  429: problem('The token sent too many requests; see Retry-After'),
  503: problem(
    'Nothing was written: the request met another changing the same rows, or the database is ' +
      'not answering; send it again after Retry-After',
  ),
};
