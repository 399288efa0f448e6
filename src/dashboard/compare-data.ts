import { readPlaceRef } from '../contract/uris/place-uri.ts';
import type { ApiClient } from './api-client.ts';
import { BadQuery, defaultPeriod, localDate, type Period } from './period.ts';
import { type Located, locate, statsPaths, tagsOf, UnknownPlace } from './place-data.ts';

export const MIN_PLACES = 2;
export const MAX_PLACES = 4;

/** Reads `places` as written (`GB/London,fr/paris`): what to look up, in the order given. */
export function readPlaces(text: string | undefined): { countryCode: string; key: string }[] {
  if (text === undefined || text.trim() === '') {
    throw new BadQuery(
      `name ${MIN_PLACES} to ${MAX_PLACES} places, e.g. places=GB/London,FR/Paris`,
    );
  }
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const refs = parts.map((p) => {
    const ref = readPlaceRef(p);
    if (!ref)
      throw new BadQuery(`"${p.slice(0, 40)}" is not a place; write it as CC/Name, e.g. FR/Paris`);
    return ref;
  });
  if (refs.length < MIN_PLACES || refs.length > MAX_PLACES) {
    throw new BadQuery(`compare ${MIN_PLACES} to ${MAX_PLACES} places; ${refs.length} given`);
  }
  return refs;
}

export interface CompareData {
  places: Located[];
  period: Period;
  // biome-ignore lint/suspicious/noExplicitAny: daily series documents, read loosely
  series: any[];
  controls: (string | null)[];
  tags: string[];
}

/** The places (canonical, duplicates dropped) and each one's daily series over the period. */
export async function loadCompare(
  api: ApiClient,
  wanted: { countryCode: string; key: string }[],
  asked: Period | null,
  now: number,
): Promise<CompareData> {
  const found = await Promise.all(wanted.map((w) => locate(api, w.countryCode, w.key)));
  const places = found.filter((p, i) => found.findIndex((q) => q.ref === p.ref) === i);
  if (places.length < MIN_PLACES) throw new BadQuery(`compare ${MIN_PLACES} different places`);
  const period = asked ?? defaultPeriod(localDate(now, places[0]!.location.timezone));
  const answers = await Promise.all(places.map((p) => api.get(statsPaths(p.ref).daily(period))));
  answers.forEach((a, i) => {
    if (a.status === 404) throw new UnknownPlace(`no place ${places[i]!.ref}`);
    if (a.status !== 200) throw new Error(`the daily series of ${places[i]!.ref}: ${a.status}`);
  });
  return {
    places,
    period,
    series: answers.map((a) => a.body),
    controls: answers.map((a) => a.cacheControl),
    tags: tagsOf(answers),
  };
}

/** The canonical query of a comparison, in the edge's cache-key form (names sorted, encoded). */
export function compareQuery(refs: readonly string[], period: Period | null): string {
  const pairs: [string, string][] = [];
  if (period) pairs.push(['from', period.from]);
  pairs.push(['places', refs.join(',')]);
  if (period) pairs.push(['to', period.to]);
  return new URLSearchParams(pairs).toString();
}
