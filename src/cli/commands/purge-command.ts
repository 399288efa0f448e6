import type { Config } from '../../config/env.ts';
import { readPlaceRef } from '../../contract/uris/place-uri.ts';
import { applyWrite } from '../../ingest/write-path/apply-write.ts';
import { findPlaceByKey } from '../../store/catalog/locations.ts';
import { type Database, openDatabase } from '../../store/index.ts';
import { isDelivered } from '../../store/operations/change-log.ts';
import type { Logger } from '../logger.ts';
import { UsageError } from '../usage-error.ts';
import { changeDeliveryFrom, purgersFrom } from './edge-command.ts';

/**
 * `isobar purge <CC/Name…>`: every origin sharing the database drops those places' answers, and
 * the caches downstream (Cloudflare, Varnish) purge them by tag. Returns the exit code: 1 when
 * they could not be told (the change log keeps the purge, and a running origin tries it again).
 */
export async function purgeCommand(
  config: Config,
  db: Database,
  log: Logger,
  names: readonly string[],
): Promise<number> {
  if (names.length === 0) {
    throw new UsageError('isobar purge needs places, e.g. isobar purge GB/London');
  }
  const ids: number[] = [];
  for (const name of names) {
    const ref = readPlaceRef(name);
    const place = ref && (await findPlaceByKey(db, ref.countryCode, ref.key));
    if (!place) throw new UsageError(`no place "${name}" in the catalog (write it as GB/London)`);
    ids.push(place.id);
  }
  const { changes, changeId } = await applyWrite(
    db,
    { touched: ids },
    { now: new Date(), reason: 'purge' },
  );
  console.log(`origins: told that ${changes.places.join(', ')} changed`);
  const downstream = purgersFrom(config, log).map((p) => p.name);
  if (downstream.length === 0) {
    console.log('caches downstream: none configured (CF_ZONE_ID and CF_API_TOKEN, VARNISH_URLS)');
    return 0;
  }
  const delivery = changeDeliveryFrom(config, db, log);
  await delivery.drain();
  await delivery.stop();
  const done = changeId === null || (await isDelivered(db, changeId));
  const where = downstream.join('; ');
  console.log(done ? `purged: ${where}` : `purge failed (see the log): ${where}`);
  return done ? 0 : 1;
}

/** `isobar purge` as the command line runs it: on the configured database. */
export async function purgeOnDatabase(
  config: Config,
  log: Logger,
  names: readonly string[],
): Promise<number> {
  const db = await openDatabase(config.dsn);
  try {
    return await purgeCommand(config, db, log, names);
  } finally {
    await db.close();
  }
}
