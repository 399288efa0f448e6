import { MINUTE_MS } from '../../contract/durations.ts';
import type { Place } from '../../domain/place.ts';
import {
  deferPlaces,
  duePlaces,
  parkUnwanted,
  placesViewedSince,
  schedulePlaces,
} from '../../store/providers/provider-places.ts';
import { DEFAULT_TIMING, type Timing } from './backoff.ts';
import {
  type BatchOutcomes,
  batchSize,
  countBehind,
  createBudgetBookkeeping,
  FILL_IN,
  refreshBatch,
} from './refresh-batch.ts';
import type { Outcome, RefreshDeps } from './refresh-place.ts';

export interface SchedulerOptions extends Omit<RefreshDeps, 'timing'> {
  /** The configured places (location ids); with `listOnly`, the only ones fetched. */
  wanted: { listed: readonly number[]; listOnly: boolean; recentMs: number };
  /**
   * `fallback`: this provider only fills in for another (fillIn), and schedules nothing itself.
   * Default `primary`: it keeps every wanted place up to date.
   */
  role?: 'primary' | 'fallback';
  /**
   * Told of a place the provider could not be reached for (network error, timeout), after its
   * schedule is saved: weather-on-demand's demo fallback. Its failure is logged, never thrown.
   */
  onUnreachable?: (place: Place) => Promise<void>;
  /** Told of places this provider failed or had no budget for: the next provider fills in. */
  onFailover?: (locationIds: number[]) => Promise<void>;
  /** Places asked at most per tick. */
  perTick?: number;
  /** Places asked at once by a provider that takes one per request. */
  concurrency?: number;
  timing?: Partial<Timing>;
}

export interface TickReport {
  requests: number;
  outcomes: Partial<Record<Outcome, number>>;
  budgetLeft: number;
  behind: number;
}

/** The in-process runner of refresh jobs (the embedded database's; see refresh-runner.ts). */
export interface Scheduler {
  /** One pass: schedule what was viewed, ask for every due place the budget allows. */
  tick(): Promise<TickReport>;
  /** Refreshes these places now, for a provider that failed them (the fallback's part). */
  fillIn(locationIds: readonly number[]): Promise<BatchOutcomes>;
  start(everyMs: number): void;
  /** Stops ticking and waits for what is under way. */
  stop(): Promise<void>;
}

/**
 * Keeps one provider's places up to date in this process, on the application's clock: the jobs
 * are the provider_places rows (one per place, so deduplicated by key), due at `next_fetch_at`.
 * Any number of processes may run one: a place is claimed before it is asked, so it costs one
 * request per promised update whoever asks. Ticks never overlap (one asked for during another
 * runs once after it).
 */
export function createScheduler(o: SchedulerOptions): Scheduler {
  const perTick = o.perTick ?? 100;
  const chunk = batchSize(o.provider, o.concurrency);
  const deps: RefreshDeps = { ...o, timing: { ...DEFAULT_TIMING, ...o.timing } };
  const primary = (o.role ?? 'primary') === 'primary';
  let stopped = false;
  let running: Promise<TickReport> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const keepBudget = createBudgetBookkeeping(o);
  let lastPass = Number.NEGATIVE_INFINITY;

  async function afterBatch(outcomes: BatchOutcomes, report?: TickReport): Promise<void> {
    const failed: number[] = [];
    for (const [id, outcome] of outcomes) {
      if (outcome === 'not_due') continue;
      if (FILL_IN.has(outcome)) failed.push(id);
      if (report && outcome !== 'no_budget') report.requests++;
      if (report) report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
    }
    if (primary && failed.length > 0 && o.onFailover) {
      await o.onFailover(failed).catch((err: unknown) => o.log.error({ err }, 'failover failed'));
    }
  }

  async function pass(): Promise<TickReport> {
    const report: TickReport = { requests: 0, outcomes: {}, budgetLeft: 0, behind: 0 };
    const now = new Date(o.now());
    const wanted = { ...o.wanted, since: new Date(now.getTime() - o.wanted.recentMs) };
    if (primary) {
      await schedulePlaces(o.db, o.provider.name, o.wanted.listed, now);
      // Views written since the last pass, by any process (a minute's overlap for slow clocks).
      const since = Math.max(wanted.since.getTime(), lastPass - MINUTE_MS);
      if (!o.wanted.listOnly) {
        const viewed = await placesViewedSince(o.db, new Date(since));
        await schedulePlaces(o.db, o.provider.name, viewed, now);
      }
      lastPass = now.getTime();
    }
    await parkUnwanted(o.db, o.provider.name, now, wanted);
    const due = await duePlaces(o.db, o.provider.name, now, wanted, perTick);
    for (let i = 0; i < due.length && !stopped; i += chunk) {
      const ids = due.slice(i, i + chunk).map((d) => d.place.id);
      const outcomes = await refreshBatch(deps, ids, { onUnreachable: o.onUnreachable });
      await afterBatch(outcomes, report);
      if ([...outcomes.values()].includes('no_budget')) break;
    }
    const after = new Date(o.now());
    report.budgetLeft = await keepBudget(after);
    report.behind = await countBehind(deps, after, wanted);
    return report;
  }

  const failed = (err: unknown): TickReport => {
    o.log.error({ err, provider: o.provider.name }, 'provider tick failed');
    return { requests: 0, outcomes: {}, budgetLeft: 0, behind: 0 };
  };

  function tick(): Promise<TickReport> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let report: TickReport;
      do {
        again = false;
        report = await pass().catch(failed);
      } while (again && !stopped);
      return report;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    tick,
    async fillIn(locationIds) {
      const outcomes: BatchOutcomes = new Map();
      await schedulePlaces(o.db, o.provider.name, locationIds, new Date(o.now()));
      for (let i = 0; i < locationIds.length; i += chunk) {
        const ids = locationIds.slice(i, i + chunk);
        for (const [id, outcome] of await refreshBatch(deps, ids)) outcomes.set(id, outcome);
      }
      // A fill-in is one request: the place stays with its own provider afterwards.
      await deferPlaces(o.db, o.provider.name, locationIds, 'infinity');
      await afterBatch(outcomes);
      return outcomes;
    },
    start(everyMs) {
      void tick();
      timer = setInterval(() => void tick(), everyMs).unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
