import type { Config } from '../../config/env.ts';
import { probeListen } from '../listen-probe.ts';
import type { Logger } from '../logger.ts';
import { startServing } from '../serving.ts';

/** How soon a repeat of the signal that stops the server is that same stop, delivered twice. */
const SAME_STOP_MS = 500;

/** `isobar serve`: prepares the database, then serves until SIGINT or SIGTERM. */
export async function serveCommand(config: Config, log: Logger): Promise<void> {
  // A port in use or not permitted is said at once, before the database is prepared.
  await probeListen(config.HOST, config.PORT);
  const serving = await startServing(config, log);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      const asked = Date.now();
      log.info(
        `${signal}: shutting down (requests in flight get up to ${config.SHUTDOWN_GRACE_MS} ms)`,
      );
      // A second signal means now: an operator who asks twice does not wait for the grace. But
      // under `npm start` one stop arrives twice: Ctrl-C in a terminal and systemd's stop signal
      // the whole process group, and npm forwards what it got to isobar as well, at once.
      const now = (again: NodeJS.Signals) => {
        if (again === signal && Date.now() - asked < SAME_STOP_MS) return;
        log.warn(`${again}: exiting without waiting`);
        process.exit(1);
      };
      process.on('SIGINT', now);
      process.on('SIGTERM', now);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await serving.stop();
}
