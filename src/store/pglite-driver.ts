import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { checkChannel, type Database, type QueryObserver } from './database.ts';
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

/** Embedded PGlite: `pglite:memory` in memory, `pglite:<dir>` on disk. */
export async function openPglite(location: string, observe: QueryObserver): Promise<Database> {
  const inMemory = location === 'memory' || location === '';
  if (!inMemory) mkdirSync(location, { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : location);
  const conn = connection(pglite);
  return {
    ...createQueryable(conn, observe),
    driver: 'pglite',
    // In-process: nothing between the writer and the listener can drop a message.
    listen: async (channel, events) => pglite.listen(checkChannel(channel), events.message),
    close: () => pglite.close(),
  };
}
