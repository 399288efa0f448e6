import { createChangeDelivery } from '../../changes/delivery.ts';
import type { Config } from '../../config/env.ts';
import type { Purger } from '../../domain/changes.ts';
import { createEdgePurgeClient } from '../../edge-client/purge-client.ts';
import { createPurger } from '../../edge-client/purger.ts';
import type { Queryable } from '../../store/database.ts';
import type { Logger } from '../logger.ts';

/** The caches downstream that the configuration names: the edge at EDGE_URL, or none. */
export function purgersFrom(
  config: Config,
  log: Pick<Logger, 'warn'>,
  count?: (result: 'ok' | 'failed') => void,
): Purger[] {
  if (!config.EDGE_URL || !config.PURGE_SECRET) return [];
  const client = createEdgePurgeClient({ url: config.EDGE_URL, secret: config.PURGE_SECRET });
  return [createPurger({ client, log, count })];
}

/** Delivers the change log to the caches the configuration names (none: it only prunes). */
export function changeDeliveryFrom(
  config: Config,
  db: Queryable,
  log: Pick<Logger, 'warn' | 'error'>,
  count?: (result: 'ok' | 'failed') => void,
) {
  return createChangeDelivery({ db, purgers: purgersFrom(config, log, count), log });
}
