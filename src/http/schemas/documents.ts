import { z } from '@hono/zod-openapi';
import type { LocationJson, NearestJson } from '../../contract/api.ts';
import { PROBLEMS, type ProblemCode } from '../../contract/problem.ts';
import { CONDITIONS } from '../../domain/weather.ts';

const nullableNumber = z.number().nullable();

export const locationSchema = z
  .object({
    country_code: z.string().openapi({ example: 'GB' }),
    country: z.string().openapi({ example: 'United Kingdom' }),
    region_code: z.string().nullable().openapi({ example: 'ENG' }),
    name: z.string().openapi({ example: 'London' }),
    slug: z.string().openapi({ example: 'London' }),
    path: z.string().openapi({ example: '/GB/London' }),
    latitude: z.number(),
    longitude: z.number(),
    population: z.number().int(),
    timezone: z.string().openapi({ example: 'Europe/London' }),
    geonames_id: z.number().int(),
    links: z.object({ html: z.string(), json: z.string(), txt: z.string(), metadata: z.string() }),
  })
  .openapi('Location') satisfies z.ZodType<LocationJson>;

export const searchSchema = z
  .object({ query: z.string(), results: z.array(locationSchema) })
  .openapi('SearchResults');

export const locationDocumentSchema = z
  .object({ location: locationSchema })
  .openapi('LocationDocument');

export const nearestSchema = z
  .object({
    query: z.object({ lat: z.number(), lon: z.number() }),
    distance_km: z.number(),
    location: locationSchema,
  })
  .openapi('Nearest') satisfies z.ZodType<NearestJson>;

const measures = {
  condition: z.enum(CONDITIONS),
  temperature: nullableNumber,
  apparent_temperature: nullableNumber,
  humidity: nullableNumber,
  pressure: nullableNumber,
  wind_speed: nullableNumber,
  wind_gust: nullableNumber,
  wind_direction: nullableNumber,
  precipitation: nullableNumber,
  cloud_cover: nullableNumber,
  visibility: nullableNumber,
};

export const placeDocumentSchema = z
  .object({
    location: locationSchema,
    source: z.string().nullable().openapi({ description: '`demo` for generated data' }),
    notice: z.string().optional().openapi({ description: 'Present when any of it is demo data' }),
    units: z.object({
      system: z.enum(['metric', 'imperial']),
      temperature: z.string(),
      wind: z.string(),
      pressure: z.string(),
      precipitation: z.string(),
      visibility: z.string(),
      humidity: z.string(),
      cloud_cover: z.string(),
      wind_direction: z.string(),
    }),
    current: z
      .object({
        source: z.string(),
        observed_at: z.string().openapi({ format: 'date-time' }),
        next_update_at: z.string().openapi({ format: 'date-time' }),
        ...measures,
      })
      .nullable(),
    forecast: z.object({
      source: z.string().nullable(),
      hours: z.array(
        z.object({
          time: z.string().openapi({ format: 'date-time' }),
          ...measures,
          precipitation_probability: nullableNumber,
        }),
      ),
    }),
    attribution: z.array(z.string()),
  })
  .openapi('PlaceDocument');

export const problemSchema = z
  .object({
    type: z.literal('about:blank'),
    status: z.number().int(),
    code: z.enum(Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]]),
    title: z.string(),
    detail: z.string(),
    instance: z.string(),
    request_id: z
      .string()
      .optional()
      .openapi({ description: 'Only in answers no cache keeps; always in X-Request-Id' }),
  })
  // RFC 9457 extension members, e.g. `parameter` naming the bad query parameter.
  .catchall(z.unknown())
  .openapi('Problem');

export const healthSchema = z
  .object({ status: z.enum(['ok', 'unavailable']), database: z.string().optional() })
  .openapi('Health');
