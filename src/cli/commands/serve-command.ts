import type { Config } from '../../config/env.ts';
import { probeListen } from '../listen-probe.ts';
import type { Logger } from '../logger.ts';
import { startServing } from '../serving.ts';

/** `isobar serve`: prepares the database, then serves until SIGINT or SIGTERM. */
export async function serveCommand(config: Config, log: Logger): Promise<void> {
  // A port in use or not permitted is said at once, before the database is prepared.
  await probeListen(config.HOST, config.PORT);
  const serving = await startServing(config, log);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log.info(
        `${signal}: shutting down (requests in flight get up to ${config.SHUTDOWN_GRACE_MS} ms)`,
      );
      // A second signal means now: an operator who asks twice does not wait for the grace.
      const now = (again: NodeJS.Signals) => {
        log.warn(`${again}: exiting without waiting`);
        process.exit(1);
      };
      process.once('SIGINT', now);
      process.once('SIGTERM', now);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await serving.stop();
}
