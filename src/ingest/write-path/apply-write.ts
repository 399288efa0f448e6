import type { CapAlert } from '../../domain/alerts.ts';
import { type Changes, mergeChanges } from '../../domain/changes.ts';
import { comingFrom, recentSince } from '../../domain/weather/demo-cover.ts';
import { DEMO_SOURCE, type ForecastHour, type Observation } from '../../domain/weather/weather.ts';
import { storeAlerts } from '../../store/alerts/alert-rows.ts';
import { placeRefsByIds } from '../../store/catalog/locations.ts';
import type { Queryable } from '../../store/database.ts';
import type { ChangeReason } from '../../store/operations/change-log.ts';
import type { SourceDate, TouchedDay } from '../../store/weather/daily.ts';
import { recordChange } from '../../store/write/change-record.ts';
import {
  deriveBatchDailySummaries,
  deriveDailySummaries,
  deriveDailySummariesOfDays,
  type SentSummary,
  upsertSentSummaries,
} from '../../store/write/daily-rows.ts';
import { type DemoReplaced, replaceDemoData } from '../../store/write/demo-data.ts';
import { extendNextUpdate } from '../../store/write/freshness-extension.ts';
import {
  stageObservations,
  upsertBatchObservations,
} from '../../store/write/staged-observations.ts';
import {
  upsertForecastHours,
  upsertObservations,
  type Written,
} from '../../store/write/weather-rows.ts';
import { refreshPlaceReads } from './read-model.ts';

/** Rows to store, all or any of them; what else a write may change about places. */
export interface WriteSet {
  observations?: readonly Observation[];
  forecasts?: readonly ForecastHour[];
  /** Daily summaries a source sent whole. */
  daily?: readonly SentSummary[];
  /**
   * The local days whose summaries are derived again from the hours stored (a long history,
   * written place by place); without it, the days the observations fall in are.
   */
  derivedDays?: readonly SourceDate[];
  /** A provider's "not modified": the place's rows from `source` are good until `until`. */
  nextUpdate?: { locationId: number; source: string; until: Date; fromHour: Date };
  /** Places whose cached answers must go although no row changed (a purge by hand). */
  touched?: readonly number[];
  /** CAP messages (new, updated, cancelled warnings): the places they cover or covered change. */
  alerts?: readonly CapAlert[];
}

export type DemoReplacedByKind = Record<
  'observations' | 'forecasts' | 'daily',
  { rows: number; places: string[] }
>;

/** What a write stored, and what it changed. */
export interface Applied extends Pick<Written, 'inserted' | 'replaced' | 'bySource'> {
  /** The same counts by kind of row, and by source within each. */
  byKind: Record<
    'observations' | 'forecasts' | 'daily',
    Pick<Written, 'inserted' | 'replaced' | 'bySource'>
  >;
  /** The demo source's rows the real ones replaced, by kind, with their places (`GB/London`). */
  demoReplaced: DemoReplacedByKind;
  changes: Changes;
  /** CAP messages stored that were not stored before. */
  alertsInserted: number;
  /** Its change log entry; null when nothing changed. */
  changeId: number | null;
}

export interface ApplyOptions {
  now: Date;
  reason: ChangeReason;
}

/**
 * The write path: every way data enters goes through here, in one transaction (a savepoint in
 * the caller's): the rows, the daily summaries and monthly rollups they change, the end of demo
 * data where real data covers the same thing (domain/weather/demo-cover.ts), the read model of
 * every place that changed, and the change log entry with its announcement. After commit the
 * change service takes it from the log (src/changes/): no writer purges, announces or rebuilds
 * on its own, so none can forget to.
 */
export function applyWrite(q: Queryable, set: WriteSet, options: ApplyOptions): Promise<Applied> {
  return q.transaction(async (tx) => {
    // Many observations (an import's batch) go in through a stage: staged-observations.ts.
    const observations = await stageObservations(tx, set.observations ?? []);
    const byKind = {
      observations:
        observations.how === 'bound'
          ? await upsertObservations(tx, observations.rows, options.now)
          : await upsertBatchObservations(tx, observations, options.now),
      forecasts: await upsertForecastHours(tx, set.forecasts ?? [], options.now),
      daily: await upsertSentSummaries(tx, set.daily ?? []),
    };
    const written = Object.values(byKind);
    const days: TouchedDay[] = set.derivedDays
      ? await deriveDailySummariesOfDays(tx, set.derivedDays)
      : observations.how === 'bound'
        ? await deriveDailySummaries(tx, observations.rows)
        : await deriveBatchDailySummaries(tx, { ...observations, how: observations.how });
    const sent = new Set(byKind.daily.locationIds);
    // Pushed one by one: a spread of an import's 100,000 days would overflow the stack.
    for (const d of set.daily ?? []) if (sent.has(d.locationId)) days.push(d);

    const changed = new Set(written.flatMap((w) => w.locationIds));
    // Real data ends the demo's only where it covers the same thing: a place whose demo rows go
    // changes too, and so do the days whose demo summary goes.
    const real = <T extends { source: string }>(rows: readonly T[] | undefined) =>
      (rows ?? []).filter((row) => row.source !== DEMO_SOURCE);
    const demo = await replaceDemoData(
      tx,
      {
        observations: real(observations.rows),
        batch: observations,
        forecasts: real(set.forecasts),
        daily: real(set.daily),
      },
      { recentSince: recentSince(options.now), comingFrom: comingFrom(options.now) },
    );
    for (const kind of Object.values(demo.byKind))
      for (const id of kind.locationIds) changed.add(id);
    for (const day of demo.days) changed.add(day.locationId);
    for (const day of demo.days) days.push(day);
    const n = set.nextUpdate;
    if (n && (await extendNextUpdate(tx, n.locationId, n.source, n.until, n.fromHour)) > 0)
      changed.add(n.locationId);
    const alerts = await storeAlerts(tx, set.alerts ?? [], options.now);
    const warnedOnly = new Set(alerts.locationIds.filter((id) => !changed.has(id)));
    for (const id of alerts.locationIds) changed.add(id);

    await refreshPlaceReads(tx, [...changed], options.now, warnedOnly);
    for (const id of set.touched ?? []) changed.add(id);
    const refs = await placeRefsByIds(tx, [...changed]);
    const changes = mergeChanges([
      {
        places: [...changed].map((id) => refs.get(id)).filter((ref) => ref !== undefined),
        days: days.flatMap(({ locationId, date }) => {
          const place = refs.get(locationId);
          return place ? [{ place, date }] : [];
        }),
      },
    ]);
    const changeId = await recordChange(tx, changes, options.reason);
    return {
      inserted: written.reduce((n, w) => n + w.inserted, 0),
      replaced: written.reduce((n, w) => n + w.replaced, 0),
      bySource: written.flatMap((w) => w.bySource),
      byKind,
      demoReplaced: {
        observations: withRefs(demo.byKind.observations, refs),
        forecasts: withRefs(demo.byKind.forecasts, refs),
        daily: withRefs(demo.byKind.daily, refs),
      },
      changes,
      alertsInserted: alerts.inserted,
      changeId,
    };
  });
}

function withRefs(replaced: DemoReplaced, refs: Map<number, string>) {
  const places = replaced.locationIds.map((id) => refs.get(id)).filter((r) => r !== undefined);
  return { rows: replaced.rows, places };
}
