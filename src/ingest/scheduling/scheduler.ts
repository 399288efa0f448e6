import { randomUUID } from 'node:crypto';
import { DAY_MS, MINUTE_MS } from '../../contract/durations.ts';
import type { Place } from '../../domain/place.ts';
import { releaseLease, takeLease } from '../../store/providers/leases.ts';
import { pruneBudgets, requestsUsed } from '../../store/providers/provider-budgets.ts';
import { claimPlace, duePlaces, providerBacklog } from '../../store/providers/provider-places.ts';
import { DEFAULT_TIMING, type Timing } from './backoff.ts';
import { type Outcome, type RefreshDeps, refreshPlace, reserveFor } from './refresh-place.ts';

export interface SchedulerOptions extends Omit<RefreshDeps, 'timing'> {
  /** The configured places (location ids); with `listOnly`, the only ones fetched. */
  wanted: { listed: readonly number[]; listOnly: boolean; recentMs: number };
  /** Who this process is, in the lease; random by default. */
  holder?: string;
  leaseMs?: number;
  /**
   * Told of a place the provider could not be reached for (network error, timeout), after its
   * schedule is saved: weather-on-demand's demo fallback. Its failure is logged, never thrown.
   */
  onUnreachable?: (place: Place) => Promise<void>;
  /** Places asked at most per tick, and at once. */
  perTick?: number;
  concurrency?: number;
  timing?: Partial<Timing>;
}

export interface TickReport {
  /** Whether this process held the lease, and so fetched. */
  leader: boolean;
  requests: number;
  outcomes: Partial<Record<Outcome, number>>;
  budgetLeft: number;
  behind: number;
}

export interface Scheduler {
  /** One pass: take the lease, ask for every due place the budget allows, record the rest. */
  tick(): Promise<TickReport>;
  start(everyMs: number): void;
  /** Stops ticking, waits for what is under way, and gives the lease up. */
  stop(): Promise<void>;
}

/**
 * Keeps one provider's places up to date. Only the holder of the provider's lease fetches, so
 * any number of origin processes may run one; a crashed holder's lease lapses after `leaseMs`.
 * Ticks never overlap (one asked for during another runs once after it) and a place is never
 * asked twice at once, so however many ticks are asked for, a place costs one request per
 * promised update.
 */
export function createScheduler(o: SchedulerOptions): Scheduler {
  const leaseName = `ingest:${o.provider.name}`;
  const holder = o.holder ?? randomUUID();
  const leaseMs = o.leaseMs ?? 2 * MINUTE_MS;
  const perTick = o.perTick ?? 100;
  const concurrency = o.concurrency ?? 4;
  const deps: RefreshDeps = { ...o, timing: { ...DEFAULT_TIMING, ...o.timing } };
  const inFlight = new Set<number>();
  let renewedAt = Number.NEGATIVE_INFINITY;
  let leader = false;
  let stopped = false;
  let running: Promise<TickReport> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let prunedDay = '';

  async function holdLease(force: boolean): Promise<boolean> {
    const now = o.now();
    if (!force && leader && now - renewedAt < leaseMs / 3) return true;
    leader = await takeLease(o.db, leaseName, holder, new Date(now), new Date(now + leaseMs));
    if (leader) renewedAt = now;
    return leader;
  }

  /** Takes the place's row for the fetch about to start, unless another has it. */
  const claimFor = async (placeId: number) => {
    const now = o.now();
    const until = new Date(now + MINUTE_MS);
    return (await claimPlace(o.db, o.provider.name, placeId, new Date(now), until)) !== null;
  };

  async function pass(): Promise<TickReport> {
    const report: TickReport = {
      leader: false,
      requests: 0,
      outcomes: {},
      budgetLeft: 0,
      behind: 0,
    };
    if (!(await holdLease(true))) return report;
    report.leader = true;
    const now = new Date(o.now());
    const wanted = { ...o.wanted, since: new Date(now.getTime() - o.wanted.recentMs) };
    const due = await duePlaces(o.db, o.provider.name, now, wanted, perTick);
    const queue = due.filter((d) => !inFlight.has(d.place.id));
    // Places are claimed one at a time, most wanted first, so the budget's last requests go to
    // the most viewed places however the fetches that follow overlap.
    let claims: Promise<unknown> = Promise.resolve();
    let spent = false;
    const claim = () => {
      const next = claims.then(async () => {
        while (!spent && !stopped && queue.length > 0) {
          if (!(await holdLease(false))) return undefined;
          const d = queue.shift()!;
          const reserved = await reserveFor(deps, d.schedule);
          // A first view (weather-on-demand) may have taken the place since the due query: its
          // request is under way, so this one is not sent (the reserved one is lost: a rare race).
          if (reserved === 'reserved' && (await claimFor(d.place.id))) return d;
          if (reserved === 'no_budget') {
            spent = true;
            report.outcomes.no_budget = 1;
          }
        }
        return undefined;
      });
      claims = next;
      return next;
    };
    const worker = async () => {
      for (let d = await claim(); d; d = await claim()) {
        inFlight.add(d.place.id);
        const outcome = await refreshPlace(deps, d.place, d.schedule).finally(() =>
          inFlight.delete(d.place.id),
        );
        if ((outcome === 'network' || outcome === 'timeout') && o.onUnreachable) {
          await o
            .onUnreachable(d.place)
            .catch((err: unknown) =>
              o.log.error({ err, place: d.place.id }, 'demo fallback failed'),
            );
        }
        report.requests++;
        report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const after = new Date(o.now());
    report.budgetLeft = Math.max(
      0,
      o.provider.dailyBudget - (await requestsUsed(o.db, o.provider.name, after)),
    );
    const backlog = await providerBacklog(o.db, o.provider.name, after, wanted);
    report.behind = backlog.due + backlog.failing;
    o.metrics.providerBudgetLeft.set({ provider: o.provider.name }, report.budgetLeft);
    o.metrics.providerPlacesBehind.set({ provider: o.provider.name }, report.behind);
    if (prunedDay !== after.toISOString().slice(0, 10)) {
      prunedDay = after.toISOString().slice(0, 10);
      await pruneBudgets(o.db, new Date(after.getTime() - 7 * DAY_MS));
    }
    return report;
  }

  const failed = (err: unknown): TickReport => {
    o.log.error({ err, provider: o.provider.name }, 'provider tick failed');
    return { leader, requests: 0, outcomes: {}, budgetLeft: 0, behind: 0 };
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
    start(everyMs) {
      void tick();
      timer = setInterval(() => void tick(), everyMs).unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      if (leader) await releaseLease(o.db, leaseName, holder).catch(() => {});
      leader = false;
    },
  };
}
