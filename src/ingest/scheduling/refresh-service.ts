import { type Config, ConfigError } from '../../config/env.ts';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../../contract/durations.ts';
import type { Queryable, QueueConnection } from '../../store/database.ts';
import type { AdapterOptions, Provider } from '../providers/provider.ts';
import { providerModules } from '../providers/registry.ts';
import { createQueueRunner, type QueueRunner, type QueueRunnerOptions } from './queue-runner.ts';
import type { ProviderLog, ProviderMetrics } from './refresh-place.ts';
import { createScheduler, type Scheduler } from './scheduler.ts';
import { createViewCounter } from './view-counter.ts';
import { configuredPlaces } from './wanted.ts';
import { createWeatherOnDemand, type WeatherOnDemand } from './weather-on-demand.ts';

export interface ProviderServiceOptions {
  /** The store, and how a job queue reaches it (absent: refresh jobs run in this process). */
  db: Queryable & { queue?: QueueConnection };
  config: Config;
  log: ProviderLog;
  metrics: ProviderMetrics;
  now?: () => number;
  /** Tests only: how the adapters and schedulers are built. */
  adapter?: AdapterOptions;
  scheduler?: Partial<Parameters<typeof createScheduler>[0]>;
  /**
   * Where refresh jobs run: `queue` (pg-boss, every process and `isobar ingest` worker side by
   * side; the default on a Postgres server) or `local` (this process, the embedded default).
   */
  runner?: 'queue' | 'local';
  /** Tests only: the queue runners' plumbing. */
  queue?: Partial<Omit<QueueRunnerOptions, 'provider' | 'role'>>;
  /** The wait between a view and the tick it wakes (default 2 s). */
  wakeDelayMs?: number;
  /** How long a first view waits for its place's weather (default 3 s). */
  firstViewDeadlineMs?: number;
}

/** What `serve` runs: views counted at the origin, and a scheduler per enabled provider. */
export interface ProviderService {
  /** The place route's hook: counts the view, and wakes the schedulers. Never throws. */
  onPlaceView(countryCode: string, key: string): void;
  /**
   * The place route's other hook, for a place with no real weather yet (see weather-on-demand);
   * undefined with PROVIDERS=none.
   */
  ensureWeather: WeatherOnDemand['ensure'] | undefined;
  /** The providers asked, in order (PROVIDERS less `demo`); none: demo weather only, or none. */
  providers: string[];
  /** The same, with their daily budgets (for /v1/status). */
  budgets: { name: string; dailyBudget: number }[];
  /** The in-process runners (runner `local`), one per provider; none on the queue. */
  schedulers: Scheduler[];
  /** The queue runners (runner `queue`), one per provider. */
  queues: QueueRunner[];
  /** Resolves when the ticks the views asked for have run (tests wait on it). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts counting views and, for each provider in PROVIDERS, its scheduler; the first provider
 * also answers first views (weather-on-demand), and demo weather stands in where it cannot be
 * reached (`PROVIDERS=demo`: always). Every provider is built before anything starts, so a
 * missing setting (MET_NORWAY_USER_AGENT) stops startup with one message naming it.
 */
export async function startProviderService(o: ProviderServiceOptions): Promise<ProviderService> {
  const now = o.now ?? Date.now;
  const none = o.config.PROVIDERS.includes('none');
  const providers = providerModules(o.config).map((m) => m.create(o.config, o.adapter));
  const listed = await configuredPlaces(o.db, o.config.PROVIDER_PLACES, 'PROVIDER_PLACES');
  let scheduleViewed: (ids: number[]) => Promise<void> = async () => {};
  const counter = createViewCounter({
    db: o.db,
    now,
    log: o.log,
    onCounted: (ids) => scheduleViewed(ids),
  });
  counter.start(MINUTE_MS);
  const onDemand = createWeatherOnDemand({
    db: o.db,
    provider: providers[0] ?? null,
    now,
    log: o.log,
    metrics: o.metrics,
    timing: o.scheduler?.timing,
    deadlineMs: o.firstViewDeadlineMs,
  });
  const wanted = { listed, listOnly: false, recentMs: o.config.PROVIDER_RECENT_HOURS * HOUR_MS };
  const kind = o.runner ?? (o.db.queue?.kind === 'server' ? 'queue' : 'local');
  const base = (provider: Provider, i: number) => ({
    db: o.db,
    provider,
    now,
    log: o.log,
    metrics: o.metrics,
    wanted,
    // The first provider keeps places up to date; the next fills in where it fails or is out of
    // budget (failover), one request at a time.
    role: i === 0 ? ('primary' as const) : ('fallback' as const),
    // Offline, a place the scheduler asks for gets demo weather too.
    onUnreachable: onDemand.fallBack,
    workers: o.config.PROVIDER_BATCHES_IN_FLIGHT,
  });
  const schedulers: Scheduler[] = [];
  const queues: QueueRunner[] = [];
  if (kind === 'queue') {
    const connection = o.db.queue;
    if (!connection) throw new ConfigError('DATABASE_URL: this database cannot hold a job queue');
    for (const [i, provider] of providers.entries()) {
      queues.push(
        createQueueRunner({
          ...base(provider, i),
          connection,
          onFailover: async (ids) => queues[i + 1]?.schedule(ids, true),
          ...o.scheduler,
          ...o.queue,
        }),
      );
    }
    for (const q of queues) await q.start();
    scheduleViewed = (ids) => queues[0]!.schedule(ids);
  } else {
    for (const [i, provider] of providers.entries()) {
      schedulers.push(
        createScheduler({
          ...base(provider, i),
          onFailover: async (ids) => {
            await schedulers[i + 1]?.fillIn(ids);
          },
          ...o.scheduler,
        }),
      );
    }
    for (const s of schedulers) s.start(30 * SECOND_MS);
  }
  // However many views arrive, one flush and one tick per provider follow a short wait; the views
  // go in first, so the tick sees their places as wanted. On the queue, the flush puts the viewed
  // places on it (counter.onCounted), where any process takes them.
  let waiting: Promise<void> | null = null;
  let woken: Promise<void> = Promise.resolve();
  const wake = () => {
    if (waiting) return;
    const delayMs = o.wakeDelayMs ?? 2 * SECOND_MS;
    waiting = new Promise<void>((resolve) => setTimeout(resolve, delayMs).unref()).then(() => {
      waiting = null;
    });
    woken = waiting
      .then(() => counter.flush())
      .then(() => Promise.all(schedulers.map((s) => s.tick())))
      .then(() => {});
  };
  return {
    onPlaceView(countryCode, key) {
      try {
        counter.record(countryCode, key);
        if (schedulers.length > 0 || queues.length > 0) wake();
      } catch (err) {
        o.log.warn({ err }, 'place view not counted');
      }
    },
    ensureWeather: none ? undefined : onDemand.ensure,
    providers: providers.map((p) => p.name),
    budgets: providers.map((p) => ({ name: p.name, dailyBudget: p.dailyBudget })),
    schedulers,
    queues,
    async settle() {
      await onDemand.settle();
      for (let last = woken; ; last = woken) {
        await last;
        if (!waiting && last === woken) return;
        await waiting;
      }
    },
    async stop() {
      await onDemand.settle();
      await Promise.all(schedulers.map((s) => s.stop()));
      await Promise.all(queues.map((q) => q.stop()));
      await counter.stop();
    },
  };
}
