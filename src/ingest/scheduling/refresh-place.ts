import { placePath } from '../../contract/uris/place-uri.ts';
import type { Place } from '../../domain/place.ts';
import type { Metrics } from '../../metrics/metrics.ts';
import type { Queryable } from '../../store/database.ts';
import { reserveRequest } from '../../store/providers/provider-budgets.ts';
import {
  type ProviderSchedule,
  type ScheduleUpdate,
  saveSchedules,
} from '../../store/providers/provider-places.ts';
import type { FetchResult, Provider, RawRow } from '../providers/provider.ts';
import { type FailureOutcome, ProviderError } from '../providers/provider-http.ts';
import { afterFailure, afterUpdate, budgetSoFar, type Timing } from './backoff.ts';
import { type Stored, storeResult } from './store-result.ts';

/** What became of one attempt: a request's outcome, or why none was sent. */
export type Outcome = 'ok' | 'not_modified' | FailureOutcome | 'internal' | 'no_budget';

export type ProviderMetrics = Pick<
  Metrics,
  'providerRequests' | 'providerBudgetLeft' | 'providerPlacesBehind' | 'ingest'
>;

export interface ProviderLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface RefreshDeps {
  db: Queryable;
  provider: Provider;
  now: () => number;
  log: ProviderLog;
  metrics: ProviderMetrics;
  timing: Timing;
}

/**
 * Takes one request from a provider's budget for the day (paced over the day), unless none is
 * left, or the place's Expires has not passed (the due query already holds those back; the
 * terms make it worth saying twice).
 */
export async function reserveFor(
  d: RefreshDeps,
  schedule: ProviderSchedule,
): Promise<'reserved' | 'no_budget' | 'not_due'> {
  const now = new Date(d.now());
  if (schedule.expiresAt && schedule.expiresAt > now) return 'not_due';
  const allowed = budgetSoFar(d.provider.dailyBudget, now);
  return (await reserveRequest(d.db, d.provider.name, now, allowed)) ? 'reserved' : 'no_budget';
}

/** An answer whose promised next update is when the place will be asked again (`fetchAt`). */
export type Planned = FetchResult & { fetchAt: Date };

/**
 * The answer with its next update moved to when this place will be asked again: the provider's
 * promised update plus jitter (never before Expires). The rows carry that time, so caches keep
 * the answer until the request that can change it, not until the provider's promise and then a
 * minute at a time through the jitter (and any queue lag under it).
 */
export function planned(result: FetchResult, now: Date, timing: Timing): Planned {
  if ('fetchAt' in result) return result as Planned;
  const fetchAt = afterUpdate(result.nextUpdateAt, result.conditional.expiresAt, now, timing);
  // The rows are this answer's own, made by the provider's adapter for it: their time is moved
  // where they are, not copied row by row (a copy of each of a batch's 12,000 hours, held with
  // the originals until the batch was stored; bench:refresh, "CPU per refresh").
  const move = (rows: RawRow[]) => {
    for (const r of rows) r.next_update_at = fetchAt;
  };
  if (result.status === 'updated') {
    move(result.observations);
    move(result.forecasts);
  }
  return { ...result, nextUpdateAt: fetchAt, fetchAt };
}

/** What became of an attempt, and the schedule it leaves its place with (not yet saved). */
export interface Attempt {
  outcome: Outcome;
  schedule: ScheduleUpdate;
}

/**
 * Brings one place up to date from one provider, its request already reserved: asks (or takes
 * the answer `fetched`, the place's part of a batch request), stores what came (or nothing, when
 * it failed; or nothing, when the batch's answers were `stored` together already), and says when
 * to ask next (the caller saves that: a batch's schedules in one statement). Never throws:
 * whatever goes wrong, the stored weather stays as it was and the place is tried again later.
 */
export async function attemptPlace(
  d: RefreshDeps,
  place: Place,
  schedule: ProviderSchedule,
  fetched?: Promise<FetchResult>,
  stored?: Stored,
): Promise<Attempt> {
  const { provider } = d;
  const now = new Date(d.now());
  const previous = { lastModified: schedule.lastModified, expiresAt: schedule.expiresAt };
  let attempt: Attempt;
  try {
    const result = planned(await (fetched ?? provider.fetch(place, previous, now)), now, d.timing);
    if (result.warning) d.log.warn({ provider: provider.name }, result.warning);
    const written =
      stored ?? (await storeResult(d.db, provider.source, place, result, new Date(d.now())));
    for (const { kind, bySource } of written.batches)
      d.metrics.ingest.recordWrite(kind, bySource, d.now());
    const { expiresAt, lastModified } = result.conditional;
    attempt = {
      outcome: result.status === 'updated' ? 'ok' : 'not_modified',
      schedule: {
        locationId: place.id,
        nextFetchAt: result.fetchAt,
        expiresAt,
        lastModified,
        failures: 0,
        attemptAt: now,
        successAt: now,
        error: null,
      },
    };
  } catch (err) {
    const known = err instanceof ProviderError;
    const outcome = known ? err.outcome : 'internal';
    const failures = schedule.failures + 1;
    const nextFetchAt = afterFailure(
      failures,
      known ? err.retryAfterMs : undefined,
      schedule.expiresAt,
      now,
      d.timing,
    );
    const message = err instanceof Error ? err.message : String(err);
    const fields = { provider: provider.name, place: placePath(place).slice(1), outcome };
    d.log.warn(
      { ...fields, failures, retryAt: nextFetchAt, error: message },
      'provider request failed; the place keeps its data',
    );
    attempt = {
      outcome,
      schedule: {
        locationId: place.id,
        nextFetchAt,
        expiresAt: schedule.expiresAt,
        // An answer that was refused must not be pinned by a later "not modified".
        lastModified: outcome === 'malformed' ? null : schedule.lastModified,
        failures,
        attemptAt: now,
        successAt: null,
        error: message.slice(0, 500),
      },
    };
  }
  d.metrics.providerRequests.inc({ provider: provider.name, outcome: attempt.outcome });
  if (attempt.outcome !== 'ok' && attempt.outcome !== 'not_modified')
    d.metrics.ingest.recordError(provider.source, attempt.outcome);
  return attempt;
}

/**
 * Saves the schedules of places attempted; a failure is logged, not thrown: the places' claims
 * run out and they are asked again, their stored weather as it was or newer.
 */
export async function saveAttempts(d: RefreshDeps, attempts: readonly Attempt[]): Promise<void> {
  const schedules = attempts.map((a) => a.schedule);
  await saveSchedules(d.db, d.provider.name, schedules).catch((err: unknown) =>
    d.log.error({ err, places: schedules.map((s) => s.locationId) }, 'provider schedule not saved'),
  );
}

/** One place's attempt (attemptPlace), its schedule saved. */
export async function refreshPlace(
  d: RefreshDeps,
  place: Place,
  schedule: ProviderSchedule,
): Promise<Outcome> {
  const attempt = await attemptPlace(d, place, schedule);
  await saveAttempts(d, [attempt]);
  return attempt.outcome;
}
