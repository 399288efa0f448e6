import type { Database, QueryObserver } from './database.ts';
import { servingSocket } from './directory-lock.ts';
import { openPg, openPgSocket } from './pg-driver.ts';
import type { ListenOptions } from './pg-listener.ts';
import { openPglite } from './pglite-driver.ts';

export interface OpenDatabaseOptions {
  /** Told the name of every statement run; metrics hang off this. */
  observe?: QueryObserver;
  /**
   * Serve a `pglite:<dir>` database to this user's other processes while it is open (what
   * `isobar serve` asks for); such a process never connects to another's.
   */
  share?: boolean;
  /** On a Postgres server: the listening connection's own DSN and heartbeat (pg-listener.ts). */
  listen?: ListenOptions;
}

/**
 * Opens the store named by a DSN: `postgres://…` (node-postgres pool) or `pglite:<dir>` /
 * `pglite:memory`. A `pglite:<dir>` that a live process on this host holds and shares (`isobar
 * serve`) is reached through that process's socket, so a command works the same beside a server.
 */
export async function openDatabase(
  dsn: string,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  const observe = options.observe ?? (() => {});
  if (/^postgres(ql)?:\/\//.test(dsn)) return openPg(dsn, observe, options.listen);
  if (dsn.startsWith('pglite:')) {
    const location = dsn.slice('pglite:'.length);
    const onDisk = location !== 'memory' && location !== '';
    const socket = onDisk && !options.share ? servingSocket(location) : undefined;
    if (socket) return openPgSocket(socket, observe);
    return openPglite(location, observe, { share: options.share });
  }
  const shown = dsn.replace(/\/\/[^@/]*@/, '//…@');
  throw new Error(`unsupported database DSN "${shown}": use postgres://… or pglite:<dir|memory>`);
}
