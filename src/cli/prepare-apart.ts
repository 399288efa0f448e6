import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/env.ts';
import type { Logger } from './logger.ts';
import type { Reporter } from './prepare.ts';
import { createProgressReporter } from './progress.ts';

/** What the child is asked to do. */
export interface PrepareJob {
  dsn: string;
  demoPlaces: number;
  /** A database not yet made (an embedded directory without one): its catalog is surely empty. */
  fresh?: boolean;
}

/** What the child tells its parent. */
export type PrepareMessage =
  | { kind: 'info'; text: string }
  | { kind: 'progress'; step: string; done: number; total: number }
  | { kind: 'failed'; name: string; message: string; stack?: string };

/** Whether a DSN names a database only this process can see (PGlite in memory). */
export function isPrivateDatabase(dsn: string): boolean {
  return dsn === 'pglite:memory' || dsn === 'pglite:';
}

/** Whether a DSN names an embedded directory that holds no database yet: a first start. */
export function isNewEmbeddedDatabase(dsn: string): boolean {
  return (
    dsn.startsWith('pglite:') &&
    !isPrivateDatabase(dsn) &&
    !existsSync(join(dsn.slice(7), 'PG_VERSION'))
  );
}

/**
 * Prepares the database as `serve` does before listening (prepareDatabase), in a child process
 * with a connection of its own that has ended when this resolves. What a load takes goes with
 * the child: the catalog's rows and indexes in JavaScript, node-postgres' buffers, and above all
 * PGlite's WebAssembly memory, which grows to the largest statement it has run and never shrinks.
 * Loaded in the server's own process, a first start left it ~1.2 GB resident; in a worker thread,
 * ~730 MB (the allocator keeps what the thread's arenas held). A process returns all of it.
 * Call it before the server opens the database: an embedded directory is open once at a time.
 * Not for a database in this process's memory alone (isPrivateDatabase).
 */
export function prepareApart(job: PrepareJob, log: Reporter): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./prepare-child.ts', import.meta.url), [JSON.stringify(job)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let failure: Error | undefined;
    child.on('message', (message: PrepareMessage) => {
      if (message.kind === 'info') log.info(message.text);
      else if (message.kind === 'progress')
        log.progress?.(message.step, message.done, message.total);
      else
        failure = Object.assign(new Error(message.message), {
          name: message.name,
          stack: message.stack,
        });
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (failure) reject(failure);
      else if (code === 0) resolve();
      else reject(new Error(`preparing the database stopped (${signal ?? `exit status ${code}`})`));
    });
  });
}

/** A DSN as the log shows it: without its password. */
export function shownDsn(dsn: string): string {
  return dsn.replace(/\/\/[^@/]*@/, '//…@');
}

/**
 * What `serve` does first with a database other processes can open: says which it is and
 * prepares it apart (prepareApart). Nothing for a private one (isPrivateDatabase), which
 * startServing prepares once it has opened it.
 */
export async function prepareForServing(
  config: Pick<Config, 'dsn' | 'DEMO_PLACES'>,
  log: Logger,
): Promise<void> {
  if (isPrivateDatabase(config.dsn)) return;
  log.info(`database: ${shownDsn(config.dsn)}`);
  const fresh = isNewEmbeddedDatabase(config.dsn);
  await prepareApart(
    { dsn: config.dsn, demoPlaces: config.DEMO_PLACES, fresh },
    createProgressReporter(log),
  );
}
