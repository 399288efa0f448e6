import type { Config } from '../../config/env.ts';
import { countryCode, readPlaceRef } from '../../contract/uris/place-uri.ts';
import { newWebhookKey, shownSecret } from '../../domain/webhook-signature.ts';
import type { Metrics } from '../../metrics/metrics.ts';
import { findPlaceByKey } from '../../store/catalog/locations.ts';
import { type Database, migrate, openDatabase } from '../../store/index.ts';
import {
  deleteSubscription,
  enableSubscription,
  insertSubscription,
  listSubscriptions,
  type WebhookSubscription,
} from '../../store/operations/webhook-subscriptions.ts';
import { webhookAddressCheck } from '../../webhooks/webhook-policy.ts';
import { checkedAddresses, WebhookFailure } from '../../webhooks/webhook-sender.ts';
import { startWebhookService, type WebhookService } from '../../webhooks/webhook-service.ts';
import type { Logger } from '../logger.ts';
import { shownTime, textTable } from '../text-table.ts';
import type { TokenOutput } from './token-command.ts';

export interface SubscriptionOptions {
  url?: string;
  place?: string[];
  country?: string[];
}

const console_: TokenOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** What is wrong with the arguments, or null; checked before the database is opened. */
function usageError(args: readonly string[], o: SubscriptionOptions): string | null {
  const [action, ...rest] = args;
  const places = o.place ?? [];
  const countries = o.country ?? [];
  if (action === 'create') {
    if (rest.length > 0) return `subscription create takes no argument "${rest[0]}"`;
    if (o.url === undefined) return 'subscription create needs --url URL';
    if (!URL.canParse(o.url) || !/^https?:$/.test(new URL(o.url).protocol)) {
      return `--url must be an http or https URL, not "${o.url}"`;
    }
    if (places.length + countries.length === 0) {
      return 'subscription create needs --place CC/Name or --country CC (either may be repeated)';
    }
    const badPlace = places.find((p) => readPlaceRef(p) === null);
    if (badPlace !== undefined)
      return `--place must be a place such as GB/London, not "${badPlace}"`;
    const badCountry = countries.find((c) => countryCode(c) === null);
    if (badCountry !== undefined) {
      return `--country must be a two-letter country code such as NO, not "${badCountry}"`;
    }
    return null;
  }
  if (o.url !== undefined || places.length + countries.length > 0) {
    return `--url, --place and --country belong to subscription create, not subscription ${action ?? ''}`.trim();
  }
  if (action === 'list') {
    return rest.length > 0 ? `subscription list takes no argument "${rest[0]}"` : null;
  }
  if (action === 'delete' || action === 'enable') {
    return rest.length === 1 && /^\d{1,9}$/.test(rest[0]!)
      ? null
      : `subscription ${action} needs one subscription id (a number, as list shows)`;
  }
  return action ? `unknown subscription action "${action}"` : 'subscription needs an action';
}

function table(subs: readonly WebhookSubscription[]): string[] {
  const rows = [
    ['ID', 'URL', 'PLACES', 'CREATED', 'STATE', 'FAILURES', 'LAST DELIVERY', 'LAST OUTCOME'],
    ...subs.map((s) => [
      String(s.id),
      s.url,
      [...s.places, ...s.countries].join(',') || '-',
      shownTime(s.createdAt),
      s.disabledAt ? `disabled ${shownTime(s.disabledAt)}: ${s.disabledReason ?? ''}` : 'enabled',
      String(s.failures),
      shownTime(s.lastDeliveryAt),
      s.lastOutcome ?? '-',
    ]),
  ];
  return textTable(rows);
}

/**
 * `isobar subscription create|list|delete|enable`: webhooks that push the change feed. The
 * secret is printed once, at creation. Returns the exit code: 2 for bad arguments, 1 when
 * refused (an address WEBHOOK_ALLOW does not allow, an unknown place or id).
 */
export async function subscriptionCommand(
  config: Config,
  args: readonly string[],
  options: SubscriptionOptions,
  io: TokenOutput = console_,
): Promise<number> {
  const problem = usageError(args, options);
  if (problem) {
    io.err(`isobar: ${problem} (isobar subscription --help)`);
    return 2;
  }
  const db = await openDatabase(config.dsn);
  try {
    await migrate(db);
    return await run(config, db, args, options, io);
  } finally {
    await db.close();
  }
}

async function run(
  config: Config,
  db: Database,
  [action, target]: readonly string[],
  o: SubscriptionOptions,
  io: TokenOutput,
): Promise<number> {
  if (action === 'create') {
    const url = new URL(o.url!);
    try {
      await checkedAddresses(url, webhookAddressCheck(config.WEBHOOK_ALLOW));
    } catch (err) {
      if (!(err instanceof WebhookFailure)) throw err;
      io.err(`isobar: refused ${url.href}: ${err.message}`);
      return 1;
    }
    const ids: number[] = [];
    for (const written of o.place ?? []) {
      const ref = readPlaceRef(written)!;
      const place = await findPlaceByKey(db, ref.countryCode, ref.key);
      if (!place) {
        io.err(`isobar: no place "${written}" in the catalog (see /search?q=… for its path)`);
        return 1;
      }
      ids.push(place.id);
    }
    const countries = [...new Set((o.country ?? []).map((c) => countryCode(c)!))];
    const key = newWebhookKey();
    const made = await insertSubscription(db, {
      url: url.href,
      secret: key,
      places: ids,
      countries,
    });
    io.out(`${made.id} ${shownSecret(key)}`);
    io.err(
      `created subscription ${made.id} to ${made.url} for ${[...made.places, ...countries].join(', ')}. ` +
        'Copy the secret now: it signs every delivery and is not shown again.',
    );
    return 0;
  }
  if (action === 'list') {
    for (const line of table(await listSubscriptions(db))) io.out(line);
    return 0;
  }
  const id = Number(target);
  const done =
    action === 'delete' ? await deleteSubscription(db, id) : await enableSubscription(db, id);
  if (!done) {
    io.err(`isobar: no subscription with id ${id}`);
    return 1;
  }
  io.out(`${action === 'delete' ? 'deleted' : 'enabled'} subscription ${id}`);
  return 0;
}

/**
 * The webhook deliverer `serve` runs, from the configuration; none where no job queue reaches
 * the store (a PGlite held by another process: that process delivers).
 */
export async function webhooksFrom(
  config: Config,
  db: Database,
  log: Pick<Logger, 'warn' | 'error'>,
  metrics?: Pick<Metrics, 'webhookDeliveries'>,
): Promise<WebhookService | null> {
  if (!db.queue) return null;
  return startWebhookService({
    db,
    connection: db.queue,
    check: webhookAddressCheck(config.WEBHOOK_ALLOW),
    retries: config.WEBHOOK_RETRIES,
    retryDelaySeconds: config.WEBHOOK_RETRY_DELAY_S,
    disableAfter: config.WEBHOOK_DISABLE_AFTER,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    log,
    count: (outcome) => metrics?.webhookDeliveries.inc({ outcome }),
  });
}
