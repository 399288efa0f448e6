import type { Config } from '../config/env.ts';
import { createApp } from '../http/create-app.ts';
import { createMetrics } from '../http/metrics.ts';
import { startNodeServer } from '../runtime/node.ts';
import { openDatabase } from '../store/index.ts';
import type { Logger } from './logger.ts';
import { prepareDatabase, refreshDemo } from './prepare.ts';

const HOUR = 3_600_000;

/** `isobar serve`: prepares the database, then serves until SIGINT or SIGTERM. */
export async function serveCommand(config: Config, log: Logger): Promise<void> {
  const metrics = createMetrics({ processMetrics: true });
  const db = await openDatabase(config.dsn, { observe: (query) => metrics.dbQueries.inc({ query }) });
  log.info(`database: ${db.driver} (${config.dsn.replace(/\/\/[^@/]*@/, '//…@')})`);
  await prepareDatabase(db, config.DEMO_PLACES, log);

  const app = createApp({ db, metrics, cacheMaxBytes: config.CACHE_MAX_BYTES, log });
  const server = await startNodeServer(app, { host: config.HOST, port: config.PORT });
  log.info(`isobar listening on http://${config.HOST}:${server.port}/`);

  // The demo source "publishes" on the hour; drop cached pages once the new hour is written.
  let timer: NodeJS.Timeout | undefined;
  const scheduleDemo = () => {
    timer = setTimeout(async () => {
      await refreshDemo(db, config.DEMO_PLACES, log).catch((err: unknown) => log.error({ err }, 'demo refresh failed'));
      app.cache.clear();
      scheduleDemo();
    }, HOUR - (Date.now() % HOUR) + 1000);
  };
  if (config.DEMO_PLACES > 0) scheduleDemo();

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info(`${signal}: shutting down`);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearTimeout(timer);
  await server.close();
  await db.close();
}
