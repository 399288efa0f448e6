import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Config, ConfigError } from '../../config/env.ts';
import { MINUTE_MS } from '../../contract/durations.ts';
import { AlertFeedError } from '../../ingest/alerts/alert-feed-error.ts';
import { alertMessages } from '../../ingest/alerts/alert-messages.ts';
import {
  type AlertPolling,
  alertFeeds,
  createAlertPolling,
} from '../../ingest/alerts/alert-polling.ts';
import { applyWrite } from '../../ingest/write-path/apply-write.ts';
import { type Database, openDatabase } from '../../store/index.ts';
import type { Logger } from '../logger.ts';
import { prepareIfNew } from '../prepare.ts';
import { UsageError } from '../usage-error.ts';
import { changeDeliveryFrom, purgersFrom } from './edge-command.ts';

const SOURCES = ['nws', 'met-alerts', 'meteoalarm', 'file'];

/**
 * `isobar alerts import <file…>`: CAP messages from files in any shape a feed serves (one CAP
 * `<alert>`, the NWS's GeoJSON, a MetAlerts RSS or MeteoAlarm Atom index whose links are files
 * beside it), stored through the write path in one transaction; the caches downstream learn
 * the places whose warnings changed. Returns the exit code.
 */
export async function alertsImportCommand(
  files: readonly string[],
  options: { source?: string },
  config: Config,
  log: Logger,
): Promise<number> {
  if (files.length === 0)
    throw new UsageError('isobar alerts import needs files, e.g. isobar alerts import warning.xml');
  if (options.source !== undefined && !SOURCES.includes(options.source))
    throw new UsageError(`--source must be one of ${SOURCES.join(', ')}`);
  const messages = [];
  for (const file of files) {
    const path = resolve(file);
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read ${file}: ${error.code ?? error.message}`);
    });
    try {
      messages.push(
        ...(await alertMessages(text, {
          base: pathToFileURL(path).href,
          source: options.source,
          load: (url) => readFile(url, 'utf8'),
        })),
      );
    } catch (error) {
      if (error instanceof AlertFeedError) throw new UsageError(`${file}: ${error.message}`);
      throw error;
    }
  }
  const db = await openDatabase(config.dsn);
  try {
    await prepareIfNew(db, {
      info: (message) => console.error(`isobar alerts import: ${message}`),
    });
    const now = new Date();
    const applied = await applyWrite(db, { alerts: messages }, { now, reason: 'alert' });
    const expired = messages.filter((m) => m.expires && m.expires <= now).length;
    console.log(
      `read ${messages.length} CAP message(s), ${applied.alertsInserted} new` +
        (expired > 0 ? ` (${expired} already expired, not shown)` : '') +
        `; warnings changed at ${applied.changes.places.length} place(s)` +
        (applied.changes.places.length > 0
          ? `: ${applied.changes.places.slice(0, 10).join(', ')}`
          : ''),
    );
    if (applied.changeId !== null && purgersFrom(config, log).length > 0) {
      const delivery = changeDeliveryFrom(config, db, log);
      await delivery.drain();
      await delivery.stop();
    }
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * The alert feeds of ALERT_FEEDS, polled on the database's job queue by this process; null when
 * none is configured (the default: nothing is asked upstream).
 */
export function alertPollingFrom(config: Config, db: Database, log: Logger): AlertPolling | null {
  if (config.ALERT_FEEDS.length === 0) return null;
  if (!db.queue) throw new ConfigError('ALERT_FEEDS: this database cannot hold a job queue');
  return createAlertPolling({
    db,
    connection: db.queue,
    feeds: alertFeeds(config.ALERT_FEEDS),
    intervalMs: config.ALERT_POLL_MINUTES * MINUTE_MS,
    userAgent: config.ALERT_USER_AGENT,
    maxBytes: config.PROVIDER_MAX_BODY_BYTES,
    now: Date.now,
    log,
  });
}
