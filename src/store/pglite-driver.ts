import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { checkChannel, type Database, type QueryObserver } from './database.ts';
import { lockDirectory } from './directory-lock.ts';
import { type Connection, createQueryable } from './queryable.ts';

function connection(target: PGlite | Transaction): Connection {
  return {
    async query(text, params, arrayRows) {
      const res = await target.query(
        text,
        params as unknown[],
        arrayRows ? { rowMode: 'array' } : undefined,
      );
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
    begin(fn) {
      if (!('transaction' in target)) throw new Error('nested begin inside a PGlite transaction');
      return (target as PGlite).transaction((tx) => fn(connection(tx)));
    },
  };
}

/**
 * Embedded PGlite: `pglite:memory` in memory, `pglite:<dir>` on disk. A directory is locked for
 * as long as it is open: a second process on it would corrupt it, so it is refused (StoreRefusal).
 */
export async function openPglite(location: string, observe: QueryObserver): Promise<Database> {
  const inMemory = location === 'memory' || location === '';
  if (!inMemory) mkdirSync(location, { recursive: true });
  const lock = inMemory ? undefined : lockDirectory(location);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : location);
  } catch (err) {
    lock?.release();
    throw err;
  }
  const conn = connection(pglite);
  return {
    ...createQueryable(conn, observe),
    driver: 'pglite',
    // In-process: nothing between the writer and the listener can drop a message.
    listen: async (channel, events) => pglite.listen(checkChannel(channel), events.message),
    close: async () => {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
