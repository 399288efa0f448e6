import { z } from '@hono/zod-openapi';
import { readCalendarDate } from '../../contract/uris/day-uri.ts';
import {
  RANKING_DEFAULT_LIMIT,
  RANKING_MAX_LIMIT,
  RANKING_STATS,
  RECORDS_DEFAULT_LIMIT,
  RECORDS_MAX_LIMIT,
  STATS_MAX_DAYS,
} from '../../contract/uris/statistics-uri.ts';
import { parsedBy } from '../schemas/parsed-by.ts';
import { apiUnitsQuery } from '../schemas/queries.ts';

const date = (name: string, description: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined ? `query parameter "${name}" is required` : undefined,
    })
    .transform(parsedBy((value: string) => readCalendarDate(value, `query parameter "${name}"`)))
    .openapi({ description, example: '2026-01-01' });

const wholeNumber = (name: string, max: number, fallback: number, description: string) => {
  const message = `query parameter "${name}" must be a whole number from 1 to ${max}`;
  return z
    .string()
    .regex(/^\d{1,4}$/, message)
    .transform(Number)
    .pipe(z.number().min(1, message).max(max, message))
    .default(fallback)
    .openapi({ description, example: String(fallback) });
};

const period = {
  from: date('from', 'The first local date, YYYY-MM-DD (required)'),
  to: date(
    'to',
    `The last local date, at most ${STATS_MAX_DAYS} days on; \`from\` + 30 days if left out`,
  ).optional(),
};

/** `/v1/locations/{CC}/{Name}/stats/daily` */
export const dailyStatsQuery = apiUnitsQuery.extend(period);

/** `/v1/locations/{CC}/{Name}/stats/climatology` */
export const climatologyQuery = apiUnitsQuery;

/** `/v1/locations/{CC}/{Name}/stats/records` */
export const recordsQuery = apiUnitsQuery.extend({
  limit: wholeNumber(
    'limit',
    RECORDS_MAX_LIMIT,
    RECORDS_DEFAULT_LIMIT,
    `Days of each kind (1–${RECORDS_MAX_LIMIT})`,
  ),
});

/** `/v1/locations/{CC}/{Name}/stats/anomaly` */
export const anomalyQuery = apiUnitsQuery.extend({
  date: date('date', 'The local date, YYYY-MM-DD (required)'),
});

/** `/v1/rankings/{CC}` */
export const rankingQuery = apiUnitsQuery.extend({
  ...period,
  stat: z
    .enum(RANKING_STATS, {
      error: (issue) =>
        issue.input === undefined
          ? 'query parameter "stat" is required'
          : `query parameter "stat" must be one of: ${RANKING_STATS.join(', ')}`,
    })
    .openapi({ description: 'What places are ranked by', example: 'warmest' }),
  region: z
    .string()
    .regex(/^[A-Za-z0-9]{1,20}$/, 'query parameter "region" must be a region code, e.g. ENG')
    .transform((code) => code.toUpperCase())
    .optional()
    .openapi({ description: 'Only places of this first-level region (`region_code`)' }),
  limit: wholeNumber(
    'limit',
    RANKING_MAX_LIMIT,
    RANKING_DEFAULT_LIMIT,
    `Places per page (1–${RANKING_MAX_LIMIT})`,
  ),
  page: wholeNumber('page', 9999, 1, 'The page, from 1'),
});
