import { createLogger } from '../../src/cli/logger.ts';
import { type Serving, startServing } from '../../src/cli/serving.ts';
import { loadConfig } from '../../src/config/env.ts';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { readRegions } from '../../src/ingest/catalog/name-files.ts';
import { seedDemoWeather } from '../../src/ingest/demo/demo-source.ts';
import type { Metrics } from '../../src/metrics/metrics.ts';
import { migrate } from '../../src/store/index.ts';
import type { DriverCase } from './databases.ts';
import { settleChangeLog } from './deliveries.ts';
import { FIXTURE_PLACES } from './fixture.ts';

/** An origin as `isobar serve` wires it (startServing), in this process, on fixture data. */
export interface ServingFixture {
  serving: Serving;
  /** `http://127.0.0.1:{port}` */
  base: string;
  /** The current value of a counter series, summed over the series the labels select. */
  counter(name: string, labels?: Record<string, string>): Promise<number>;
  /** Stops serving, then drops the database. */
  dispose(): Promise<void>;
}

/** A counter's value in a metrics registry, summed over the series `labels` select. */
export async function counterOf(
  metrics: Metrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  const wanted = Object.entries(labels);
  return (metric?.values ?? [])
    .filter((v) => wanted.every(([k, value]) => v.labels[k] === value))
    .reduce((sum, v) => sum + v.value, 0);
}

/**
 * `startServing` from a configuration of `env` (plus HOST 127.0.0.1, no demo refresh, no
 * provider unless `env` names one, quiet logs) on a new database of the driver's holding the
 * fixture catalog, its region names and the demo weather of the current hour, with nothing left
 * to deliver in the change log.
 */
export async function startServingFixture(
  driver: DriverCase,
  /** Settings, or settings made from the new database's DSN. */
  env: Record<string, string> | ((dsn: string) => Record<string, string>) = {},
): Promise<ServingFixture> {
  const t = await driver.open();
  await migrate(t.db);
  const countries = new Set(FIXTURE_PLACES.map((p) => p.countryCode));
  const regions = readRegions().filter((r) => countries.has(r.countryCode));
  await loadCatalog(t.db, FIXTURE_PLACES, { regions });
  await seedDemoWeather(t.db, { places: FIXTURE_PLACES.length - 1, now: new Date() });
  await settleChangeLog(t.db);
  // The served origin opens the database itself (PGlite allows one opener at a time).
  const close = t.db.close;
  let closed: Promise<void> | undefined;
  t.db.close = () => {
    closed ??= close();
    return closed;
  };
  await t.db.close();
  const config = loadConfig({
    DATABASE_URL: t.dsn,
    HOST: '127.0.0.1',
    PORT: '0',
    DEMO_PLACES: '0',
    // Never the real Open-Meteo: a test that wants a provider points it at 127.0.0.1.
    PROVIDERS: 'none',
    ...(typeof env === 'function' ? env(t.dsn) : env),
  });
  const serving = await startServing(config, createLogger('silent')).catch(async (err) => {
    await t.dispose();
    throw err;
  });
  return {
    serving,
    base: `http://127.0.0.1:${serving.port}`,
    counter: (name, labels) => counterOf(serving.metrics, name, labels),
    async dispose() {
      await serving.stop();
      await t.dispose();
    },
  };
}
