import { z } from '@hono/zod-openapi';
import { demoNotice, locationSchema, unitsSchema } from '../../documents/document-schemas.ts';

const n = z.number().nullable();
const day = z.string().openapi({ format: 'date', example: '2026-01-01' });
const source = z.string().nullable().openapi({ description: '`demo` for generated data' });

const normalBand = z
  .object({
    temperature_mean: z.number(),
    temperature_p10: z.number(),
    temperature_p90: z.number(),
  })
  .nullable()
  .openapi({ description: "The normal of the day's calendar month; null under 10 days of it" });

export const dailyStatsSchema = z
  .object({
    location: locationSchema,
    from: day,
    to: day,
    source: source.openapi({ description: 'The source of most of the days shown' }),
    notice: demoNotice,
    normals_source: source.openapi({ description: "The place's primary source" }),
    units: unitsSchema,
    days: z.array(
      z
        .object({
          date: day,
          source,
          temperature_min: n,
          temperature_max: n,
          temperature_mean: n,
          precipitation: n,
          complete: z.boolean().nullable(),
          normal: normalBand,
        })
        .openapi('StatsDay'),
    ),
    attribution: z.array(z.string()),
  })
  .openapi('DailyStats');

export const climatologySchema = z
  .object({
    location: locationSchema,
    source,
    notice: demoNotice,
    units: unitsSchema,
    first_date: day.nullable(),
    last_date: day.nullable(),
    months: z.array(
      z
        .object({
          month: z.number().int().min(1).max(12),
          days: z.number().int(),
          years: z.number().int(),
          temperature_mean: n,
          temperature_sd: n,
          temperature_p10: n,
          temperature_p50: n,
          temperature_p90: n,
          temperature_min_mean: n,
          temperature_max_mean: n,
          precipitation_daily_mean: n,
          precipitation_monthly_mean: n,
        })
        .openapi('ClimatologyMonth'),
    ),
    attribution: z.array(z.string()),
  })
  .openapi('Climatology');

const recordDay = z.object({ date: day, value: z.number(), link: z.string() }).openapi('RecordDay');

export const recordsSchema = z
  .object({
    location: locationSchema,
    source,
    notice: demoNotice,
    units: unitsSchema,
    limit: z.number().int(),
    days: z.number().int(),
    first_date: day.nullable(),
    last_date: day.nullable(),
    hottest: z.array(recordDay),
    coldest: z.array(recordDay),
    wettest: z.array(recordDay),
    attribution: z.array(z.string()),
  })
  .openapi('Records');

export const anomalySchema = z
  .object({
    location: locationSchema,
    date: day,
    source,
    notice: demoNotice,
    units: unitsSchema,
    temperature_mean: n,
    normal: z
      .object({
        source: z.string(),
        month: z.number().int(),
        days: z.number().int(),
        years: z.number().int(),
        temperature_mean: z.number(),
        temperature_sd: n,
        temperature_p10: z.number(),
        temperature_p90: z.number(),
      })
      .nullable(),
    difference: n,
    z_score: n,
    reason: z
      .object({ code: z.enum(['no-data', 'too-few-days', 'no-spread']), detail: z.string() })
      .nullable(),
    links: z.object({ day: z.string(), climatology: z.string() }),
    attribution: z.array(z.string()),
  })
  .openapi('Anomaly');

export const rankingSchema = z
  .object({
    country_code: z.string(),
    region_code: z.string().nullable(),
    stat: z.enum(['warmest', 'coldest', 'wettest']),
    from: day,
    to: day,
    period_days: z.number().int(),
    notice: demoNotice,
    units: unitsSchema,
    limit: z.number().int(),
    page: z.number().int(),
    total: z.number().int().openapi({ description: 'Places ranked, on every page' }),
    places: z.array(
      z
        .object({
          rank: z.number().int(),
          location: locationSchema,
          source: z.string(),
          value: z.number(),
          days: z.number().int().openapi({ description: 'Days of the period the value stands on' }),
        })
        .openapi('RankedPlace'),
    ),
    next: z.string().nullable(),
    attribution: z.array(z.string()),
  })
  .openapi('Ranking');
