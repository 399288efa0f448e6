// Refresh jobs on pg-boss, a job queue in the same Postgres. Chosen over graphile-worker because
// it hands a worker a batch of jobs at once (one Open-Meteo request for many places), its
// `stately` policy keeps one queued job per singletonKey (one per place and provider), a job whose
// worker died is retried once it expires (graphile-worker keeps a crashed worker's jobs locked for
// four hours), retries back off exponentially with a ceiling, priorities order the fetch (the most
// viewed first), and it runs on PGlite as well (its `pglite` backend).
import { HOUR_MS, MINUTE_MS } from '../../contract/durations.ts';
import type { QueueConnection } from '../../store/database.ts';
import { createJobQueue } from '../../store/job-queue.ts';
import {
  deferPlaces,
  nextFetches,
  schedulePlaces,
  wantedWeights,
} from '../../store/providers/provider-places.ts';
import { DEFAULT_TIMING, type Timing } from './backoff.ts';
import {
  batchSize,
  budgetFreesAt,
  countBehind,
  createBudgetBookkeeping,
  FILL_IN,
  refreshBatch,
} from './refresh-batch.ts';
import type { RefreshDeps } from './refresh-place.ts';
import type { SchedulerOptions } from './scheduler.ts';

export interface QueueRunnerOptions extends Omit<SchedulerOptions, 'perTick'> {
  connection: QueueConnection;
  /**
   * Batches this process works at once (PROVIDER_BATCHES_IN_FLIGHT): default 1 for a provider
   * that batches, else 4. A batch of 50 places keeps the process's thread busy for about a
   * quarter of a second while it is stored (checking the rows, rendering each place's documents),
   * so one at a time leaves a serving origin its thread and a share of the cores; throughput
   * grows by adding processes (bench:refresh, 2 cores: two did 1.7-1.85 times one's refreshes).
   * A slow upstream is the exception: a batch in flight mostly waits, and more are nearly free.
   */
  workers?: number;
  /** Seconds a job may run before it counts as lost (its worker died) and is retried. */
  expireInSeconds?: number;
  /** First wait before a failed job is retried (seconds; doubled each time, to 6 hours). */
  retryDelaySeconds?: number;
  /** How often, at most, a batch's end counts the places behind for the metric (ms; 5 s). */
  backlogEveryMs?: number;
  /** Tests: how often pg-boss looks for lost jobs and polls (seconds). */
  superviseIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
  schema?: string;
}

/** A place to refresh; `fillIn`: asked by failover, once, not kept up to date by this provider. */
interface JobData {
  place: number;
  fillIn?: boolean;
}

/** One provider's refresh jobs on the queue: scheduling them, and working them in this process. */
export interface QueueRunner {
  /** Puts these places on the queue, due at once unless a job for them is queued already. */
  schedule(locationIds: readonly number[], fillIn?: boolean): Promise<void>;
  start(): Promise<void>;
  stop(options?: { graceful?: boolean }): Promise<void>;
}

const queueName = (provider: string) => `refresh.${provider}`;

/** A job's priority from how much its place is wanted: higher first, listed places highest. */
const priority = (weight: number | undefined) =>
  weight === undefined ? 0 : Math.min(1_000_000, Math.round(Math.log2(1 + weight) * 1000));

export function createQueueRunner(o: QueueRunnerOptions): QueueRunner {
  const name = queueName(o.provider.name);
  const deps: RefreshDeps = { ...o, timing: { ...DEFAULT_TIMING, ...o.timing } as Timing };
  const primary = (o.role ?? 'primary') === 'primary';
  const boss = createJobQueue(o.connection, {
    max: 4,
    schema: o.schema,
    superviseIntervalSeconds: o.superviseIntervalSeconds ?? 30,
    monitorIntervalSeconds: o.superviseIntervalSeconds ?? 30,
  });
  boss.on('error', (err) => o.log.warn({ err, provider: o.provider.name }, 'job queue error'));
  const keepBudget = createBudgetBookkeeping(o);
  const expireInSeconds = o.expireInSeconds ?? 120;
  let backlogCountedAt = Number.NEGATIVE_INFINITY;

  const wantedNow = () => {
    const now = new Date(o.now());
    return { now, wanted: { ...o.wanted, since: new Date(now.getTime() - o.wanted.recentMs) } };
  };

  /** Jobs for these places at their next fetch (now when due), the wanted ones only. */
  async function enqueue(ids: readonly number[], fillIn: boolean, dueNow: boolean, at?: Date) {
    if (ids.length === 0) return;
    const { now, wanted } = wantedNow();
    const weights = fillIn
      ? new Map(ids.map((id) => [id, 0]))
      : await wantedWeights(o.db, ids, now, wanted);
    const next = dueNow
      ? new Map<number, Date | null>()
      : await nextFetches(o.db, o.provider.name, ids);
    // A place put aside (next fetch at infinity) waits for a view, not for a job.
    const kept = [...weights].filter(([id]) => dueNow || at || next.get(id) !== null);
    const jobs = kept.map(([place, weight]) => {
      const when = at ?? next.get(place);
      // Delays, not instants: the queue runs on the database's (and this host's) clock, the
      // schedule on the application's.
      const delayMs = when ? Math.max(0, when.getTime() - now.getTime()) : 0;
      return {
        data: { place, ...(fillIn ? { fillIn } : {}) } satisfies JobData,
        singletonKey: String(place),
        priority: fillIn ? 1_000_000 : priority(weight),
        startAfter: new Date(Date.now() + delayMs),
      };
    });
    await boss.insert(name, jobs);
  }

  async function work(jobs: { id: string; data: JobData }[]) {
    const fillIns = jobs.filter((j) => j.data.fillIn).map((j) => j.data.place);
    const own = jobs.filter((j) => !j.data.fillIn).map((j) => j.data.place);
    const { now, wanted } = wantedNow();
    // Most wanted first: when the budget is short, they are the ones asked.
    const order = await wantedWeights(o.db, own, now, wanted);
    const ids = [...fillIns, ...[...order.keys()]];
    // A fill-in brings a place put aside back for this one request (never before its Expires).
    await schedulePlaces(o.db, o.provider.name, fillIns, now);
    // A place is kept from other workers as long as the queue gives its job: once the job counts
    // as lost, the place is free for the retry.
    const outcomes = await refreshBatch(deps, ids, {
      onUnreachable: o.onUnreachable,
      claimMs: expireInSeconds * 1000,
    });
    // ... and puts it aside again: the place stays with its own provider.
    await deferPlaces(o.db, o.provider.name, fillIns, 'infinity');
    const failed = [...outcomes].filter(([, out]) => FILL_IN.has(out)).map(([id]) => id);
    if (primary && failed.length > 0 && o.onFailover) {
      await o.onFailover(failed).catch((err: unknown) => o.log.error({ err }, 'failover failed'));
    }
    // The next job of each place still wanted, at its next fetch; a failed one is the queue's
    // to retry (with backoff), so it is not rescheduled here.
    const done = own.filter((id) => !failed.includes(id));
    await enqueue(done, false, false);
    const waiting = own.filter((id) => outcomes.get(id) === 'no_budget');
    if (waiting.length > 0) await enqueue(waiting, false, false, await budgetFreesAt(deps, now));
    await keepBudget(now);
    // The whole queue's backlog (every process reports the same figure), counted now and then:
    // it reads every wanted place's schedule.
    if (Date.now() - backlogCountedAt >= (o.backlogEveryMs ?? 5_000)) {
      backlogCountedAt = Date.now();
      await countBehind(deps, now, wanted);
    }
    return jobs.map((j) => ({
      id: j.id,
      status:
        j.data.fillIn ||
        !failed.includes(j.data.place) ||
        outcomes.get(j.data.place) === 'no_budget'
          ? ('completed' as const)
          : ('failed' as const),
    }));
  }

  return {
    schedule: (ids, fillIn = false) => enqueue(ids, fillIn, true),
    async start() {
      await boss.start();
      await boss.createQueue(name, {
        policy: 'stately',
        retryLimit: 30,
        retryDelay: o.retryDelaySeconds ?? MINUTE_MS / 1000,
        retryBackoff: true,
        retryDelayMax: (6 * HOUR_MS) / 1000,
        expireInSeconds,
      });
      const options = {
        batchSize: batchSize(o.provider, o.concurrency),
        perJobResults: true,
        pollingIntervalSeconds: o.pollingIntervalSeconds ?? 2,
        burstWhenBatchFull: true,
      } as const;
      const workers = o.workers ?? (o.provider.fetchMany ? 1 : 4);
      for (let i = 0; i < workers; i++) {
        await boss.work<JobData>(name, options, async (jobs) => work(jobs));
      }
      if (primary) await enqueue(o.wanted.listed, false, false);
    },
    async stop(options = {}) {
      await boss.stop({ graceful: options.graceful ?? true, timeout: 20_000 });
    },
  };
}
