// Alert feeds polled on the job queue beside the provider refreshes (queue-runner.ts): pg-boss on
// Postgres, and on PGlite through its `pglite` backend. One queue per feed, `stately` with one
// singleton key, so that however many processes run, each feed has one poll queued and one under
// way at most; a poll's job puts the next one on the queue, and a failed poll is retried with
// backoff up to the polling interval.
import type { CapAlert } from '../../domain/alerts.ts';
import { pruneAlerts } from '../../store/alerts/alert-rows.ts';
import type { Queryable, QueueConnection } from '../../store/database.ts';
import { createJobQueue } from '../../store/job-queue.ts';
import { getText } from '../providers/provider-http.ts';
import { applyWrite } from '../write-path/apply-write.ts';
import { AlertFeedError } from './alert-feed-error.ts';
import { alertMessages } from './alert-messages.ts';

/** A feed as ALERT_FEEDS names it: `nws=https://api.weather.gov/alerts/active`. */
export interface AlertFeed {
  source: 'nws' | 'met-alerts' | 'meteoalarm';
  url: URL;
}

/** ALERT_FEEDS's entries as feeds. */
export const alertFeeds = (entries: readonly string[]): AlertFeed[] =>
  entries.map((entry) => {
    const at = entry.indexOf('=');
    return {
      source: entry.slice(0, at) as AlertFeed['source'],
      url: new URL(entry.slice(at + 1)),
    };
  });

export interface AlertPollingOptions {
  db: Queryable;
  connection: QueueConnection;
  feeds: readonly AlertFeed[];
  intervalMs: number;
  userAgent: string;
  maxBytes: number;
  timeoutMs?: number;
  now: () => number;
  log: {
    info(o: object, m: string): void;
    warn(o: object, m: string): void;
  };
  fetch?: typeof fetch;
  schema?: string;
  pollingIntervalSeconds?: number;
}

export interface AlertPolling {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Polls a feed now, in this process (what a job does): its messages go through the write path. */
  poll(feed: AlertFeed): Promise<{ messages: number; places: number }>;
}

/** How long an expired message is kept: a feed still listing it finds it, and changes nothing. */
const KEPT_AFTER_EXPIRY_MS = 7 * 24 * 3_600_000;

const queueName = (feed: AlertFeed, i: number) => `alerts.${i}.${feed.source}`;

export function createAlertPolling(o: AlertPollingOptions): AlertPolling {
  const boss = createJobQueue(o.connection, { max: 2, schema: o.schema });
  boss.on('error', (err) => o.log.warn({ err }, 'alert job queue error'));
  const http = () => ({
    headers: {
      'user-agent': o.userAgent,
      accept: 'application/geo+json, application/atom+xml, application/rss+xml, application/xml',
    },
    timeoutMs: o.timeoutMs ?? 20_000,
    maxBytes: o.maxBytes,
    fetch: o.fetch,
    now: new Date(o.now()),
  });
  const load = async (url: URL) => {
    const { text } = await getText(url, http());
    if (text === undefined) throw new AlertFeedError(`${url} answered 304 to a plain GET`);
    return text;
  };

  async function poll(feed: AlertFeed) {
    const text = await load(feed.url);
    const messages: CapAlert[] = await alertMessages(text, {
      base: feed.url.href,
      source: feed.source,
      load,
    });
    const applied = await applyWrite(
      o.db,
      { alerts: messages },
      { now: new Date(o.now()), reason: 'alert' },
    );
    await pruneAlerts(o.db, new Date(o.now() - KEPT_AFTER_EXPIRY_MS));
    if (applied.changeId !== null) {
      o.log.info(
        { feed: feed.source, places: applied.changes.places.length },
        `alerts from ${feed.url.host}: warnings changed at ${applied.changes.places.length} place(s)`,
      );
    }
    return { messages: messages.length, places: applied.changes.places.length };
  }

  const next = (name: string, delayMs: number) =>
    boss.send(name, {}, { singletonKey: 'poll', startAfter: new Date(Date.now() + delayMs) });

  return {
    poll,
    async start() {
      if (o.feeds.length === 0) return;
      await boss.start();
      for (const [i, feed] of o.feeds.entries()) {
        const name = queueName(feed, i);
        await boss.createQueue(name, {
          policy: 'stately',
          retryLimit: 1000,
          retryDelay: 30,
          retryBackoff: true,
          retryDelayMax: Math.max(30, Math.round(o.intervalMs / 1000)),
          expireInSeconds: 300,
        });
        await boss.work(
          name,
          { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 2 },
          async () => {
            try {
              await poll(feed);
            } catch (err) {
              o.log.warn({ err, feed: feed.source }, `alert feed ${feed.url.host} failed`);
              throw err;
            }
            await next(name, o.intervalMs);
          },
        );
        await next(name, 0);
      }
    },
    async stop() {
      if (o.feeds.length > 0) await boss.stop({ graceful: true, timeout: 20_000 });
    },
  };
}
