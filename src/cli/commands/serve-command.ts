import type { Config } from '../../config/env.ts';
import { providerModules } from '../../ingest/providers/registry.ts';
import { probeListen } from '../listen-probe.ts';
import type { Logger } from '../logger.ts';
import { prepareForServing } from '../prepare-apart.ts';

/** How soon a repeat of the signal that stops the server is that same stop, delivered twice. */
const SAME_STOP_MS = 500;

/** `isobar serve`: prepares the database, then serves until SIGINT or SIGTERM. */
export async function serveCommand(config: Config, log: Logger): Promise<void> {
  // A port in use or not permitted is said at once, before the database is prepared.
  await probeListen(config.HOST, config.PORT);
  // So is a misspelt provider, before anything is prepared.
  providerModules(config);
  // The database is prepared in a process of its own while this one loads the server's modules
  // (~1.3 s of CPU on a busy two-core machine), which a first start used to wait for before it
  // began preparing. startServing awaits it; a failure is reported there, not as unhandled.
  const prepared = prepareForServing(config, log);
  prepared.catch(() => {});
  const { startServing } = await import('../serving.ts');
  const serving = await startServing(config, log, { prepared });
  await new Promise<void>((resolve) => {
    // One listener for the whole life of the process: were there none for a moment (a `once`
    // taken off before the next went on), a signal arriving then would kill it unheard.
    let first: { signal: NodeJS.Signals; at: number } | undefined;
    const heard = (signal: NodeJS.Signals) => {
      if (!first) {
        first = { signal, at: Date.now() };
        log.info(
          `${signal}: shutting down (requests in flight get up to ${config.SHUTDOWN_GRACE_MS} ms)`,
        );
        resolve();
        return;
      }
      // A second signal means now: an operator who asks twice does not wait for the grace. But
      // under `npm start` one stop arrives twice: Ctrl-C in a terminal and systemd's stop signal
      // the whole process group, and npm forwards what it got to isobar as well, at once.
      if (signal === first.signal && Date.now() - first.at < SAME_STOP_MS) return;
      log.warn(`${signal}: exiting without waiting`);
      process.exit(1);
    };
    process.on('SIGINT', heard);
    process.on('SIGTERM', heard);
  });
  await serving.stop();
}
