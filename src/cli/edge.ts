import type { Config } from '../config/env.ts';
import { createEdgePurgeClient } from '../edge-client/purge-client.ts';
import { createPurger, type Purger } from '../edge-client/purger.ts';

/** The purger the configuration asks for: the edge at EDGE_URL, or none. */
export function purgerFrom(
  config: Config,
  log: { warn(fields: Record<string, unknown>, message: string): void },
  count?: (result: 'ok' | 'failed') => void,
): Purger {
  const client =
    config.EDGE_URL && config.PURGE_SECRET
      ? createEdgePurgeClient({ url: config.EDGE_URL, secret: config.PURGE_SECRET })
      : null;
  return createPurger({ client, log, count });
}
