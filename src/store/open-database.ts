import type { Database, QueryObserver } from './database.ts';
import { openPg } from './pg-driver.ts';
import { openPglite } from './pglite-driver.ts';

export interface OpenDatabaseOptions {
  /** Told the name of every statement run; metrics hang off this. */
  observe?: QueryObserver;
}

/**
 * Opens the store named by a DSN: `postgres://…` (node-postgres pool) or `pglite:<dir>` /
 * `pglite:memory`.
 */
export async function openDatabase(
  dsn: string,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  const observe = options.observe ?? (() => {});
  if (/^postgres(ql)?:\/\//.test(dsn)) return openPg(dsn, observe);
  if (dsn.startsWith('pglite:')) return openPglite(dsn.slice('pglite:'.length), observe);
  const shown = dsn.replace(/\/\/[^@/]*@/, '//…@');
  throw new Error(`unsupported database DSN "${shown}": use postgres://… or pglite:<dir|memory>`);
}
