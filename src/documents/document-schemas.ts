import { z } from '@hono/zod-openapi';
import type { LocationJson, NearestJson } from '../contract/api.ts';
import { PROBLEMS, type ProblemCode } from '../contract/protocol/problem.ts';
import { CONDITIONS } from '../domain/weather/weather.ts';
import type { ChangesJson } from './changes-document.ts';
import type { StatusJson } from './status-document.ts';

const nullableNumber = z.number().nullable();

export const locationSchema = z
  .object({
    country_code: z.string().openapi({ example: 'GB' }),
    country: z.string().openapi({ example: 'United Kingdom' }),
    region_code: z.string().nullable().openapi({ example: 'ENG' }),
    region: z.string().nullable().openapi({
      example: 'England',
      description: 'The name of the region (GeoNames admin1); null when unknown',
    }),
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

export const searchResultSchema = locationSchema
  .extend({
    matched_name: z.string().nullable().openapi({
      example: 'London Borough of Brent',
      description:
        'The other name the place was found by ("Brent" for `lon`); null when its own name matched',
    }),
  })
  .openapi('SearchResult');

export const searchSchema = z
  .object({ query: z.string(), results: z.array(searchResultSchema) })
  .openapi('SearchResults');

export const changesSchema = z
  .object({
    after: z.string().openapi({ description: 'The cursor this page follows', example: '0' }),
    changes: z.array(
      z.object({
        cursor: z.string().openapi({ description: 'Where to continue after this entry' }),
        at: z.string().openapi({ description: 'When it was logged (ISO 8601)' }),
        reason: z.enum(['write', 'import', 'provider', 'demo', 'purge', 'alert']),
        places: z.array(
          z.object({
            place: z.string().openapi({ example: 'GB/London' }),
            uri: z.string().openapi({ example: '/GB/London' }),
            days: z.array(z.string()).openapi({ description: 'Local days that changed' }),
          }),
        ),
      }),
    ),
    complete: z.boolean().openapi({ description: 'Full: the page never changes (immutable)' }),
    next: z.string().openapi({ description: 'The URI of what follows' }),
  })
  .openapi('Changes') satisfies z.ZodType<ChangesJson>;

const nullableTime = z.string().nullable().openapi({ description: 'ISO 8601, or null' });

export const statusSchema = z
  .object({
    version: z.string().openapi({ description: "The origin's version", example: '0.1.0' }),
    at: z.string().openapi({ description: 'When this status was made (ISO 8601)' }),
    providers: z.array(
      z.object({
        name: z.string().openapi({ example: 'open-meteo' }),
        state: z.enum(['ok', 'failing', 'idle']).openapi({
          description: '`failing`: its latest attempt failed; `idle`: nothing asked yet',
        }),
        last_success_at: nullableTime,
        last_failure_at: nullableTime,
        last_error: z.string().nullable().openapi({ description: 'While failing: why' }),
        lag_seconds: z.number().int().min(0).openapi({
          description: 'How long the oldest place still waiting is past its due time',
        }),
        places_behind: z.number().int().min(0),
        places_failing: z.number().int().min(0),
        budget: z.object({
          daily: z.number().int().min(0),
          used: z.number().int().min(0),
          left: z.number().int().min(0),
        }),
      }),
    ),
    changes: z.object({
      latest: z.string().openapi({ description: "The change feed's newest page" }),
    }),
    origin: z.object({
      cache_hit_ratio: z.number().min(0).max(1).nullable().openapi({
        description: "This origin process's micro-cache hits of all it was asked",
      }),
    }),
  })
  .openapi('Status') satisfies z.ZodType<StatusJson>;

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

export const unitsSchema = z.object({
  system: z.enum(['metric', 'imperial']),
  temperature: z.string(),
  wind: z.string(),
  pressure: z.string(),
  precipitation: z.string(),
  visibility: z.string(),
  humidity: z.string(),
  cloud_cover: z.string(),
  wind_direction: z.string(),
});

export const demoNotice = z
  .string()
  .optional()
  .openapi({ description: 'Present when any of it is demo data' });

const climateNormal = z
  .object({ temperature_max: z.number(), temperature_min: z.number() })
  .openapi({
    description:
      'The normal for the calendar date: the mean daily high and low of every other year held within 7 days of it',
  });
const recordValue = z.object({ value: z.number(), year: z.number().int() }).nullable();

/** A forecast day against the place's climate for its date (date-climate.ts). */
export const dayClimateSchema = z
  .object({
    source: z.string().openapi({
      description:
        'The source of the history it stands on (measured before demo; `demo` for generated data)',
    }),
    years: z.number().int().openapi({ description: 'Years the normal stands on (10 or more)' }),
    normal: climateNormal,
    difference: z
      .object({ temperature_max: z.number(), temperature_min: z.number() })
      .nullable()
      .openapi({
        description:
          "The day's forecast high and low less the normal's; null for a day the forecast covers in part",
      }),
    record: z.object({ temperature_max: recordValue, temperature_min: recordValue }).openapi({
      description:
        'The highest high and lowest low held on this calendar date, and their years; null under 10 years of it',
    }),
    note: z.string().nullable().openapi({
      description:
        'Where the forecast would be the warmest (coldest) for the date in at least 10 years held: e.g. "warmest 14 March since 1997", "coldest 2 January on record"',
      example: 'warmest 14 March since 1997',
    }),
  })
  .optional()
  .openapi({
    description:
      "The day against the place's climate for its date; absent where under 10 years of history are held near it",
  });

export const currentClimateSchema = z
  .object({
    source: z.string().openapi({
      description:
        'The source of the history it stands on (measured before demo; `demo` for generated data)',
    }),
    years: z.number().int(),
    normal: climateNormal,
    difference: z.number().openapi({
      description:
        'The temperature less the normal high when above it, less the normal low when below it, 0 between them',
    }),
  })
  .optional()
  .openapi({
    description:
      "The current temperature against today's normal; absent where under 10 years of history are held near the date",
  });
const dateTime = z.string().openapi({ format: 'date-time' });

/** A weather warning as its issuer published it (CAP 1.2 fields, in its words). */
export const alertSchema = z
  .object({
    id: z.string().openapi({ description: "The issuer's CAP identifier" }),
    event: z.string().openapi({ example: 'Yellow Wind Warning' }),
    severity: z.string().openapi({ description: 'CAP: Extreme, Severe, Moderate, Minor, Unknown' }),
    urgency: z.string().openapi({ description: 'CAP: Immediate, Expected, Future, Past, Unknown' }),
    certainty: z
      .string()
      .openapi({ description: 'CAP: Observed, Likely, Possible, Unlikely, Unknown' }),
    in_force: z.boolean().openapi({ description: 'Begun (onset passed) and not yet expired' }),
    sent: dateTime,
    onset: dateTime.nullable(),
    expires: dateTime.nullable(),
    headline: z.string().nullable(),
    description: z.string().nullable(),
    instruction: z.string().nullable(),
    web: z.string().nullable().openapi({ description: "The issuer's page about it" }),
    language: z.string().nullable(),
    issuer: z
      .string()
      .openapi({ description: 'Who issued it, to be credited', example: 'Met Office' }),
    source: z
      .string()
      .openapi({ description: 'The feed isobar read it from', example: 'meteoalarm' }),
  })
  .openapi('Alert');

export const placeDocumentSchema = z
  .object({
    location: locationSchema,
    source: z.string().nullable().openapi({
      description:
        'The source of the current conditions (else of the forecast); `demo` for generated data. Each part names its own',
    }),
    notice: demoNotice,
    fetching: z.boolean().optional().openapi({
      description:
        'Present (true) while the weather of a place viewed for the first time is being fetched: ask again in a few seconds (the answer is cached for 5)',
    }),
    units: unitsSchema,
    current: z
      .object({
        source: z.string(),
        observed_at: z.string().openapi({ format: 'date-time' }),
        next_update_at: z.string().openapi({ format: 'date-time' }),
        ...measures,
        climate: currentClimateSchema,
      })
      .nullable(),
    forecast: z.object({
      source: z.string().nullable().openapi({ description: 'The source of its first hour' }),
      hours: z
        .array(
          z.object({
            time: z.string().openapi({ format: 'date-time', description: 'When the step begins' }),
            period_hours: z
              .number()
              .int()
              .openapi({
                description:
                  'Hours the step covers: 1, or more (6) where the source turns coarser; ' +
                  'precipitation is the total over them',
              }),
            source: z.string().optional().openapi({
              description: "Present where a step comes from another source than the forecast's",
            }),
            ...measures,
            precipitation_probability: nullableNumber,
          }),
        )
        .openapi({ description: 'Every step, as far as the source forecasts (up to ten days)' }),
      days: z
        .array(
          z.object({
            date: z.string().openapi({ format: 'date', example: '2026-11-20' }),
            condition: z.enum(CONDITIONS).openapi({
              description: 'The sky over most of its hours, the more severe on a tie',
            }),
            temperature_min: nullableNumber,
            temperature_max: nullableNumber,
            precipitation: nullableNumber.openapi({ description: "The day's total" }),
            wind_speed_max: nullableNumber,
            hours_covered: z.number().int().openapi({
              description: 'Hours of the local day the forecast covers',
            }),
            path: z.string().nullable().openapi({
              description: "The day's page, when it has one (a day with observations)",
            }),
            climate: dayClimateSchema,
          }),
        )
        .openapi({ description: "Every local day of the forecast, in the place's time zone" }),
    }),
    updates: z
      .object({
        as_of: z.string().nullable().openapi({
          format: 'date-time',
          description:
            "The newest data shown (an observation, or a forecast's run): its age. The answer's Last-Modified follows it, and never goes back",
        }),
        next_update_at: z.string().nullable().openapi({ format: 'date-time' }),
        behind: z.boolean().openapi({
          description:
            'The source missed its promised update by more than 15 minutes: this is its last data',
        }),
      })
      .openapi({ description: 'How current the data is' }),
    sources: z
      .array(
        z.object({
          source: z.string(),
          provides: z.array(z.enum(['current', 'forecast'])),
          issued_at: z.string().nullable().openapi({
            format: 'date-time',
            description:
              'The run of its forecast, as the source states it (MET Norway); where the source does not say (Open-Meteo), when isobar fetched it. Null for a source of observations only',
          }),
          received_at: z.string().nullable().openapi({
            format: 'date-time',
            description:
              'When isobar received the data shown from it (a fetch that brings nothing new leaves it)',
          }),
          next_update_at: z.string().openapi({
            format: 'date-time',
            description:
              'When the source is next expected to publish: ask again then (the answer stays cached until it)',
          }),
        }),
      )
      .openapi({
        description:
          "Each source of the document's weather with its run and update times, to schedule the next request by",
      }),
    alerts: z.array(alertSchema).openapi({
      description:
        'Public weather warnings (CAP) covering the place, in force or to come, the most severe ' +
        'first; empty when there are none. Every answer showing one expires when it begins or ends',
    }),
    attribution: z.array(z.string()),
  })
  .openapi('PlaceDocument');

const dateSchema = z.string().openapi({ format: 'date', example: '2026-11-20' });

/** Which source's account of a day is shown: non-demo sources are preferred. */
const daySources = {
  source: z.string().openapi({ description: 'The source shown; `demo` for generated data' }),
  other_sources: z
    .array(z.string())
    .openapi({ description: 'Other sources that have this day, in order of preference' }),
};

/** A source's summary of a local day, in the document's units. */
const daySummary = {
  condition: z.enum(CONDITIONS).nullable().openapi({ description: 'The most frequent hourly one' }),
  temperature_min: nullableNumber,
  temperature_max: nullableNumber,
  temperature_mean: nullableNumber,
  precipitation: nullableNumber.openapi({ description: "The day's total" }),
  wind_speed_mean: nullableNumber,
  wind_gust_max: nullableNumber,
  hours_covered: z.number().int().nullable().openapi({
    description: 'Hourly observations it was derived from; null when the source sent the day whole',
  }),
  complete: z.boolean().openapi({ description: 'Every hour of the day is in (23–25 of them)' }),
};

export const dayDocumentSchema = z
  .object({
    location: locationSchema,
    date: dateSchema,
    ...daySources,
    notice: demoNotice,
    units: unitsSchema,
    summary: z.object(daySummary),
    observations: z.array(
      z.object({
        time: z.string().openapi({ format: 'date-time' }),
        local_time: z.string().openapi({
          description: "In the place's time zone, with its UTC offset",
          example: '2026-10-25T01:00+01:00',
        }),
        ...measures,
      }),
    ),
    links: z.object({
      html: z.string(),
      json: z.string(),
      txt: z.string(),
      previous_day: z.string().nullable().openapi({
        description: 'The nearest earlier day with data for this place (null: none)',
      }),
      next_day: z.string().nullable().openapi({
        description: 'The nearest later day with data for this place (null: none)',
      }),
    }),
    attribution: z.array(z.string()),
  })
  .openapi('DayDocument');

export const historySchema = z
  .object({
    location: locationSchema,
    from: dateSchema,
    to: dateSchema,
    limit: z.number().int().openapi({ description: 'Days per page' }),
    notice: demoNotice,
    units: unitsSchema,
    days: z.array(
      z
        .object({ date: dateSchema, ...daySources, ...daySummary, link: z.string() })
        .openapi('HistoryDay'),
    ),
    next: z
      .string()
      .nullable()
      .openapi({ description: 'The canonical URI of the next page; null on the last' }),
    attribution: z.array(z.string()),
  })
  .openapi('History');

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
