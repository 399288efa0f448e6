import type { z } from '@hono/zod-openapi';
import { DomainError } from '../contract/protocol/request-errors.ts';
import { locationDocumentSchema } from '../documents/document-schemas.ts';
import {
  anomalySchema,
  climatologySchema,
  dailyStatsSchema,
  recordsSchema,
} from '../http/statistics/stats-document-schemas.ts';
import type { ApiAnswer, ApiClient } from './api-client.ts';
import {
  type Anomaly,
  type Climatology,
  type DailyStats,
  type Located,
  problemDetail,
  type Records,
} from './api-documents.ts';
import { lookupPath, type PlaceKey, statsPaths } from './dashboard-uris.ts';
import { defaultPeriod, localDate, type Period } from './period.ts';

/** The place is not in the catalog: the page answers 404. */
export class UnknownPlace extends Error {
  override name = 'UnknownPlace';
}

/** Everything the place page shows, with what its caching depends on. */
export interface PlaceData extends Located {
  period: Period;
  today: string;
  daily: DailyStats;
  climatology: Climatology;
  records: Records;
  anomaly: Anomaly;
  /** The Cache-Control of every answer the page is built on. */
  controls: (string | null)[];
  /** Their Cache-Tags. */
  tags: string[];
}

/** A failure of the API the dashboard cannot show around: the page fails as the API did. */
function refused(what: string, answer: ApiAnswer): never {
  const detail = problemDetail(answer.body) ?? `the API answered ${answer.status}`;
  const code = answer.status === 503 ? 'unavailable' : 'internal';
  throw new DomainError(code, `${what}: ${detail}`);
}

/**
 * The document of a 200 answer, read by the schema the API answers by. An API apart from this
 * dashboard may be another version: a document of another shape fails here, named, rather than
 * as a blank cell or a broken page further on.
 */
export function readDocument<S extends z.ZodType>(what: string, answer: ApiAnswer, schema: S) {
  if (answer.status !== 200) refused(what, answer);
  const read = schema.safeParse(answer.body);
  if (!read.success) {
    const issue = read.error.issues[0];
    const at = issue?.path.join('.') || 'the document';
    throw new DomainError(
      'internal',
      `${what} is not the document expected: ${at}: ${issue?.message}`,
    );
  }
  return read.data;
}

/** Looks a place up by any spelling (the API answers 301 to the canonical one). */
export async function locate(api: ApiClient, place: PlaceKey): Promise<Located> {
  const answer = await api.get(lookupPath(place));
  if (answer.status === 404) {
    throw new UnknownPlace(`no place "${place.key}" is known in ${place.countryCode}`);
  }
  const { location } = readDocument('the place', answer, locationDocumentSchema);
  return { ref: `${location.country_code}/${location.slug}`, location };
}

/** Everything the place page needs, read from the API: four documents asked at once. */
export async function loadPlace(
  api: ApiClient,
  place: Located,
  asked: Period | null,
  now: number,
): Promise<PlaceData> {
  const today = localDate(now, place.location.timezone);
  const period = asked ?? defaultPeriod(today);
  const paths = statsPaths(place.ref);
  const answers = await Promise.all([
    api.get(paths.daily(period)),
    api.get(paths.climatology),
    api.get(paths.records),
    api.get(paths.anomaly(today)),
  ]);
  const [daily, climatology, records, anomaly] = answers;
  return {
    ...place,
    period,
    today,
    daily: readDocument('the daily series', daily, dailyStatsSchema),
    climatology: readDocument('the climatology', climatology, climatologySchema),
    records: readDocument('the records', records, recordsSchema),
    anomaly: readDocument("today's anomaly", anomaly, anomalySchema),
    controls: answers.map((a) => a.cacheControl),
    tags: tagsOf(answers),
  };
}

/** The union of the answers' Cache-Tags. */
export function tagsOf(answers: readonly ApiAnswer[]): string[] {
  const tags = new Set<string>();
  for (const a of answers)
    for (const t of (a.cacheTag ?? '').split(',')) if (t.trim()) tags.add(t.trim());
  return [...tags];
}
