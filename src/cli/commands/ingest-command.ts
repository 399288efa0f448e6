import type { Config } from '../../config/env.ts';
import { HOUR_MS, SECOND_MS } from '../../contract/durations.ts';
import { providerModule } from '../../ingest/providers/registry.ts';
import { createQueueRunner } from '../../ingest/scheduling/queue-runner.ts';
import { createScheduler, type TickReport } from '../../ingest/scheduling/scheduler.ts';
import { configuredPlaces } from '../../ingest/scheduling/wanted.ts';
import { createMetrics } from '../../metrics/metrics.ts';
import { migrate, openDatabase } from '../../store/index.ts';
import type { Logger } from '../logger.ts';
import { changeDeliveryFrom } from './edge-command.ts';

function summary(name: string, r: TickReport): string {
  const parts = Object.entries(r.outcomes).map(([outcome, n]) => `${n} ${outcome}`);
  return `${name}: ${r.requests} request(s)${parts.length ? ` (${parts.join(', ')})` : ''}; budget left today ${r.budgetLeft}; ${r.behind} place(s) behind`;
}

export interface IngestOptions {
  /** One pass over the places due now, then exit. */
  once?: boolean;
  /** Only these places (comma-separated), instead of the configured list and the viewed ones. */
  places?: string;
}

/** `isobar ingest <provider> [--once] [--places …]`: 0 on success, 1 if a request failed. */
export async function ingestCommand(
  name: string,
  values: IngestOptions,
  config: Config,
  log: Logger,
): Promise<number> {
  const provider = providerModule(name, 'isobar ingest').create(config);
  const db = await openDatabase(config.dsn);
  try {
    await migrate(db);
    const only = values.places
      ?.split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const listed = await configuredPlaces(
      db,
      only ?? config.PROVIDER_PLACES,
      only ? '--places' : 'PROVIDER_PLACES',
    );
    // The edge hears of what this process stores through the change log, delivered from here
    // too (or by a serving origin, whichever comes first).
    const delivery = changeDeliveryFrom(config, db, log);
    const options = {
      db,
      provider,
      now: Date.now,
      log,
      metrics: createMetrics(),
      wanted: {
        listed,
        listOnly: only !== undefined,
        recentMs: config.PROVIDER_RECENT_HOURS * HOUR_MS,
      },
    };
    const scheduler = createScheduler(options);
    if (values.once) {
      // Ticks until one sends nothing: a tick asks at most 100 places.
      const total: TickReport = {
        requests: 0,
        outcomes: {},
        budgetLeft: 0,
        behind: 0,
      };
      for (let r = await scheduler.tick(); ; r = await scheduler.tick()) {
        total.requests += r.requests;
        for (const [o, n] of Object.entries(r.outcomes)) {
          const key = o as keyof TickReport['outcomes'];
          total.outcomes[key] = (total.outcomes[key] ?? 0) + n;
        }
        Object.assign(total, { budgetLeft: r.budgetLeft, behind: r.behind });
        if (r.requests === 0 || r.outcomes.no_budget) break;
      }
      await scheduler.stop();
      await delivery.drain();
      await delivery.stop();
      console.log(summary(provider.name, total));
      const fine = ['ok', 'not_modified', 'no_budget', 'not_due'];
      return Object.keys(total.outcomes).some((o) => !fine.includes(o)) ? 1 : 0;
    }
    delivery.start();
    // On a server, this is one more worker on the refresh queue, beside every origin and every
    // other `isobar ingest`; on the embedded database, the in-process runner.
    const queue =
      db.queue?.kind === 'server' && !only
        ? createQueueRunner({
            ...options,
            connection: db.queue,
            workers: config.PROVIDER_BATCHES_IN_FLIGHT,
          })
        : undefined;
    if (queue) await queue.start();
    else scheduler.start(30 * SECOND_MS);
    log.info(
      { provider: provider.name, places: listed.length, queue: queue !== undefined },
      'ingesting until SIGINT or SIGTERM',
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await (queue ? queue.stop() : scheduler.stop());
    await delivery.drain();
    await delivery.stop();
    return 0;
  } finally {
    await db.close();
  }
}
