import { dailyStatsSchema } from '../http/statistics/stats-document-schemas.ts';
import type { ApiClient } from './api-client.ts';
import type { DailyStats, Located } from './api-documents.ts';
import { distinctPlaces, type PlaceKey, sharedUnits, statsPaths } from './dashboard-uris.ts';
import { defaultPeriod, localDate, type Period } from './period.ts';
import { locate, readDocument, tagsOf, UnknownPlace } from './place-data.ts';

export interface CompareData {
  places: Located[];
  period: Period;
  /** Each place's daily series over the period, in the order of `places`. */
  series: DailyStats[];
  controls: (string | null)[];
  tags: string[];
}

/** The places (canonical, duplicates dropped) and each one's daily series over the period. */
export async function loadCompare(
  api: ApiClient,
  wanted: PlaceKey[],
  asked: Period | null,
  now: number,
): Promise<CompareData> {
  const found = await Promise.all(wanted.map((w) => locate(api, w)));
  const places = distinctPlaces(found);
  const period = asked ?? defaultPeriod(localDate(now, places[0]!.location.timezone));
  // One unit system for all, so their values share the chart's axis and the table's columns.
  const units = sharedUnits(places.map((p) => p.ref));
  const answers = await Promise.all(
    places.map((p) => api.get(statsPaths(p.ref, units).daily(period))),
  );
  const series = answers.map((a, i) => {
    if (a.status === 404) throw new UnknownPlace(`no place ${places[i]!.ref}`);
    return readDocument(`the daily series of ${places[i]!.ref}`, a, dailyStatsSchema);
  });
  return {
    places,
    period,
    series,
    controls: answers.map((a) => a.cacheControl),
    tags: tagsOf(answers),
  };
}
