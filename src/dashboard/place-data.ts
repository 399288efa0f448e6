import { DomainError } from '../contract/protocol/request-errors.ts';
import type { ApiAnswer, ApiClient } from './api-client.ts';
import { defaultPeriod, localDate, type Period } from './period.ts';

/** What the API says of a place: its `location` object (country_code, slug, timezone, …). */
export interface Located {
  ref: string;
  // biome-ignore lint/suspicious/noExplicitAny: the API's location object, read field by field
  location: any;
}

/** The place is not in the catalog: the page answers 404. */
export class UnknownPlace extends Error {
  override name = 'UnknownPlace';
}

/** Everything the place page shows, with what its caching depends on. */
export interface PlaceData extends Located {
  period: Period;
  today: string;
  // biome-ignore lint/suspicious/noExplicitAny: documents of docs/statistics.md, read loosely
  daily: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  climatology: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  records: any;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  anomaly: any;
  /** The Cache-Control of every answer the page is built on. */
  controls: (string | null)[];
  /** Their Cache-Tags. */
  tags: string[];
}

/** The API paths of a place's statistics (docs/statistics.md), in their canonical spelling. */
export const statsPaths = (ref: string) => ({
  location: `/v1/locations/${ref}`,
  daily: (p: Period) => `/v1/locations/${ref}/stats/daily?from=${p.from}&to=${p.to}`,
  climatology: `/v1/locations/${ref}/stats/climatology`,
  records: `/v1/locations/${ref}/stats/records`,
  anomaly: (date: string) => `/v1/locations/${ref}/stats/anomaly?date=${date}`,
});

/** A failure of the API the dashboard cannot show around: the page fails as the API did. */
function refused(what: string, answer: ApiAnswer): never {
  const detail = answer.body?.detail ?? `the API answered ${answer.status}`;
  const code = answer.status === 503 ? 'unavailable' : 'internal';
  throw new DomainError(code, `${what}: ${detail}`);
}

/** Looks a place up by any spelling (the API answers 301 to the canonical one). */
export async function locate(api: ApiClient, countryCode: string, key: string): Promise<Located> {
  const answer = await api.get(`/v1/locations/${countryCode}/${encodeURIComponent(key)}`);
  if (answer.status === 404) throw new UnknownPlace(`no place "${key}" is known in ${countryCode}`);
  if (answer.status !== 200 || !answer.body?.location) refused('the place', answer);
  const location = answer.body.location;
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
  const names = ['the daily series', 'the climatology', 'the records', "today's anomaly"];
  answers.forEach((a, i) => {
    if (a.status !== 200) refused(names[i]!, a);
  });
  const [daily, climatology, records, anomaly] = answers.map((a) => a.body);
  return {
    ...place,
    period,
    today,
    daily,
    climatology,
    records,
    anomaly,
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
