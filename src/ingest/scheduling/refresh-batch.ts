import { DAY_MS, MINUTE_MS } from '../../contract/durations.ts';
import type { Place } from '../../domain/place.ts';
import {
  pruneBudgets,
  requestsUsed,
  reserveUnits,
} from '../../store/providers/provider-budgets.ts';
import {
  claimPlaces,
  deferPlaces,
  type ProviderSchedule,
  providerBacklog,
} from '../../store/providers/provider-places.ts';
import type { FetchResult, Provider } from '../providers/provider.ts';
import { budgetSoFar } from './backoff.ts';
import {
  type Attempt,
  attemptPlace,
  type Outcome,
  type Planned,
  planned,
  type RefreshDeps,
  saveAttempts,
} from './refresh-place.ts';
import { type Stored, storeAnswers } from './store-result.ts';

/** What became of each place of a batch; `not_due`: another worker had it, or it was fresh. */
export type BatchOutcomes = Map<number, Outcome | 'not_due'>;

/** Outcomes after which another provider fills in for the place (failover). */
export const FILL_IN = new Set<Outcome | 'not_due'>([
  'no_budget',
  'network',
  'timeout',
  'server_error',
  'rate_limited',
  'refused',
  'malformed',
  'internal',
]);

/** Places one batch asks: a batching provider's batch size, else `concurrency` at once. */
export function batchSize(provider: Provider, concurrency = 4): number {
  return provider.fetchMany ? (provider.batchSize ?? 1) : concurrency;
}

/**
 * A runner's bookkeeping after a pass (in-process) or a batch (queue): the budget left today,
 * set as its metric and returned, and budget rows older than a week pruned once a UTC day.
 */
export function createBudgetBookkeeping(d: Pick<RefreshDeps, 'db' | 'provider' | 'metrics'>) {
  let prunedDay = '';
  return async (now: Date): Promise<number> => {
    const used = await requestsUsed(d.db, d.provider.name, now);
    const left = Math.max(0, d.provider.dailyBudget - used);
    d.metrics.providerBudgetLeft.set({ provider: d.provider.name }, left);
    const day = now.toISOString().slice(0, 10);
    if (prunedDay !== day) {
      prunedDay = day;
      await pruneBudgets(d.db, new Date(now.getTime() - 7 * DAY_MS));
    }
    return left;
  };
}

/**
 * The wanted places behind (due and not fetched, or backing off after failing), set as the
 * provider's metric and returned: a runner's count after a pass (in-process) or a batch (queue).
 */
export async function countBehind(
  d: Pick<RefreshDeps, 'db' | 'provider' | 'metrics'>,
  now: Date,
  wanted: Parameters<typeof providerBacklog>[3],
): Promise<number> {
  const backlog = await providerBacklog(d.db, d.provider.name, now, wanted);
  const behind = backlog.due + backlog.failing;
  d.metrics.providerPlacesBehind.set({ provider: d.provider.name }, behind);
  return behind;
}

export interface BatchOptions {
  /** Places stored at once (each is a transaction through the write path). */
  storeConcurrency?: number;
  /** How long a claimed place is kept from other workers: longer than any request takes. */
  claimMs?: number;
  /**
   * Told of a place the provider could not be reached for (network error, timeout), after its
   * schedule is saved: weather-on-demand's demo fallback. Its failure is logged, never thrown.
   */
  onUnreachable?: (place: Place) => Promise<void>;
}

/**
 * Refreshes a batch of places from one provider, most wanted first (the order of `ids`): takes
 * those that are due (a place another worker has, or one fetched for this update already, is left
 * alone), takes what the day's budget allows for them in one atomic step (the most wanted get it),
 * asks the provider (several places a request where it takes that), and stores each answer. A
 * place left without budget stays due (`no_budget`): see budgetFreesAt.
 */
export async function refreshBatch(
  d: RefreshDeps,
  ids: readonly number[],
  o: BatchOptions = {},
): Promise<BatchOutcomes> {
  const outcomes: BatchOutcomes = new Map(ids.map((id) => [id, 'not_due']));
  const now = new Date(d.now());
  const until = new Date(now.getTime() + (o.claimMs ?? MINUTE_MS));
  const claimed = await claimPlaces(d.db, d.provider.name, ids, now, until);
  const rank = new Map(ids.map((id, i) => [id, i]));
  claimed.sort((a, b) => rank.get(a.place.id)! - rank.get(b.place.id)!);
  const allowed = budgetSoFar(d.provider.dailyBudget, now);
  const granted = await reserveUnits(d.db, d.provider.name, now, claimed.length, allowed);
  const asked = claimed.slice(0, granted);
  const left = claimed.slice(granted).map((c) => c.place.id);
  if (left.length > 0) {
    // Given back as due, so that when the budget allows one more request the most wanted of all
    // the due places takes it, not whichever was put off to that moment.
    await deferPlaces(d.db, d.provider.name, left, now);
    for (const id of left) outcomes.set(id, 'no_budget');
  }
  const chunks = fetchAll(d, asked, now);
  const attempts: Attempt[] = [];
  const record = async (i: number, answer: Promise<FetchResult>, stored?: Stored) => {
    const { place, schedule } = asked[i]!;
    const attempt = await attemptPlace(d, place, schedule, answer, stored);
    attempts.push(attempt);
    outcomes.set(place.id, attempt.outcome);
  };
  const limit = o.storeConcurrency ?? 4;
  let next = 0;
  const store = async () => {
    for (let c = next++; c < chunks.length; c = next++) {
      const { from, answers } = chunks[c]!;
      if (answers.length > 1 && (await storedTogether(d, from, answers, record))) continue;
      for (const [j, answer] of answers.entries()) await record(from + j, answer);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, chunks.length) }, store));
  await saveAttempts(d, attempts);
  if (o.onUnreachable) {
    for (const { place } of asked) {
      const outcome = outcomes.get(place.id);
      if (outcome !== 'network' && outcome !== 'timeout') continue;
      await o
        .onUnreachable(place)
        .catch((err: unknown) => d.log.error({ err, place: place.id }, 'demo fallback failed'));
    }
  }
  return outcomes;
}

/**
 * Stores a batch request's answers in one transaction (one pass of the write path for all its
 * places, not one each), then records each place; false, having stored nothing, when any answer
 * failed or a row was refused: then each place is stored alone, and the bad one named.
 */
async function storedTogether(
  d: RefreshDeps,
  from: number,
  answers: Promise<FetchResult>[],
  record: (i: number, answer: Promise<FetchResult>, stored?: Stored) => Promise<void>,
): Promise<boolean> {
  const settled = await Promise.allSettled(answers);
  const now = new Date(d.now());
  const results = settled.flatMap((s) =>
    s.status === 'fulfilled' && s.value.status === 'updated'
      ? [planned(s.value, now, d.timing)]
      : [],
  );
  if (results.length < answers.length) return false;
  let stored: Stored;
  try {
    stored = await storeAnswers(d.db, results as Extract<Planned, { status: 'updated' }>[], now);
  } catch {
    return false;
  }
  // The batch's write counts once, with its first place.
  for (const [j, result] of results.entries()) {
    await record(from + j, Promise.resolve(result), j === 0 ? stored : { batches: [] });
  }
  return true;
}

/**
 * One answer per place, by request (`from`: the first place's index in `asked`): batch requests
 * where the provider takes them (one failure fails its whole request), else a request per place.
 * Every promise is awaited by attemptPlace.
 */
function fetchAll(
  d: RefreshDeps,
  asked: { place: Place; schedule: ProviderSchedule }[],
  now: Date,
): { from: number; answers: Promise<FetchResult>[] }[] {
  const { provider } = d;
  const size = provider.fetchMany ? Math.max(1, provider.batchSize ?? 1) : 1;
  const chunks: { from: number; answers: Promise<FetchResult>[] }[] = [];
  for (let i = 0; i < asked.length; i += size) {
    const chunk = asked.slice(i, i + size);
    const answers: Promise<FetchResult>[] = [];
    chunks.push({ from: i, answers });
    if (chunk.length > 1 && provider.fetchMany) {
      const all = provider.fetchMany(
        chunk.map((c) => c.place),
        now,
      );
      for (let j = 0; j < chunk.length; j++) answers.push(all.then((results) => results[j]!));
      all.catch(() => {});
    } else {
      const { place, schedule } = chunk[0]!;
      const previous = { lastModified: schedule.lastModified, expiresAt: schedule.expiresAt };
      answers.push(provider.fetch(place, previous, now));
    }
  }
  for (const { answers } of chunks) for (const a of answers) a.catch(() => {});
  return chunks;
}

/** When the day's paced budget next allows a request (the next UTC day when it is spent). */
export async function budgetFreesAt(d: RefreshDeps, now: Date): Promise<Date> {
  const perDay = d.provider.dailyBudget;
  const used = await requestsUsed(d.db, d.provider.name, now);
  const dayStart = now.getTime() - (now.getTime() % DAY_MS);
  if (used >= perDay) return new Date(dayStart + DAY_MS + d.timing.random() * d.timing.jitterMs);
  // budgetSoFar grows by one every DAY_MS / perDay; the head start is two hours' worth.
  const at = dayStart + Math.ceil(((used + 1) * DAY_MS) / perDay) - 2 * 60 * MINUTE_MS;
  return new Date(Math.max(now.getTime() + MINUTE_MS, at));
}
