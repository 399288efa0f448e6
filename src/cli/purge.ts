import type { Config } from '../config/env.ts';
import { placePath, readPlaceRef } from '../contract/place.ts';
import { type Database, openDatabase } from '../store/index.ts';
import { notifyPlacesChanged } from '../store/repositories/changes.ts';
import { findPlaceByKey } from '../store/repositories/locations.ts';
import { purgerFrom } from './edge.ts';
import type { Logger } from './logger.ts';
import { UsageError } from './usage-error.ts';

/**
 * `isobar purge <CC/Name…>`: every origin sharing the database drops those places' answers, and
 * the edge (EDGE_URL) purges them. Returns the exit code: 1 when the edge could not be told.
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
  const refs: string[] = [];
  for (const name of names) {
    const ref = readPlaceRef(name);
    const place = ref && (await findPlaceByKey(db, ref.countryCode, ref.key));
    if (!place) throw new UsageError(`no place "${name}" in the catalog (write it as GB/London)`);
    refs.push(placePath(place).slice(1));
  }
  await db.transaction((tx) => notifyPlacesChanged(tx, refs));
  console.log(`origins: told that ${refs.join(', ')} changed`);
  if (!config.EDGE_URL) {
    console.log('edge: not configured (set EDGE_URL and PURGE_SECRET to purge it)');
    return 0;
  }
  let result = 'failed' as 'ok' | 'failed';
  const purger = purgerFrom(config, log, (r) => {
    result = r;
  });
  await purger.purge({ places: refs, days: [] });
  console.log(
    result === 'ok' ? `edge: purged at ${config.EDGE_URL}` : 'edge: purge failed (see the log)',
  );
  return result === 'ok' ? 0 : 1;
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
