// Webhooks ride on pg-boss, the job queue refresh jobs use (queue-runner.ts): its retries back
// off exponentially with a ceiling, a job whose worker died is retried once it expires, and it
// runs on PGlite too. A job's id is its Standard Webhooks message id, so a change offered twice
// (two origins, or one that died before moving the fan-out on) is queued, and delivered, once.
import type { JobWithMetadata } from 'pg-boss';
import { createPassLoop } from '../changes/pass-loop.ts';
import { DAY_MS, HOUR_MS, SECOND_MS } from '../contract/durations.ts';
import type { AddressCheck } from '../domain/webhook-address.ts';
import { signatureHeaders } from '../domain/webhook-signature.ts';
import type { Queryable, QueueConnection } from '../store/database.ts';
import { createJobQueue } from '../store/job-queue.ts';
import { changesAfter } from '../store/operations/change-feed.ts';
import {
  enabledSubscriptions,
  findSubscription,
  leaseFanout,
  recordAttempt,
  recordDelivered,
  recordFailed,
  releaseFanout,
} from '../store/operations/webhook-subscriptions.ts';
import { type WebhookJobData, webhookJobs } from './webhook-fanout.ts';
import { sendWebhook, WebhookFailure } from './webhook-sender.ts';

export const WEBHOOK_QUEUE = 'webhook.deliver';

/** How a delivery attempt ended, as isobar_webhook_deliveries_total counts it. */
export type WebhookOutcome = 'delivered' | 'retried' | 'failed' | 'dropped';

export interface WebhookServiceOptions {
  db: Queryable;
  connection: QueueConnection;
  check: AddressCheck;
  /** Retries of a delivery after its first attempt (WEBHOOK_RETRIES). */
  retries: number;
  /** The first retry's wait, in seconds, doubled (with jitter) each time, to an hour. */
  retryDelaySeconds: number;
  /** Deliveries in a row failing after every retry that disable a subscription. */
  disableAfter: number;
  /** How long one attempt may take, connection to status. */
  timeoutMs: number;
  log: {
    warn(fields: Record<string, unknown>, message: string): void;
    error(fields: Record<string, unknown>, message: string): void;
  };
  count?: (outcome: WebhookOutcome) => void;
  /** How often the change feed is looked at without a wake (ms). */
  pollMs?: number;
  /** Tests: how often the queue's worker looks for jobs (seconds, ≥ 0.5). */
  pollingIntervalSeconds?: number;
  schema?: string;
}

export interface WebhookService {
  /** A write committed: fan its entry out to the subscriptions (soon, gathered). */
  wake(): void;
  /** Fans out what the feed holds now; resolves when done (tests). */
  fanOut(): Promise<void>;
  stop(): Promise<void>;
}

const FAN_OUT_BATCH = 100;
const LEASE_MS = 30 * SECOND_MS;

/**
 * Pushes the change feed to webhook subscriptions: entries are fanned out to delivery jobs after
 * their writes commit (the feed lists nothing else, so a rolled-back write notifies no one), and
 * this process's workers deliver them, signed. A delivery that fails is retried `retries` times;
 * one that fails after every retry counts a failure of its subscription, and `disableAfter` of
 * them in a row disable it (a 2xx sets the count back to 0).
 */
export async function startWebhookService(o: WebhookServiceOptions): Promise<WebhookService> {
  const boss = createJobQueue(o.connection, { max: 2, schema: o.schema });
  boss.on('error', (err) => o.log.warn({ err }, 'webhook queue error'));
  const retry = {
    retryLimit: o.retries,
    retryDelay: o.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: HOUR_MS / 1000,
    // An attempt is bounded by the timeout; past this, its worker is taken for dead.
    expireInSeconds: Math.ceil(o.timeoutMs / 1000) + 60,
    deleteAfterSeconds: DAY_MS / 1000,
  };

  async function deliver(job: JobWithMetadata<WebhookJobData>): Promise<void> {
    const sub = await findSubscription(o.db, job.data.subscription);
    if (!sub || sub.disabledAt) {
      o.count?.('dropped');
      return;
    }
    const headers = signatureHeaders(
      sub.secret,
      job.id,
      Math.floor(Date.now() / 1000),
      job.data.body,
    );
    let outcome: string;
    try {
      const status = await sendWebhook(sub.url, headers, job.data.body, o);
      if (status >= 200 && status < 300) {
        await recordDelivered(o.db, sub.id, new Date(), `HTTP ${status}`);
        o.count?.('delivered');
        return;
      }
      outcome = `HTTP ${status}`;
    } catch (err) {
      if (!(err instanceof WebhookFailure)) throw err;
      outcome = err.message;
    }
    if (job.retryCount < job.retryLimit) {
      await recordAttempt(o.db, sub.id, new Date(), outcome);
      o.count?.('retried');
      throw new Error(outcome);
    }
    const result = await recordFailed(
      o.db,
      sub.id,
      new Date(),
      `${outcome} (after ${job.retryCount + 1} attempt${job.retryCount === 0 ? '' : 's'})`,
      o.disableAfter,
      `${o.disableAfter} deliveries in a row failed after every retry (the last: ${outcome})`,
    );
    o.count?.('failed');
    o.log.warn(
      { subscription: sub.id, message: job.id, outcome, failures: result?.failures },
      'a webhook delivery failed after every retry',
    );
    if (result?.disabledNow === true) {
      o.log.warn(
        { subscription: sub.id, url: sub.url, failures: result.failures },
        'a webhook subscription was disabled: its deliveries keep failing ("isobar subscription enable" resumes it)',
      );
    }
    throw new Error(outcome);
  }

  // The queue starts once there is a subscription: an origin without one (most) runs no workers.
  let started: Promise<void> | null = null;
  const startQueue = () => {
    started ??= (async () => {
      await boss.start();
      await boss.createQueue(WEBHOOK_QUEUE, retry);
      await boss.work<WebhookJobData>(
        WEBHOOK_QUEUE,
        {
          includeMetadata: true as const,
          batchSize: 1,
          localConcurrency: 4,
          pollingIntervalSeconds: o.pollingIntervalSeconds ?? 2,
        },
        async ([job]) => deliver(job as JobWithMetadata<WebhookJobData>),
      );
    })().catch((err: unknown) => {
      started = null; // tried again at the next pass
      throw err;
    });
    return started;
  };

  /** One batch of the feed fanned out; whether more may follow. */
  async function fanOutBatch(): Promise<boolean> {
    const at = Date.now();
    const from = await leaseFanout(o.db, new Date(at), new Date(at + LEASE_MS));
    if (from === null) return false; // another process is at it; it moves the position on
    let to = from;
    try {
      // The entries first, then the subscriptions: one created in between is seen, and it
      // starts after entries numbered before it (insertSubscription), so none is missed.
      const entries = await changesAfter(o.db, { seq: from }, FAN_OUT_BATCH);
      const subscriptions = await enabledSubscriptions(o.db);
      // Before anything new: a restarted process has its predecessor's retries to work.
      if (subscriptions.length > 0) await startQueue();
      if (entries.length === 0) return false;
      const jobs = webhookJobs(subscriptions, entries);
      if (jobs.length > 0)
        await boss.insert(
          WEBHOOK_QUEUE,
          jobs.map((j) => ({ ...j, ...retry })),
        );
      to = entries.at(-1)!.seq;
      return entries.length === FAN_OUT_BATCH;
    } finally {
      await releaseFanout(o.db, to);
    }
  }

  let stopped = false;
  const loop = createPassLoop(
    async () => {
      while (!stopped && (await fanOutBatch()));
    },
    {
      gatherMs: 200,
      pollMs: o.pollMs ?? 30 * SECOND_MS,
      onError: (err) =>
        o.log.error({ err }, 'webhook fan-out failed; the change feed keeps the changes'),
    },
  );
  // What an earlier process left (it died before fanning out) goes first.
  loop.start();

  return {
    wake: () => loop.wake(),
    fanOut: () => loop.drain(),
    async stop() {
      stopped = true;
      await loop.stop();
      // A queue that never started (or failed to) has nothing to stop.
      await started?.then(
        () => boss.stop({ graceful: true, timeout: o.timeoutMs + 5_000 }),
        () => {},
      );
    },
  };
}
