import type { Config } from '../config/env.ts';
import { ConfigError } from '../config/env.ts';
import { PACKAGE_VERSION } from '../config/package-root.ts';
import { HOUR_MS } from '../contract/durations.ts';
import { readPlaceRef } from '../contract/uris/place-uri.ts';
import { openGeoDatabaseWhenNeeded } from '../geo/geo-database.ts';
import { followChanges } from '../http/cache/follow-changes.ts';
import { providerModules } from '../ingest/providers/registry.ts';
import { startProviderService } from '../ingest/scheduling/refresh-service.ts';
import { createMetrics, type Metrics } from '../metrics/metrics.ts';
import { createIsobarApp } from '../runtime/isobar-app.ts';
import { nodeSocketAddress, type ServerLimits, startNodeServer } from '../runtime/node.ts';
import { findPlaceByKey } from '../store/catalog/locations.ts';
import { type Database, openDatabase } from '../store/index.ts';
import { alertPollingFrom } from './commands/alerts-command.ts';
import { changeDeliveryFrom } from './commands/edge-command.ts';
import { geoCredits, geoPaths } from './commands/geo-command.ts';
import { webhooksFrom } from './commands/subscription-command.ts';
import type { Logger } from './logger.ts';
import { prepareDatabase, refreshDemo } from './prepare.ts';
import { isPrivateDatabase, prepareForServing, shownDsn } from './prepare-apart.ts';
import { createProgressReporter } from './progress.ts';

/** An origin serving, as `isobar serve` runs one. */
export interface Serving {
  /** The port bound (PORT=0 picks one). */
  port: number;
  db: Database;
  metrics: Metrics;
  app: ReturnType<typeof createIsobarApp>;
  /** Stops taking requests, lets those in flight finish, then stops everything else in order. */
  stop(): Promise<void>;
}

export interface StartServingOptions {
  /**
   * The database's preparation (prepareForServing), when the caller began it already: `serve`
   * does, so that the child process prepares while this one loads the server's modules.
   */
  prepared?: Promise<void>;
}

/**
 * Everything `isobar serve` runs, wired from its configuration: the database prepared, the app
 * with the dashboard, the providers, the change log followed and delivered downstream, the Node
 * server with its limits, the demo source's hourly refresh. `isobar serve`, the benchmarks and
 * the end-to-end tests start an origin so, and so measure and test what users run.
 */
export async function startServing(
  config: Config,
  log: Logger,
  options: StartServingOptions = {},
): Promise<Serving> {
  const metrics = createMetrics({ processMetrics: true });
  // A misspelt provider stops the start here, before anything is opened or prepared.
  providerModules(config);
  // A missing or corrupt geolocation file stops startup, naming the file, before the database is
  // opened; where the edge geolocates, none is read at all. Checked while the database is prepared.
  const geoChecked =
    config.GEOLOCATION === 'origin' ? openGeoDatabaseWhenNeeded(geoPaths(config)) : null;
  geoChecked?.catch(() => {}); // awaited below, where a refusal stops the start
  // Prepared before the server opens it, by a process whose memory goes when it is done.
  await (options.prepared ?? prepareForServing(config, log));
  const geo = await geoChecked;
  // On PGlite, commands run beside this server reach the database through it (a Unix socket).
  const db = await openDatabase(config.dsn, {
    observe: (query) => metrics.dbQueries.inc({ query }),
    share: true,
    listen: { url: config.DATABASE_LISTEN_URL, heartbeatMs: config.DATABASE_LISTEN_HEARTBEAT_MS },
  });
  if (isPrivateDatabase(config.dsn)) {
    log.info(`database: ${db.driver} (${shownDsn(config.dsn)})`);
    await prepareDatabase(db, config.DEMO_PLACES, createProgressReporter(log));
  }
  if (config.DEFAULT_LOCATION) {
    const ref = readPlaceRef(config.DEFAULT_LOCATION);
    if (!ref || !(await findPlaceByKey(db, ref.countryCode, ref.key))) {
      throw new ConfigError(
        `DEFAULT_LOCATION: no place "${config.DEFAULT_LOCATION}" in the catalog`,
      );
    }
  }

  // Views are counted even with no provider enabled here: an `isobar ingest` elsewhere reads them.
  // A provider that cannot run as configured stops startup here, naming the setting.
  const providers = await startProviderService({ db, config, log, metrics });
  // Weather warnings from the CAP feeds of ALERT_FEEDS, if any, on the same job queue.
  const alerts = alertPollingFrom(config, db, log);
  await alerts?.start();
  log.info(
    !providers.ensureWeather
      ? 'weather: only what is written to isobar (PROVIDERS=none)'
      : providers.providers.length > 0
        ? `weather: ${providers.providers.join(', ')} for every place viewed; demo weather, labelled, where it cannot be reached`
        : 'weather: demo only (PROVIDERS=demo), generated for every place viewed; nothing is asked upstream',
  );
  const app = createIsobarApp({
    db,
    metrics,
    cacheMaxBytes: config.CACHE_MAX_BYTES,
    log,
    credits: geoCredits(config),
    metricsAllow: config.METRICS_ALLOW,
    client: { socketAddress: nodeSocketAddress, trustedProxies: config.TRUST_PROXY },
    firstVisit: { geo, defaultLocation: config.DEFAULT_LOCATION ?? null },
    writeRateLimit: config.WRITE_RATE_LIMIT,
    onPlaceView: providers.onPlaceView,
    ensureWeather: providers.ensureWeather,
    version: PACKAGE_VERSION,
    providers: providers.budgets,
    dashboard: { apiUrl: config.DASHBOARD_API_URL, metricsUrl: config.DASHBOARD_METRICS_URL },
  });
  // The caches downstream learn of every committed change from the change log; what an earlier
  // process left undelivered (it died after a commit) goes first.
  const delivery = changeDeliveryFrom(config, db, log, (result) =>
    metrics.edgePurges.inc({ result }),
  );
  delivery.start();
  // Webhook subscriptions are pushed the change feed; none where no job queue reaches the store.
  const webhooks = await webhooksFrom(config, db, log, metrics);
  // Every origin sharing the database drops a place's answers the moment a write commits.
  // A listening connection that cannot hear the pool's notifications refuses the start: what
  // was opened is closed first, so the refusal is the last word (and a test's process is clean).
  const unfollow = await followChanges(db, app.cache, {
    count: (event) => metrics.changeEvents.inc({ event }),
    changed: () => {
      delivery.wake();
      webhooks?.wake();
    },
    log: { warn: (message) => log.warn(message) },
  }).catch(async (err: unknown) => {
    await alerts?.stop();
    await providers.stop();
    await delivery.stop();
    await webhooks?.stop();
    await db.close();
    throw err;
  });
  const server = await startNodeServer(app, {
    host: config.HOST,
    port: config.PORT,
    limits: serverLimits(config),
  });
  log.info(`isobar is serving on ${siteUrl(config.HOST, server.port)} — open it in a browser`);

  // The demo source "publishes" on the hour; its writes announce the places they change.
  let timer: NodeJS.Timeout | undefined;
  const scheduleDemo = () => {
    timer = setTimeout(
      async () => {
        await refreshDemo(db, config.DEMO_PLACES, log).catch((err: unknown) =>
          log.error({ err }, 'demo refresh failed'),
        );
        scheduleDemo();
      },
      HOUR_MS - (Date.now() % HOUR_MS) + 1000,
    );
  };
  if (config.DEMO_PLACES > 0) scheduleDemo();

  return {
    port: server.port,
    db,
    metrics,
    app,
    async stop() {
      clearTimeout(timer);
      // Stop taking requests and let those in flight finish (bounded by SHUTDOWN_GRACE_MS)
      // before anything they may still need goes: the providers, the change feed, the pool.
      const started = Date.now();
      await server.close();
      log.info(`stopped serving in ${Date.now() - started} ms`);
      await alerts?.stop();
      await providers.stop();
      await unfollow();
      await delivery.drain();
      await delivery.stop();
      await webhooks?.stop();
      await db.close();
    },
  };
}

/** Where a person on this machine opens the site: a wildcard address as loopback. */
export function siteUrl(host: string, port: number): string {
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${local.includes(':') ? `[${local}]` : local}:${port}/`;
}

/** The Node server's limits, from their settings. */
export function serverLimits(config: Config): ServerLimits {
  return {
    maxUrlLength: config.MAX_URL_LENGTH,
    maxHeaderBytes: config.MAX_HEADER_BYTES,
    maxQueryParams: config.MAX_QUERY_PARAMS,
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    maxConnections: config.MAX_CONNECTIONS,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
  };
}
