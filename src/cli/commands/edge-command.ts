import { createChangeDelivery } from '../../changes/delivery.ts';
import type { Config } from '../../config/env.ts';
import type { Purger } from '../../domain/changes.ts';
import { createCloudflarePurger } from '../../edge-client/cloudflare-purger.ts';
import { createVarnishPurger } from '../../edge-client/varnish-purger.ts';
import type { Queryable } from '../../store/database.ts';
import type { Logger } from '../logger.ts';

/** A cache downstream, by name, as the configuration names it. */
export interface NamedPurger extends Purger {
  /** `Cloudflare zone …` or `Varnish at …`: what `isobar purge` reports. */
  name: string;
}

/** Counts each purge by result, and logs a failure (the change log tries it again later). */
function counted(
  name: string,
  purger: Purger,
  log: Pick<Logger, 'warn'>,
  count?: (result: 'ok' | 'failed') => void,
): NamedPurger {
  return {
    name,
    async purge(changes) {
      try {
        await purger.purge(changes);
        count?.('ok');
      } catch (err) {
        count?.('failed');
        log.warn({ err, places: changes.places.length }, `${name}: purge failed`);
        throw err;
      }
    },
  };
}

/**
 * The caches downstream that the configuration names, each purged by tag: Cloudflare's CDN
 * (CF_ZONE_ID, CF_API_TOKEN) and every Varnish of VARNISH_URLS; none when neither is set.
 */
export function purgersFrom(
  config: Config,
  log: Pick<Logger, 'warn'>,
  count?: (result: 'ok' | 'failed') => void,
): NamedPurger[] {
  const purgers: NamedPurger[] = [];
  if (config.CF_ZONE_ID && config.CF_API_TOKEN) {
    const cloudflare = createCloudflarePurger({
      zoneId: config.CF_ZONE_ID,
      apiToken: config.CF_API_TOKEN,
      apiUrl: config.CF_API_URL,
      requestsPerMinute: config.CF_PURGE_PER_MINUTE,
      log,
    });
    purgers.push(counted(`Cloudflare zone ${config.CF_ZONE_ID}`, cloudflare, log, count));
  }
  if (config.VARNISH_URLS) {
    const hosts = config.VARNISH_URLS.map((url) => new URL(url).host).join(', ');
    const varnish = createVarnishPurger({ urls: config.VARNISH_URLS });
    purgers.push(counted(`Varnish at ${hosts}`, varnish, log, count));
  }
  return purgers;
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
